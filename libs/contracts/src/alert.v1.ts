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
  [extra: string]: unknown;
}

/** Validated through a hand-written fast check first: the correlator validates every alert it produces. */
export const alertV1 = defineContract<AlertV1>(schema, isValidAlertFast);
