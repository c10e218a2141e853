import type { BacktestReport, VerdictCounts } from './backtest-report';

const CHANGED_ALERTS_SHOWN = 20;

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const verdictLine = (counts: VerdictCounts): string =>
  `${counts.confirmedFraud} confirmed fraud, ${counts.falsePositive} false positive, ${counts.unjudged} unjudged`;
const signed = (added: number, removed: number, common: number): string =>
  `+${added} -${removed} =${common}`.padEnd(18);

/** The report as an analyst reads it in a terminal (`--json` prints the object itself). */
export function formatBacktestReport(report: BacktestReport): string {
  const lines: string[] = [];
  lines.push(`back-test ${report.from} .. ${report.to} against ${report.against}`);
  const baseline = new Map(report.baselineRules.map((rule) => [rule.ruleId, rule.version]));
  const changed = report.candidateRules.filter((rule) => baseline.get(rule.ruleId) !== rule.version);
  lines.push(
    `candidate: ${changed.map((rule) => `${rule.ruleId}@${rule.version}`).join(', ') || '(the same rules)'}`,
  );
  lines.push(
    `events: ${report.events.inRange} in range, ${report.events.warmup} before it (warm-up)` +
      (report.events.rejected > 0 ? `, ${report.events.rejected} rejected by the engine` : ''),
  );
  lines.push(report.contactMemory.note);
  const { totals, rerun } = report;
  lines.push(
    `re-run: ${rerun.rules.length} of ${rerun.rules.length + rerun.notRerun.length} rules ` +
      `(typologies ${rerun.typologies.join(', ') || 'none'}); the others are unchanged and coupled to no ` +
      `changed rule: they raise the same alerts with either set`,
  );
  lines.push(
    `alerts of the re-run rules: candidate ${totals.candidate}, baseline ${totals.baseline}: ` +
      `${totals.added} added, ${totals.removed} removed, ${totals.common} in common`,
  );
  lines.push('', 'per rule (added / removed / in common):');
  for (const rule of report.rules) {
    const versions = `${rule.baselineVersion ?? '-'} -> ${rule.candidateVersion ?? '-'}`;
    const counts = rule.rerun ? signed(rule.added, rule.removed, rule.common) : 'not re-run'.padEnd(18);
    lines.push(`  ${rule.ruleId.padEnd(34)} ${counts} v${versions}`);
  }
  lines.push('', 'per typology and day:');
  for (const row of report.byTypologyDay) {
    lines.push(`  ${row.day} ${row.typology.padEnd(30)} ${signed(row.added, row.removed, row.common)}`);
  }
  const { verdicts } = report;
  lines.push('', "verdicts on stored alerts overlapping the re-run rules' alerts:");
  lines.push(`  added:   ${verdictLine(verdicts.added)}`);
  lines.push(`  removed: ${verdictLine(verdicts.removed)}`);
  lines.push(`  common:  ${verdictLine(verdicts.common)}`);
  lines.push(
    `  implied precision: baseline ${percent(verdicts.precision.baseline)}, candidate ` +
      `${percent(verdicts.precision.candidate)}, added alerts ${percent(verdicts.precision.added)}`,
  );
  lines.push('', `changed alerts (${report.changedAlerts.length}):`);
  for (const changed of report.changedAlerts.slice(0, CHANGED_ALERTS_SHOWN)) {
    const { alert } = changed;
    lines.push(
      `  ${changed.change === 'added' ? '+' : '-'} ${alert.lastEventAt} ${alert.ruleId}@${alert.ruleVersion} ` +
        `${alert.stage} ${changed.entityDisplay ?? alert.entity.split(':')[0]} ` +
        `${alert.evidence.length} events${changed.verdict ? ` [${changed.verdict}]` : ''}` +
        (changed.storedAlertId ? ` (stored ${changed.storedAlertId})` : ''),
    );
  }
  if (report.changedAlerts.length > CHANGED_ALERTS_SHOWN)
    lines.push(`  … ${report.changedAlerts.length - CHANGED_ALERTS_SHOWN} more (--json lists all)`);
  lines.push('', 'busiest entities (changed alerts, candidate alerts):');
  for (const entity of report.busiestEntities) {
    lines.push(
      `  ${(entity.entityDisplay ?? entity.entity.split(':')[0]).padEnd(16)} ` +
        `${signed(entity.added, entity.removed, entity.common)} candidate ${entity.candidateAlerts}`,
    );
  }
  lines.push('', `${report.eventsPerSec} events/s, ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
