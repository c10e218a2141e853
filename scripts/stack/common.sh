# Shared settings and helpers for the local stack scripts (sourced, not run).
# Every path lives under VIGIL_HOME (default: <repo>/.vigil, git-ignored).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VIGIL_HOME="${VIGIL_HOME:-$REPO_ROOT/.vigil}"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_DEFAULT_PARTITIONS="${KAFKA_DEFAULT_PARTITIONS:-12}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-9000}"
STACK_START_TIMEOUT_SEC="${STACK_START_TIMEOUT_SEC:-120}"

log() { printf '[stack] %s\n' "$*" >&2; }
fail() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# pid_alive FILE: true when FILE names a running process.
pid_alive() {
  local file="$1"
  [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

# port_owner PORT: prints "pid/name" of whatever listens on 127.0.0.1:PORT, or nothing.
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\"\([^\"]*\)\",pid=\([0-9]*\).*/\2\/\1/p' | head -n 1
}

# ensure_port_free PORT WHAT: fails with the name of the process holding the port.
ensure_port_free() {
  local owner
  if ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then
    owner="$(port_owner "$1")"
    fail "port $1 needed by $2 is already taken${owner:+ by pid/process $owner}; stop it or set the port variable (see README, Configuration)"
  fi
}

# stop_pid FILE WHAT: TERM, wait up to 30 s, then KILL; removes FILE.
stop_pid() {
  local file="$1" what="$2" pid i
  if ! pid_alive "$file"; then rm -f "$file"; return 0; fi
  pid="$(cat "$file")"
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$what did not stop in 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# apt_install PACKAGE...: installs Debian packages when missing (needs root, as on our machines and CI).
apt_install() {
  [[ "$(id -u)" == 0 ]] || fail "missing $*; install it (apt-get install $*) or run as root so the stack can"
  log "installing $* with apt-get"
  if [[ ! -f "$VIGIL_HOME/.apt-updated" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || fail "apt-get update failed"
    mkdir -p "$VIGIL_HOME" && touch "$VIGIL_HOME/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || fail "apt-get install $* failed"
}
