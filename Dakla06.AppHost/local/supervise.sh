# Sourced by postgres.sh and rabbitmq.sh: wait on the server in the foreground, in 1-second ticks so TERM/INT
# traps run promptly and a vanished parent (DAKLA06_PARENT_PID, set by the test servers) stops the server.
#
#   supervise NAME SERVER_PID STOP_FUNCTION
#
# Returns only by exiting: 0 when the parent went away (after STOP_FUNCTION), otherwise non-zero because the
# server stopped by itself (crash, bad configuration, port in use). Uses the caller's `ticker` variable, which
# its stop function kills.
supervise() {
  local name=$1 pid=$2 stop=$3 rc
  while kill -0 "$pid" 2>/dev/null; do
    if [[ -n ${PARENT_PID:-} ]] && ! kill -0 "$PARENT_PID" 2>/dev/null; then
      log "parent process $PARENT_PID is gone"
      "$stop"
      exit 0
    fi
    sleep 1 &
    ticker=$!
    wait "$ticker" 2>/dev/null || true
    ticker=""
  done
  set +e
  wait "$pid"
  rc=$?
  server=""
  log "$name exited on its own with code $rc"
  exit $((rc == 0 ? 1 : rc))
}
