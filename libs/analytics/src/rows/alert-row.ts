import type { AlertV1 } from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toDateTimeText } from './date-time-text';

/** One row of `alerts`, evidence as parallel arrays (works on every server version, unlike Nested JSON input). */
export interface AlertRow {
  alert_id: string;
  rule_id: string;
  rule_version: number;
  typology: string;
  severity: string;
  stage: string;
  entity_type: string;
  entity_key: string;
  entity_display: string;
  counterparty_keys: string[];
  counterparty_displays: string[];
  detected_at: string;
  first_event_at: string;
  last_event_at: string;
  evidence_event_ids: string[];
  evidence_kinds: string[];
  evidence_occurred_at: string[];
  evidence_steps: string[];
  explanation: string;
  score: number;
  [column: string]: unknown;
}

/** Maps an alert to its row; numbers are pseudonymized, digit runs in the explanation masked. */
export function toAlertRow(alert: AlertV1, pseudonyms: SubscriberPseudonymizer): AlertRow {
  const entity = pseudonyms.entity(alert.entity);
  const counterparties = (alert.counterparties ?? []).map((value) =>
    value.includes(':') ? pseudonyms.entity(value) : pseudonyms.party(value),
  );
  return {
    alert_id: alert.alertId,
    rule_id: alert.ruleId,
    rule_version: alert.ruleVersion,
    typology: alert.typology,
    severity: alert.severity,
    stage: alert.stage,
    entity_type: entity.type,
    entity_key: entity.key,
    entity_display: entity.display,
    counterparty_keys: counterparties.map((party) => party.key),
    counterparty_displays: counterparties.map((party) => party.display),
    detected_at: toDateTimeText(alert.detectedAt),
    first_event_at: toDateTimeText(alert.firstEventAt),
    last_event_at: toDateTimeText(alert.lastEventAt),
    evidence_event_ids: alert.evidence.map((item) => item.eventId),
    evidence_kinds: alert.evidence.map((item) => item.kind),
    evidence_occurred_at: alert.evidence.map((item) => toDateTimeText(item.occurredAt)),
    evidence_steps: alert.evidence.map((item) => item.step ?? ''),
    explanation: SubscriberPseudonymizer.maskText(alert.explanation),
    score: alert.score ?? 0,
  };
}
