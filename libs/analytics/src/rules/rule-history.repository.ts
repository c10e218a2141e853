import { quoteIdentifier, quoteString, type SqlExecutor } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import { toDateTimeText } from '../rows/date-time-text';

export const RULE_HISTORY_ACTIONS = ['published', 'withdrawn', 'restored'] as const;
export type RuleHistoryAction = (typeof RULE_HISTORY_ACTIONS)[number];

/** What a back-test run before publishing showed, kept with the version it vouched for. */
export interface RuleBacktestSummary {
  /** Who ran it, and when (ISO-8601). */
  by: string;
  ranAt: string;
  /** The event-time range back-tested (ISO-8601, half-open). */
  from: string;
  to: string;
  /** What the candidate was compared with (`live` or versions). */
  against: string;
  eventsInRange: number;
  candidateAlerts: number;
  baselineAlerts: number;
  added: number;
  removed: number;
  common: number;
  /** Implied precision from analysts' verdicts on overlapping alerts; null without a verdict. */
  precision: { baseline: number | null; candidate: number | null };
  contactMemoryComplete: boolean;
}

/** One change to the published rule set: a version published, withdrawn or restored. */
export interface RuleHistoryEntry {
  ruleId: string;
  version: number;
  action: RuleHistoryAction;
  /** ISO-8601 UTC, whole seconds. */
  at: string;
  actor: string;
  reason: string;
  source: string;
  /** The rule document as published (empty for a withdrawal). */
  yaml: string;
  backtest?: RuleBacktestSummary;
}

interface RuleHistoryRow {
  rule_id: string;
  version: number | string;
  action: RuleHistoryAction;
  at_s: number | string;
  actor: string;
  reason: string;
  source: string;
  yaml: string;
  backtest_json: string;
}

/**
 * Every version of every rule ever published, withdrawn or restored, with who, when, why and the back-test it
 * passed. The rules topic is compacted and keeps only the latest version per rule; this table keeps them all and
 * is never dropped by retention. Rows are only added; a repeated record of the same change collapses.
 */
export class RuleHistoryRepository {
  private readonly table: string;

  constructor(
    private readonly executor: SqlExecutor,
    database: string,
  ) {
    this.table = `${quoteIdentifier(database)}.${quoteIdentifier(analyticsTables.ruleHistory)}`;
  }

  async record(entries: readonly RuleHistoryEntry[]): Promise<void> {
    await this.executor.insertRows(
      this.table,
      entries.map((entry) => ({
        rule_id: entry.ruleId,
        version: entry.version,
        action: entry.action,
        at: toDateTimeText(entry.at),
        actor: entry.actor,
        reason: entry.reason,
        source: entry.source,
        yaml: entry.yaml,
        backtest_json: entry.backtest === undefined ? '' : JSON.stringify(entry.backtest),
      })),
    );
  }

  /** The history, oldest first; of one rule when `ruleId` is given. */
  async list(ruleId?: string): Promise<RuleHistoryEntry[]> {
    const where = ruleId === undefined ? '' : ` WHERE rule_id = ${quoteString(ruleId)}`;
    const rows = await this.executor.query<RuleHistoryRow>(
      `SELECT rule_id, version, action, toUnixTimestamp(at) AS at_s, actor, reason, source, yaml, backtest_json ` +
        `FROM ${this.table}${where} ORDER BY at_s, rule_id, version, action`,
    );
    const seen = new Set<string>();
    const entries: RuleHistoryEntry[] = [];
    for (const row of rows) {
      // Copies of one change not yet merged (a retried insert) are one change.
      const key = `${row.rule_id}|${row.version}|${row.at_s}|${row.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({
        ruleId: row.rule_id,
        version: Number(row.version),
        action: row.action,
        at: new Date(Number(row.at_s) * 1000).toISOString(),
        actor: row.actor,
        reason: row.reason,
        source: row.source,
        yaml: row.yaml,
        backtest:
          row.backtest_json === '' ? undefined : (JSON.parse(row.backtest_json) as RuleBacktestSummary),
      });
    }
    return entries;
  }

  /** The document of a version as it was last published or restored, if it ever was. */
  async version(ruleId: string, version: number): Promise<RuleHistoryEntry | undefined> {
    const entries = await this.list(ruleId);
    return entries.filter((entry) => entry.version === version && entry.action !== 'withdrawn').at(-1);
  }
}
