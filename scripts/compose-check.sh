#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: the Docker client here has no compose plugin, so this uses
# Debian's docker-compose, whose `config` parses and validates the file against the Compose schema.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v docker-compose >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { echo "install docker-compose (apt-get install docker-compose) to validate the file" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml is valid"
