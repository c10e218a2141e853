#!/usr/bin/env bash
# The README's first command (`npm run demo`): installs what it needs, then runs tools/demo/demo.ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -f node_modules/.package-lock.json ]]; then
  echo "[demo] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
exec npx tsx tools/demo/demo.ts "$@"
