#!/usr/bin/env bash
# Local stack without Docker: a real Apache Kafka (KRaft) broker and a real ClickHouse server, both on loopback,
# with every byte of data under VIGIL_HOME. Usage: stack.sh up | down | status | logs [-f]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"
source "$(dirname "${BASH_SOURCE[0]}")/clickhouse.sh"

export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_HTTP_PORT"

ensure_node_modules() {
  [[ -f "$REPO_ROOT/node_modules/.package-lock.json" ]] && return 0
  log "installing npm dependencies (npm ci)"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund >&2) || fail "npm ci failed"
}

kafka_admin() {
  (cd "$REPO_ROOT" && node --import tsx scripts/stack/kafka-admin.ts "$@")
}

wait_for_clickhouse() {
  local deadline=$((SECONDS + STACK_START_TIMEOUT_SEC))
  until clickhouse_healthy; do
    pid_alive "$CLICKHOUSE_PID" || fail "ClickHouse exited during start-up; see $CLICKHOUSE_LOGS/clickhouse-server.err.log"
    ((SECONDS < deadline)) || fail "ClickHouse did not answer SELECT 1 within ${STACK_START_TIMEOUT_SEC} s; see $CLICKHOUSE_LOGS"
    sleep 0.3
  done
}

cmd_up() {
  local started=$SECONDS
  mkdir -p "$VIGIL_HOME"
  ensure_node_modules
  clickhouse_start
  kafka_start
  wait_for_clickhouse
  log "ClickHouse $(clickhouse_version) ready at $CLICKHOUSE_URL"
  pid_alive "$KAFKA_PID" || fail "Kafka exited during start-up; see $KAFKA_LOGS/kafka.out and $KAFKA_LOGS/server.log"
  kafka_admin wait --timeout-sec "$STACK_START_TIMEOUT_SEC" || fail "Kafka did not answer a metadata request; see $KAFKA_LOGS/server.log"
  kafka_check_logging
  kafka_admin create-topics --partitions "$KAFKA_DEFAULT_PARTITIONS"
  log "Kafka ready at $KAFKA_BROKERS"
  log "stack up in $((SECONDS - started)) s (KAFKA_BROKERS=$KAFKA_BROKERS CLICKHOUSE_URL=$CLICKHOUSE_URL)"
}

cmd_down() {
  kafka_stop
  clickhouse_stop
  # Anything started from this stack folder but no longer tracked by a pid file (e.g. after a lost pid file).
  pkill -KILL -f "$KAFKA_DIR/server.properties" 2>/dev/null || true
  pkill -KILL -f "$CLICKHOUSE_CONF/config.xml" 2>/dev/null || true
  log "stack down"
}

cmd_status() {
  local healthy=0
  if pid_alive "$KAFKA_PID" && kafka_admin wait --timeout-sec 5 >/dev/null 2>&1; then
    local version
    version="$(kafka_running_version)"
    echo "kafka       healthy  $KAFKA_BROKERS (pid $(cat "$KAFKA_PID"), Apache Kafka ${version:-$KAFKA_VERSION})"
  else
    echo "kafka       down     $KAFKA_BROKERS"; healthy=1
  fi
  if pid_alive "$CLICKHOUSE_PID" && clickhouse_healthy; then
    echo "clickhouse  healthy  $CLICKHOUSE_URL (pid $(cat "$CLICKHOUSE_PID"), ClickHouse $(clickhouse_version))"
  else
    echo "clickhouse  down     $CLICKHOUSE_URL"; healthy=1
  fi
  return $healthy
}

cmd_logs() {
  local files=("$KAFKA_LOGS/server.log" "$CLICKHOUSE_LOGS/clickhouse-server.log" "$CLICKHOUSE_LOGS/clickhouse-server.err.log")
  if [[ "${1:-}" == "-f" ]]; then tail -n 50 -F "${files[@]}"; else tail -n 50 "${files[@]}" 2>/dev/null || true; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *) echo "usage: $0 up | down | status | logs [-f]" >&2; exit 2 ;;
esac
