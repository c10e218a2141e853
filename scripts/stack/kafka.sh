# Apache Kafka from Maven Central jars, one KRaft broker+controller (sourced by stack.sh).

KAFKA_DIR="$VIGIL_HOME/kafka"
KAFKA_LIB="$KAFKA_DIR/lib-$KAFKA_VERSION"
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
[[ "$KAFKA_MAJOR" =~ ^[0-9]+$ ]] || fail "KAFKA_VERSION=$KAFKA_VERSION is not a version such as 3.9.2 or 4.4.0"
# A broker cannot read metadata that a newer major version wrote: each major version keeps its own data, so switching
# KAFKA_VERSION back and forth on one VIGIL_HOME works (3.x keeps the folder it always had).
if ((KAFKA_MAJOR >= 4)); then KAFKA_DATA="$KAFKA_DIR/data-$KAFKA_MAJOR"; else KAFKA_DATA="$KAFKA_DIR/data"; fi
KAFKA_LOGS="$KAFKA_DIR/logs"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
# The version of the running broker, which need not be KAFKA_VERSION of the shell asking.
KAFKA_RUNNING_VERSION_FILE="$KAFKA_DIR/kafka.version"

# Kafka 3.x logs through reload4j (log4j 1), 4.x through log4j2; each reads its own configuration file, which writes
# the same server.log. The Maven profile of that name (deploy/local/kafka/pom.xml) brings the matching binding.
if ((KAFKA_MAJOR >= 4)); then
  KAFKA_LOGGING=log4j2
  KAFKA_LOG_CONFIG=(-Dlog4j2.configurationFile="file:$REPO_ROOT/deploy/local/kafka/log4j2.xml")
else
  KAFKA_LOGGING=reload4j
  KAFKA_LOG_CONFIG=(-Dlog4j.configuration="file:$REPO_ROOT/deploy/local/kafka/log4j.properties")
fi

kafka_install() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  # The marker names the logging binding, so a folder resolved before the binding was chosen per version is redone.
  if [[ -f "$KAFKA_LIB/.complete-$KAFKA_LOGGING" ]]; then return 0; fi
  log "resolving Apache Kafka $KAFKA_VERSION jars ($KAFKA_LOGGING logging) from Maven Central into $KAFKA_LIB"
  rm -rf "$KAFKA_LIB"
  mvn -q -B -Dstyle.color=never -f "$REPO_ROOT/deploy/local/kafka/pom.xml" \
    -Dkafka.version="$KAFKA_VERSION" -Dkafka.logging="$KAFKA_LOGGING" -DoutputDirectory="$KAFKA_LIB" \
    -DincludeScope=runtime dependency:copy-dependencies >&2 ||
    fail "Maven could not resolve org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
  touch "$KAFKA_LIB/.complete-$KAFKA_LOGGING"
}

kafka_java() {
  java -Xmx"$KAFKA_HEAP" -Xms"$KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dkafka.logs.dir="$KAFKA_LOGS" "${KAFKA_LOG_CONFIG[@]}" -cp "$KAFKA_LIB/*" "$@"
}

# StorageTool runs briefly with a small heap; the broker gets KAFKA_HEAP.
kafka_tool() {
  java -Xmx256m "${KAFKA_LOG_CONFIG[@]}" -Dkafka.logs.dir="$KAFKA_LOGS" -cp "$KAFKA_LIB/*" "$@"
}

kafka_configure() {
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
  sed -e "s|@BROKER_PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$KAFKA_DATA|g" -e "s|@DEFAULT_PARTITIONS@|$KAFKA_DEFAULT_PARTITIONS|g" \
    "$REPO_ROOT/deploy/local/kafka/server.properties.template" >"$KAFKA_PROPS"
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    log "formatting KRaft storage in $KAFKA_DATA"
    local cluster_id
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_PROPS" >"$KAFKA_LOGS/format.out" 2>&1 ||
      fail "formatting Kafka storage failed; see $KAFKA_LOGS/format.out"
  fi
}

kafka_start() {
  if pid_alive "$KAFKA_PID"; then
    local running
    running="$(kafka_running_version)"
    # Tests must not pass against another version than the one asked for (CI runs 3.9 and 4.x one after the other).
    if [[ -n "$running" && "$running" != "$KAFKA_VERSION" ]]; then
      fail "Kafka $running is running (pid $(cat "$KAFKA_PID")), not KAFKA_VERSION=$KAFKA_VERSION; npm run stack:down first"
    fi
    log "Kafka already running (pid $(cat "$KAFKA_PID"))"
    return 0
  fi
  ensure_port_free "$KAFKA_PORT" "Kafka (KAFKA_PORT)"
  ensure_port_free "$KAFKA_CONTROLLER_PORT" "the Kafka controller (KAFKA_CONTROLLER_PORT)"
  kafka_install
  kafka_configure
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
  kafka_java kafka.Kafka "$KAFKA_PROPS" >"$KAFKA_LOGS/kafka.out" 2>&1 </dev/null &
  echo $! >"$KAFKA_PID"
  echo "$KAFKA_VERSION" >"$KAFKA_RUNNING_VERSION_FILE"
}

# kafka_check_logging: fails when the broker says its logging is not set up (log4j2 found no configuration, log4j 1
# has no appenders, slf4j found no binding or two): a broker that logs nowhere cannot be diagnosed. Run once it
# answers.
KAFKA_LOGGING_PROBLEMS='No configuration found|Reconfiguration failed|StatusLogger|log4j:WARN No appenders'
KAFKA_LOGGING_PROBLEMS+='|SLF4J(\(W\))?: (No SLF4J providers|Failed to load class|Class path contains multiple)'
kafka_check_logging() {
  if grep -qE "$KAFKA_LOGGING_PROBLEMS" "$KAFKA_LOGS/kafka.out" 2>/dev/null; then
    fail "Kafka $KAFKA_VERSION's logging ($KAFKA_LOGGING) is not configured; see $KAFKA_LOGS/kafka.out"
  fi
  [[ -s "$KAFKA_LOGS/server.log" ]] || fail "Kafka $KAFKA_VERSION wrote nothing to $KAFKA_LOGS/server.log"
}

# kafka_running_version: the version the running broker was started as; empty when unknown (started by an older
# script).
kafka_running_version() {
  cat "$KAFKA_RUNNING_VERSION_FILE" 2>/dev/null || true
}

kafka_stop() {
  stop_pid "$KAFKA_PID" "Kafka"
  rm -f "$KAFKA_RUNNING_VERSION_FILE"
}
