import type { AlertV1 } from '@vigil/contracts';
import { fromUnixSeconds } from '../rows/date-time-text';

/** One alert as a list shows it: the contract's identity, stage and times, the entity masked, and the score. */
export interface AlertSummary extends Pick<
  AlertV1,
  'alertId' | 'ruleId' | 'ruleVersion' | 'typology' | 'severity' | 'stage' | 'detectedAt' | 'lastEventAt'
> {
  entityType: string;
  /** Masked number, sender name or card token. */
  entity: string;
  score: number;
}

/** The columns of the `alerts` table an AlertSummary is read from (select them by these names). */
export interface AlertSummaryRow {
  alert_id: string;
  rule_id: string;
  rule_version: number;
  typology: AlertV1['typology'];
  severity: AlertV1['severity'];
  stage: AlertV1['stage'];
  entity_type: string;
  entity_display: string;
  detected_s: string | number;
  last_event_s: string | number;
  score: number;
}

export function toAlertSummary(row: AlertSummaryRow): AlertSummary {
  return {
    alertId: row.alert_id,
    ruleId: row.rule_id,
    ruleVersion: Number(row.rule_version),
    typology: row.typology,
    severity: row.severity,
    stage: row.stage,
    entityType: row.entity_type,
    entity: row.entity_display,
    detectedAt: fromUnixSeconds(row.detected_s),
    lastEventAt: fromUnixSeconds(row.last_event_s),
    score: Number(row.score),
  };
}
