import { analyticsTables, type AlertVerdict } from '@vigil/analytics';
import { quoteIdentifier, quoteNumber, quoteString, type SqlExecutor } from '@vigil/clickhouse';
import type { AlertIdentity } from './alert-identity';
import type { TimeRange } from './stored-entity-events.reader';

/** An alert the live correlator raised, as stored (numbers pseudonymized), with its latest verdict if any. */
export interface StoredAlert extends AlertIdentity {
  alertId: string;
  typology: string;
  /** Event time of its last matched event, whole seconds (ms since epoch). */
  lastEventAtMs: number;
  verdict?: AlertVerdict;
}

interface StoredAlertRow {
  alert_id: string;
  rule_id: string;
  stage: string;
  typology: string;
  entity_type: string;
  entity_key: string;
  evidence_event_ids: string[];
  last_event_s: number | string;
}

const ENTITY_KEYS_PER_QUERY = 1_000;

/**
 * What the live side recorded over a range: the alerts it raised and the analysts' verdicts on them. Reads the
 * names services use, which on a cluster are the Distributed tables (`GLOBAL IN`, since alerts are sharded by
 * subscriber and feedback by alert id). Copies of a row not yet merged are collapsed here, by alert id.
 */
export class StoredAlertsRepository {
  private readonly database: string;

  constructor(
    private readonly executor: SqlExecutor,
    database: string,
  ) {
    this.database = quoteIdentifier(database);
  }

  /** Every stored alert whose last event lies in the range. */
  async alerts(range: TimeRange): Promise<StoredAlert[]> {
    return this.select(this.inRange(range));
  }

  /** The stored alerts of the range that an analyst gave a verdict, with the latest verdict. */
  async verdictedAlerts(range: TimeRange): Promise<StoredAlert[]> {
    const feedback = `${this.database}.${analyticsTables.alertFeedback}`;
    const alerts = await this.select(
      `${this.inRange(range)} AND alert_id GLOBAL IN (SELECT alert_id FROM ${feedback})`,
    );
    if (alerts.length === 0) return alerts;
    const verdicts = await this.executor.query<{ alert_id: string; verdict: AlertVerdict }>(
      `SELECT alert_id, argMax(verdict, at) AS verdict FROM ${feedback} ` +
        `WHERE alert_id IN (${alerts.map((alert) => quoteString(alert.alertId)).join(', ')}) GROUP BY alert_id`,
    );
    const byId = new Map(verdicts.map((row) => [row.alert_id, row.verdict]));
    return alerts.map((alert) => ({ ...alert, verdict: byId.get(alert.alertId) }));
  }

  /** The masked display form of each stored entity (`<type>:<key>`) among `entities` that has events stored. */
  async entityDisplays(entities: readonly string[]): Promise<Map<string, string>> {
    const displays = new Map<string, string>();
    const keys = [...new Set(entities.map((entity) => entity.slice(entity.indexOf(':') + 1)))];
    for (let i = 0; i < keys.length; i += ENTITY_KEYS_PER_QUERY) {
      const chunk = keys.slice(i, i + ENTITY_KEYS_PER_QUERY).map(quoteString);
      const rows = await this.executor.query<{ entity_type: string; entity_key: string; display: string }>(
        `SELECT entity_type, entity_key, any(entity_display) AS display ` +
          `FROM ${this.database}.${analyticsTables.entityEvents} WHERE entity_key IN (${chunk.join(', ')}) ` +
          'GROUP BY entity_type, entity_key',
      );
      for (const row of rows) displays.set(`${row.entity_type}:${row.entity_key}`, row.display);
    }
    return displays;
  }

  private inRange(range: TimeRange): string {
    return (
      'SELECT alert_id, rule_id, stage, typology, entity_type, entity_key, evidence_event_ids, ' +
      'toUInt32(last_event_at) AS last_event_s ' +
      `FROM ${this.database}.${analyticsTables.alerts} ` +
      `WHERE last_event_at >= toDateTime(${quoteNumber(Math.floor(range.fromMs / 1000))}) ` +
      `AND last_event_at < toDateTime(${quoteNumber(Math.floor(range.toMs / 1000))})`
    );
  }

  private async select(sql: string): Promise<StoredAlert[]> {
    const byId = new Map<string, StoredAlert>();
    for (const row of await this.executor.query<StoredAlertRow>(sql)) {
      byId.set(row.alert_id, {
        alertId: row.alert_id,
        ruleId: row.rule_id,
        stage: row.stage,
        typology: row.typology,
        entity: `${row.entity_type}:${row.entity_key}`,
        eventIds: row.evidence_event_ids,
        lastEventAtMs: Number(row.last_event_s) * 1000,
      });
    }
    return [...byId.values()];
  }
}
