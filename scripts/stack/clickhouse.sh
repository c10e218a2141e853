# ClickHouse from Debian's clickhouse-server package, with the project's own config (sourced by stack.sh).

CLICKHOUSE_DIR="$VIGIL_HOME/clickhouse"
CLICKHOUSE_DATA="$CLICKHOUSE_DIR/data"
CLICKHOUSE_LOGS="$CLICKHOUSE_DIR/logs"
CLICKHOUSE_CONF="$CLICKHOUSE_DIR/conf"
CLICKHOUSE_PID="$CLICKHOUSE_DIR/clickhouse.pid"

clickhouse_binary() {
  if command -v clickhouse-server >/dev/null; then command -v clickhouse-server; return; fi
  [[ -x /usr/sbin/clickhouse-server ]] && echo /usr/sbin/clickhouse-server
}

clickhouse_install() {
  [[ -n "$(clickhouse_binary)" ]] || apt_install clickhouse-server
  [[ -n "$(clickhouse_binary)" ]] || fail "clickhouse-server is not installed and apt-get could not provide it"
  command -v curl >/dev/null || apt_install curl
}

clickhouse_configure() {
  mkdir -p "$CLICKHOUSE_DATA/tmp" "$CLICKHOUSE_DATA/user_files" "$CLICKHOUSE_DATA/format_schemas" "$CLICKHOUSE_LOGS" "$CLICKHOUSE_CONF"
  sed -e "s|@HTTP_PORT@|$CLICKHOUSE_HTTP_PORT|g" -e "s|@TCP_PORT@|$CLICKHOUSE_TCP_PORT|g" \
    -e "s|@DATA_DIR@|$CLICKHOUSE_DATA|g" -e "s|@LOG_DIR@|$CLICKHOUSE_LOGS|g" -e "s|@CONF_DIR@|$CLICKHOUSE_CONF|g" \
    "$REPO_ROOT/deploy/local/clickhouse/config.xml.template" >"$CLICKHOUSE_CONF/config.xml"
  cp "$REPO_ROOT/deploy/local/clickhouse/users.xml" "$CLICKHOUSE_CONF/users.xml"
}

clickhouse_start() {
  if pid_alive "$CLICKHOUSE_PID"; then log "ClickHouse already running (pid $(cat "$CLICKHOUSE_PID"))"; return 0; fi
  ensure_port_free "$CLICKHOUSE_HTTP_PORT" "ClickHouse HTTP (CLICKHOUSE_HTTP_PORT)"
  ensure_port_free "$CLICKHOUSE_TCP_PORT" "ClickHouse native protocol (CLICKHOUSE_TCP_PORT)"
  clickhouse_install
  clickhouse_configure
  log "starting ClickHouse on 127.0.0.1:$CLICKHOUSE_HTTP_PORT"
  nohup "$(clickhouse_binary)" --config-file="$CLICKHOUSE_CONF/config.xml" \
    >"$CLICKHOUSE_LOGS/stdout.log" 2>&1 </dev/null &
  echo $! >"$CLICKHOUSE_PID"
}

clickhouse_healthy() {
  [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/?query=SELECT%201" 2>/dev/null)" == "1" ]]
}

clickhouse_version() {
  curl -fsS --max-time 2 "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/?query=SELECT%20version()" 2>/dev/null
}

clickhouse_stop() {
  stop_pid "$CLICKHOUSE_PID" "ClickHouse"
}
