# Sourced by postgres.sh and rabbitmq.sh: run the server and wait on it in the foreground, in 1-second ticks so
# TERM/INT traps run promptly and a vanished parent (DAKLA06_PARENT_PID, set by the test servers) stops the server.
#
#   supervise NAME START_FUNCTION STOP_FUNCTION
#
# START_FUNCTION starts the server in the background and sets the caller's `server` to its pid. When the server stops
# by itself (crash, kill -9, out of memory) it is started again after a back-off that doubles (1 s, 2 s, 4 s … 30 s),
# at most DAKLA06_MAX_RESTARTS times (default 0: the test servers want a failure at once) within 10 minutes; the
# AppHost sets it, so its servers come back without the resource ever leaving "Running". Past the limit the wrapper
# exits non-zero (and the AppHost's own restart policy takes over). Exits 0 when the parent went away (after
# STOP_FUNCTION). Uses the caller's `server` and `ticker` variables (its stop function kills the ticker).
supervise() {
  local name=$1 start=$2 stop=$3 rc delay now at max=${DAKLA06_MAX_RESTARTS:-0}
  local window=600 restarts=() recent
  "$start"
  while true; do
    while kill -0 "$server" 2>/dev/null; do
      if [[ -n ${PARENT_PID:-} ]] && ! kill -0 "$PARENT_PID" 2>/dev/null; then
        log "parent process $PARENT_PID is gone"
        "$stop"
        exit 0
      fi
      pause 1
    done
    set +e
    wait "$server"
    rc=$?
    set -e
    server=""
    now=$(date +%s)
    recent=()
    for at in ${restarts[@]+"${restarts[@]}"}; do ((now - at < window)) && recent+=("$at"); done
    restarts=(${recent[@]+"${recent[@]}"})
    if ((${#restarts[@]} >= max)); then
      log "$name exited on its own with code $rc (restarts allowed: $max within $((window / 60)) min, done: ${#restarts[@]}): giving up"
      exit $((rc == 0 ? 1 : rc))
    fi
    delay=$((1 << ${#restarts[@]}))
    ((delay > 30)) && delay=30
    restarts+=("$now")
    log "$name exited on its own with code $rc: restarting it in $delay s (restart ${#restarts[@]} of at most $max within $((window / 60)) min)"
    pause "$delay"
    "$start"
  done
}

# Sleeps in the background and waits for it, so a TERM/INT trap runs at once rather than after the sleep.
pause() {
  sleep "$1" &
  ticker=$!
  wait "$ticker" 2>/dev/null || true
  ticker=""
}
