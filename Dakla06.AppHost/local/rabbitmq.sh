#!/usr/bin/env bash
# Runs a local RabbitMQ broker (Debian's rabbitmq-server, management plugin on) in the FOREGROUND
# (logs on stdout) for the AppHost's local mode and for the test fixture.
#
# Environment:
#   DAKLA06_DATA_DIR         data root (required): config, plugins file, mnesia, pid, erlang cookie
#   DAKLA06_PORT             AMQP port on 127.0.0.1 (default 55672)
#   DAKLA06_MANAGEMENT_PORT  management HTTP API/UI on 127.0.0.1 (default 15672)
#   DAKLA06_DIST_PORT        Erlang distribution port (default 25672)
#   DAKLA06_EPMD_PORT        port of this instance's PRIVATE epmd (default 24369; not 4369, the system one)
#   DAKLA06_NODENAME         Erlang node name (default dakla06@localhost)
#   DAKLA06_PARENT_PID       optional: stop the broker and exit when this process is gone
#   DAKLA06_MAX_RESTARTS     restarts of a broker that stopped by itself (default 0; see supervise.sh)
#
# Login: guest/guest, which RabbitMQ only accepts from localhost (we listen on 127.0.0.1 only).
# The wrapper starts its own epmd on DAKLA06_EPMD_PORT (bound to 127.0.0.1, ERL_EPMD_PORT for the
# broker and rabbitmqctl) and kills it on exit, so no epmd is left behind and instances do not share
# one (nor the system's 4369). As root, everything runs as the `rabbitmq` OS user (setpriv) with
# HOME=$DAKLA06_DATA_DIR (the erlang cookie lives there) and the data root owned by rabbitmq.
# TERM/INT/HUP: SIGTERM to the Erlang VM (RabbitMQ's clean shutdown, like `rabbitmqctl stop`), wait,
# stop epmd, exit 0.
set -euo pipefail

log() { printf '[rabbitmq.sh] %s\n' "$*" >&2; }
# shellcheck source=supervise.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

DATA_ROOT="${DAKLA06_DATA_DIR:?DAKLA06_DATA_DIR must name the data root}"
PORT="${DAKLA06_PORT:-55672}"
MGMT_PORT="${DAKLA06_MANAGEMENT_PORT:-15672}"
DIST_PORT="${DAKLA06_DIST_PORT:-25672}"
EPMD_PORT="${DAKLA06_EPMD_PORT:-24369}"
NODENAME="${DAKLA06_NODENAME:-dakla06@localhost}"
PARENT_PID="${DAKLA06_PARENT_PID:-}"

RMQ_BIN=/usr/lib/rabbitmq/bin
if [[ ! -x $RMQ_BIN/rabbitmq-server ]] || ! command -v epmd >/dev/null 2>&1; then
  log "rabbitmq-server is not installed."
  log "Install it with: sudo apt-get install -y rabbitmq-server   (or run ./dakla06 prereq as root)"
  exit 2
fi
EPMD="$(readlink -f "$(command -v epmd)")"

mkdir -p "$DATA_ROOT"
R="$(cd "$DATA_ROOT" && pwd -P)"
mkdir -p "$R/mnesia" "$R/log"

# Config (RABBITMQ_CONFIG_FILE is given WITHOUT the .conf extension) and the enabled-plugins file,
# written directly: running rabbitmq-plugins would start a CLI node (and an epmd as root).
cat >"$R/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$PORT
management.tcp.port = $MGMT_PORT
management.tcp.ip = 127.0.0.1
loopback_users.guest = true
vm_memory_high_watermark.relative = 0.6
disk_free_limit.absolute = 50MB
EOF
echo '[rabbitmq_management].' >"$R/plugins"
if [[ ! -s $R/.erlang.cookie ]]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$R/.erlang.cookie"
fi
chmod 400 "$R/.erlang.cookie"

# setpriv runs every process of the broker: as root it switches to the rabbitmq user; always, it
# execs without staying in between (unlike runuser, which SIGKILLs its child 2 s after a TERM).
as_rmq=(setpriv)
if [[ $(id -u) -eq 0 ]]; then
  id rabbitmq >/dev/null 2>&1 || { log "no 'rabbitmq' OS user: sudo apt-get install -y rabbitmq-server"; exit 2; }
  as_rmq=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups)
  chown -R rabbitmq:rabbitmq "$R"
  if ! "${as_rmq[@]}" test -w "$R" 2>/dev/null; then
    d="$(dirname "$R")"
    while [[ $d != / ]]; do
      if [[ $(stat -c %A "$d") != ?????????x && $(stat -c %A "$d") != ?????????t ]]; then
        log "adding o+x (traverse only) to $d so the rabbitmq user can reach $R"
        chmod o+x "$d"
      fi
      d="$(dirname "$d")"
    done
  fi
