#!/usr/bin/env bash
# The README's test command (`npm test`): installs what it needs, then runs the unit tier and the integration and
# end-to-end tiers against a real Kafka broker and a real ClickHouse server (see test/setup/test-stack.ts).
# Extra arguments go to jest, e.g. `npm test -- libs/kafka`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f node_modules/.package-lock.json ]]; then
  echo "[test] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# The integration and e2e tiers run the services as built processes, the way they run in production.
# TEST_SKIP_BUILD=1 is for a caller that has just built and runs other tests from dist/ meanwhile (.ci/run).
if [[ "${TEST_SKIP_BUILD:-}" != 1 ]]; then
  echo "[test] building the services (npm run build)"
  npm run build --silent
fi

# TEST_RESULTS_DIR keeps the jest reports for a caller that sums several runs (.ci/run: one per Kafka version).
if [[ -n "${TEST_RESULTS_DIR:-}" ]]; then
  results_dir="$TEST_RESULTS_DIR"
  mkdir -p "$results_dir"
else
  results_dir="$(mktemp -d)"
  trap 'rm -rf "$results_dir"' EXIT
fi
status=0
# Unit tests use both cores; the tiers that share one broker and one ClickHouse run one file at a time.
npx jest --selectProjects unit --json --outputFile="$results_dir/unit.json" "$@" || status=$?
npx jest --selectProjects integration e2e --runInBand --json --outputFile="$results_dir/integration.json" "$@" || status=$?

# A runner ended by a test's process.exit writes no report: say so, or the summary would count only the other run.
for run in unit integration; do
  if [[ ! -f "$results_dir/$run.json" ]]; then
    echo "[test] the $run run ended without a report (a test ended the runner's process)"
    status=1
  fi
done
node scripts/test-summary.js "$results_dir"
exit "$status"
