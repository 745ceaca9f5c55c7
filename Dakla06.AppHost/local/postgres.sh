#!/usr/bin/env bash
# Runs a local PostgreSQL server in the FOREGROUND (logs on stdout) for the AppHost's local mode
# and for the test fixture (tests/Dakla06.Testing/TestServers.cs).
#
# Environment:
#   DAKLA06_DATA_DIR    data root (required). Cluster in $DAKLA06_DATA_DIR/data, unix socket in
#                       $DAKLA06_DATA_DIR itself. Created with initdb on first run; kept afterwards.
#   DAKLA06_PORT        TCP port on 127.0.0.1 (default 55432)
#   DAKLA06_PG_ARGS     extra server arguments, e.g. "-c fsync=off -c synchronous_commit=off"
#                       (tests only: the AppHost keeps durability)
#   DAKLA06_PARENT_PID  optional: stop the server and exit when this process is gone
#   DAKLA06_MAX_RESTARTS  restarts of a server that stopped by itself (default 0; see supervise.sh)
#
# As root the server runs as the `postgres` OS user (setpriv, which execs without staying in between,
# so signals and exit codes are direct; `runuser` would SIGKILL its child 2 s after a TERM). The data
# root is chowned to postgres and, if some parent directory is not traversable by others (e.g. a
# 0700 home), `o+x` (traverse only, not read) is added to it; this is printed when it happens.
# TERM/INT/HUP: `pg_ctl stop -m fast`, then exit 0. Without binaries: prints the install command, exit 2.
set -euo pipefail

log() { printf '[postgres.sh] %s\n' "$*" >&2; }
# shellcheck source=supervise.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

DATA_ROOT="${DAKLA06_DATA_DIR:?DAKLA06_DATA_DIR must name the data root}"
PORT="${DAKLA06_PORT:-55432}"
EXTRA_ARGS="${DAKLA06_PG_ARGS:-}"
PARENT_PID="${DAKLA06_PARENT_PID:-}"

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z $BIN || ! -x $BIN/postgres ]]; then
  log "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin."
  log "Install them with: sudo apt-get install -y postgresql-15   (or run ./dakla06 prereq as root)"
  exit 2
fi

mkdir -p "$DATA_ROOT"
DATA_ROOT="$(cd "$DATA_ROOT" && pwd -P)"
PGDATA="$DATA_ROOT/data"

as_pg=(setpriv)
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { log "no 'postgres' OS user: sudo apt-get install -y postgresql-15"; exit 2; }
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --reset-env)
  chown postgres:postgres "$DATA_ROOT"
  [[ -d $PGDATA ]] && chown -R postgres:postgres "$PGDATA"
  # The postgres user must be able to reach the data root: add o+x to parents that lack it.
  if ! "${as_pg[@]}" test -w "$DATA_ROOT" 2>/dev/null; then
    d="$(dirname "$DATA_ROOT")"
    while [[ $d != / ]]; do
      if [[ $(stat -c %A "$d") != ?????????x && $(stat -c %A "$d") != ?????????t ]]; then
        log "adding o+x (traverse only) to $d so the postgres user can reach $DATA_ROOT"
        chmod o+x "$d"
      fi
      d="$(dirname "$d")"
    done
  fi
fi
pg() { "${as_pg[@]}" env HOME="$DATA_ROOT" LC_ALL=C.UTF-8 "$@"; }

# First run: create the cluster.
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  log "initdb in $PGDATA"
  rm -rf "$PGDATA.tmp"
  pg "$BIN/initdb" -D "$PGDATA.tmp" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  mv "$PGDATA.tmp" "$PGDATA"
fi

# A postmaster of this data dir left over by a killed wrapper: stop it. A pid file whose process is
# gone is handled by postgres itself; one whose pid now belongs to another process is removed.
if [[ -f $PGDATA/postmaster.pid ]]; then
  old="$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null || true)"
  if [[ $old =~ ^[0-9]+$ ]] && kill -0 "$old" 2>/dev/null; then
    if tr '\0' ' ' <"/proc/$old/cmdline" 2>/dev/null | grep -q -- "postgres.*$PGDATA"; then
      log "stopping a leftover server (pid $old) of $PGDATA"
      pg "$BIN/pg_ctl" -D "$PGDATA" stop -m fast -t 60 >/dev/null || kill -9 "$old" 2>/dev/null || true
    else
      log "removing a stale postmaster.pid (pid $old now belongs to another process)"
      rm -f "$PGDATA/postmaster.pid"
    fi
  fi
fi

server=""
stopping=""
ticker=""
stop_server() {
  if [[ -n $ticker ]]; then kill "$ticker" 2>/dev/null || true; ticker=""; fi

  [[ -n $stopping ]] && return
  stopping=1
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    log "stopping (fast)"
    pg "$BIN/pg_ctl" -D "$PGDATA" stop -m fast -t 60 >/dev/null 2>&1 || kill -QUIT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
trap 'stop_server; exit 0' TERM INT HUP
trap 'stop_server' EXIT

start_server() {
  # shellcheck disable=SC2086 # DAKLA06_PG_ARGS is a list of words on purpose
  # --pdeathsig INT: if this wrapper is killed outright (e.g. SIGKILL from the orchestrator), the
  # postmaster gets SIGINT, i.e. a fast clean shutdown.
  "${as_pg[@]}" --pdeathsig INT env HOME="$DATA_ROOT" LC_ALL=C.UTF-8 "$BIN/postgres" -D "$PGDATA" -p "$PORT" -k "$DATA_ROOT" \
    -c listen_addresses=127.0.0.1 -c max_connections=200 -c logging_collector=off \
    -c log_line_prefix='%m [%p] ' $EXTRA_ARGS &
  server=$!
  log "postgres pid $server listening on 127.0.0.1:$PORT (data $PGDATA)"
}

supervise postgres start_server stop_server