fi

# The environment of every Erlang/RabbitMQ process of this instance.
rmq_env=(
  env HOME="$R" LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin
  ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
  RABBITMQ_NODENAME="$NODENAME" RABBITMQ_USE_LONGNAME=false
  RABBITMQ_DIST_PORT="$DIST_PORT"
  RABBITMQ_CONFIG_FILE="$R/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$R/plugins"
  RABBITMQ_MNESIA_BASE="$R/mnesia" RABBITMQ_PID_FILE="$R/pid"
  RABBITMQ_LOG_BASE="$R/log" RABBITMQ_LOGS=- RABBITMQ_SASL_LOGS=-
  RABBITMQ_CONF_ENV_FILE=/dev/null
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
)

alive_cmd() { # pid pattern: is pid alive and does its command line match?
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$2"
}

# Leftovers of a killed wrapper of this data dir: stop them before starting.
if [[ -f $R/pid ]] && alive_cmd "$(cat "$R/pid")" beam; then
  old="$(cat "$R/pid")"
  log "stopping a leftover broker (pid $old) of $R"
  kill -TERM "$old" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$old" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$old" 2>/dev/null || true
fi
if [[ -f $R/epmd.pid ]] && alive_cmd "$(cat "$R/epmd.pid")" epmd; then
  kill "$(cat "$R/epmd.pid")" 2>/dev/null || true
fi
rm -f "$R/pid" "$R/epmd.pid"

epmd_pid=""
server=""
ticker=""
stopping=""
stop_all() {
  [[ -n $stopping ]] && return
  stopping=1
  if [[ -n $ticker ]]; then kill "$ticker" 2>/dev/null || true; ticker=""; fi
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    log "stopping the broker"
    local vm=""
    [[ -f $R/pid ]] && vm="$(cat "$R/pid" 2>/dev/null || true)"
    # SIGTERM to the Erlang VM is RabbitMQ's clean shutdown (the same as `rabbitmqctl stop`, without
    # booting a CLI node first: ~6 s instead of ~8 s here, which matters as DCP kills after ~6 s).
    if [[ -n $vm ]] && kill -0 "$vm" 2>/dev/null; then
      kill -TERM "$vm" 2>/dev/null || true
    else
      kill -TERM "$server" 2>/dev/null || true   # VM not up yet: the launcher script stops it
    fi
    for _ in $(seq 120); do kill -0 "$server" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$server" 2>/dev/null; then
      log "broker did not stop in 30 s: killing it"
      [[ -n $vm ]] && kill -9 "$vm" 2>/dev/null || true
      kill -9 "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
  fi
  if [[ -n $epmd_pid ]]; then
    kill "$epmd_pid" 2>/dev/null || true
    wait "$epmd_pid" 2>/dev/null || true
  fi
  rm -f "$R/epmd.pid"
}
trap 'stop_all; exit 0' TERM INT HUP
trap 'stop_all' EXIT

# A private epmd for this instance (foreground child: we know its pid and stop it ourselves).
# --pdeathsig: if this wrapper is killed outright (e.g. SIGKILL from the orchestrator after its grace
# period), epmd dies with it and the broker still gets a TERM (a clean stop).
"${as_rmq[@]}" --pdeathsig KILL "${rmq_env[@]}" "$EPMD" -port "$EPMD_PORT" -address 127.0.0.1 &
epmd_pid=$!
echo "$epmd_pid" >"$R/epmd.pid"
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$EPMD_PORT") 2>/dev/null && break
  kill -0 "$epmd_pid" 2>/dev/null || { log "epmd could not start on port $EPMD_PORT"; exit 1; }
  sleep 0.1
done

start_server() {
  "${as_rmq[@]}" --pdeathsig TERM "${rmq_env[@]}" "$RMQ_BIN/rabbitmq-server" &
  server=$!
  log "rabbitmq-server (wrapper pid $server) node $NODENAME: amqp 127.0.0.1:$PORT, management 127.0.0.1:$MGMT_PORT, dist $DIST_PORT, epmd $EPMD_PORT, data $R"
}

supervise rabbitmq-server start_server stop_all
