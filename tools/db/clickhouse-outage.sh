#!/usr/bin/env bash
# Test helper: a private ClickHouse server that a test may stop and start at will, so outage tests never take
# down the shared stack other tests and engineers use. Uses the stack's own functions (scripts/stack/clickhouse.sh)
# with a separate VIGIL_HOME and ports.
#   clickhouse-outage.sh up|start   start (or restart after `stop`) and wait until healthy
#   clickhouse-outage.sh stop       stop the server (TERM, then KILL after 30 s): a real outage
#   clickhouse-outage.sh hang|resume  SIGSTOP / SIGCONT: a hung server that accepts connections but never answers
#   clickhouse-outage.sh down       stop and delete its data
# Env: OUTAGE_CLICKHOUSE_HOME (default /tmp/vigil-outage-clickhouse), OUTAGE_CLICKHOUSE_HTTP_PORT (18123),
#      OUTAGE_CLICKHOUSE_TCP_PORT (19000).
set -euo pipefail
export VIGIL_HOME="${OUTAGE_CLICKHOUSE_HOME:-/tmp/vigil-outage-clickhouse}"
export CLICKHOUSE_HTTP_PORT="${OUTAGE_CLICKHOUSE_HTTP_PORT:-18123}"
export CLICKHOUSE_TCP_PORT="${OUTAGE_CLICKHOUSE_TCP_PORT:-19000}"
STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../scripts/stack" && pwd)"
# shellcheck source=../../scripts/stack/common.sh
source "$STACK_DIR/common.sh"
# shellcheck source=../../scripts/stack/clickhouse.sh
source "$STACK_DIR/clickhouse.sh"

wait_healthy() {
  local i
  for i in $(seq 1 120); do
    clickhouse_healthy && return 0
    sleep 0.5
  done
  fail "private ClickHouse did not become healthy in 60 s"
}

case "${1:-}" in
  up | start)
    clickhouse_start
    wait_healthy
    echo "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT"
    ;;
  stop) clickhouse_stop ;;
  hang) kill -STOP "$(cat "$CLICKHOUSE_PID")" ;;
  resume) kill -CONT "$(cat "$CLICKHOUSE_PID")" ;;
  down)
    clickhouse_stop
    rm -rf "$VIGIL_HOME"
    ;;
  *)
    echo "usage: $0 up|start|stop|hang|resume|down" >&2
    exit 2
    ;;
esac
