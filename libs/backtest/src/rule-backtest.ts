import type { ClickHouseClient } from '@clickhouse/client';
import type { RuleBacktestSummary } from '@vigil/analytics';
import type { SqlExecutor } from '@vigil/clickhouse';
import type { EngineOptions } from '@vigil/correlation';
import { affectedRules, onlyRules } from './affected-rules';
import { buildBacktestReport, type BacktestReport } from './backtest-report';
import { runBacktest, type BacktestProgress } from './backtest-run';
import {
  assertBacktestable,
  overlayRuleDocuments,
  ruleSetOfDocuments,
  ruleVersionsOf,
  type RuleDocument,
} from './rule-documents';
import { StoredAlertsRepository } from './stored-alerts.repository';
import { StoredEntityEventsReader, type TimeRange } from './stored-entity-events.reader';

/** Where stored history lives. */
export interface BacktestStore {
  /** For streaming entity events. */
  client: ClickHouseClient;
  /** For the alerts, verdicts and display forms. */
  executor: SqlExecutor;
  database: string;
}

export interface RuleBacktestRequest {
  /** The rules to try; they replace the baseline's rules of the same id, the others stay. */
  candidate: readonly RuleDocument[];
  /** The rules in force, or a named version of them. */
  baseline: readonly RuleDocument[];
  /** How the baseline is named in the report: `live`, or the versions. */
  against: string;
  range: TimeRange;
  warmupMs?: number;
  engineOptions?: Partial<EngineOptions>;
  /**
   * `affected` (default): only the rules coupled to a changed one are replayed (see `affectedRules`), the others are
   * reported as not re-run; `all`: every rule is replayed on both sides.
   */
  rerun?: 'affected' | 'all';
  onProgress?: (progress: BacktestProgress) => void;
}

/**
 * Back-tests candidate rules over stored history: the baseline set and the baseline with the candidate rules in
 * place run side by side through the engine, and the report compares their alerts, with the verdicts analysts
 * recorded on the stored alerts they overlap. Only the rules whose alerts can differ are replayed (`rerun`).
 */
export async function backtestRules(
  store: BacktestStore,
  request: RuleBacktestRequest,
): Promise<BacktestReport> {
  assertBacktestable([...request.baseline, ...request.candidate]);
  const candidateDocuments = overlayRuleDocuments(request.baseline, request.candidate);
  const baseline = ruleSetOfDocuments(request.baseline);
  const candidate = ruleSetOfDocuments(candidateDocuments);
  const range = {
    fromMs: Math.floor(request.range.fromMs / 1000) * 1000,
    toMs: Math.floor(request.range.toMs / 1000) * 1000,
  };
  if (!(range.toMs > range.fromMs)) throw new RangeError('a back-test range must end after it begins');
  const affected = affectedRules(candidateDocuments, request.baseline);
  const rerun =
    request.rerun === 'all' ? [...new Set([...affected.rerun, ...affected.notRerun])].sort() : affected.rerun;
  const run = await runBacktest(new StoredEntityEventsReader(store.client, store.database), {
    candidate: onlyRules(candidateDocuments, rerun),
    baseline: onlyRules(request.baseline, rerun),
    range,
    warmupMs: request.warmupMs,
    engineOptions: request.engineOptions,
    onProgress: request.onProgress,
  });
  const alerts = new StoredAlertsRepository(store.executor, store.database);
  const [verdicted, stored] = [await alerts.verdictedAlerts(range), await alerts.alerts(range)];
  const report = buildBacktestReport({
    run,
    against: request.against,
    candidateRules: ruleVersionsOf(candidate),
    baselineRules: ruleVersionsOf(baseline),
    rerun,
    verdicted,
    stored,
  });
  const entities = new Set([
    ...report.busiestEntities.map((entity) => entity.entity),
    ...report.changedAlerts.map((changed) => changed.alert.entity),
  ]);
  const displays = await alerts.entityDisplays([...entities]);
  for (const entity of report.busiestEntities) entity.entityDisplay = displays.get(entity.entity);
  for (const changed of report.changedAlerts) changed.entityDisplay = displays.get(changed.alert.entity);
  return report;
}

/** What a published version keeps of the back-test that vouched for it. */
export function summarizeBacktest(
  report: BacktestReport,
  by: string,
  ranAt = new Date(),
): RuleBacktestSummary {
  return {
    by,
    ranAt: ranAt.toISOString(),
    from: report.from,
    to: report.to,
    against: report.against,
    eventsInRange: report.events.inRange,
    candidateAlerts: report.totals.candidate,
    baselineAlerts: report.totals.baseline,
    added: report.totals.added,
    removed: report.totals.removed,
    common: report.totals.common,
    precision: {
      baseline: report.verdicts.precision.baseline,
      candidate: report.verdicts.precision.candidate,
    },
    contactMemoryComplete: report.contactMemory.complete,
  };
}
