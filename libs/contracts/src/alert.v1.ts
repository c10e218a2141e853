import { defineContract } from './contract';
import { isValidAlertFast } from './alert.v1.fast-check';
import type { AlertStage, Severity, Typology } from './alert.v1.vocabulary';
import schema from './schemas/alert.v1.schema.json';

export { ALERT_STAGES, SEVERITIES, TYPOLOGIES } from './alert.v1.vocabulary';
export type { AlertStage, Severity, Typology } from './alert.v1.vocabulary';

export interface AlertEvidenceV1 {
  eventId: string;
  kind: string;
  occurredAt: string;
  step?: string;
}

/**
 * The counterparty that opened a scam pattern (the unknown caller or SMS sender of the rule's first step): what the
 * networks service correlates alerts of many subscribers on. An extra property (alert.v1 allows them).
 */
export interface AlertLureV1 {
  /** The counterparty as on the entity event (`77011234567`, `Kcell-Prize`). */
  counterparty: string;
  role: 'caller' | 'sender';
  /** Domains of links in the lure SMS, if any; never text. */
  domains?: string[];
}

/** vigil.alerts.v1: a partial (early_warning) or full (confirmed) rule match. alertId is deterministic. */
export interface AlertV1 {
  alertId: string;
  ruleId: string;
  ruleVersion: number;
  typology: Typology;
  severity: Severity;
  stage: AlertStage;
  entity: string;
  counterparties?: string[];
  detectedAt: string;
  firstEventAt: string;
  lastEventAt: string;
  evidence: AlertEvidenceV1[];
  explanation: string;
  score?: number;
  lure?: AlertLureV1;
  [extra: string]: unknown;
}

/** Validated through a hand-written fast check first: the correlator validates every alert it produces. */
export const alertV1 = defineContract<AlertV1>(schema, isValidAlertFast);
