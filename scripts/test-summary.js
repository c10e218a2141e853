// Prints the closing line of a test run, `N passed, N failed, N skipped`, summed over every jest --json report in
// the folders given (recursively): scripts/test.sh for one run, .ci/run for the runs against each Kafka version.
// A suite that failed to run counts as a failure, so a crash is never a silent pass.
// Usage: node scripts/test-summary.js DIR... [--label TEXT] (the label prints a per-run line before the total).
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const labelAt = args.indexOf('--label');
const label = labelAt >= 0 ? args.splice(labelAt, 2)[1] : undefined;

function reports(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return reports(file);
    return entry.name.endsWith('.json') ? [file] : [];
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of args.flatMap(reports)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  skipped += report.numPendingTests;
}
const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
console.log(label === undefined ? `\n${line}` : `[${label}] ${line}`);
