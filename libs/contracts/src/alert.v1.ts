import { defineContract } from './contract';
import schema from './schemas/alert.v1.schema.json';

export const TYPOLOGIES = [
  'prize_code_theft',
  'false_prize_payment',
  'relative_in_trouble',
  'premium_sms_lure',
  'premium_sms_malware',
  'smishing_bulk_sender',
  'brand_phishing_link',
  'spyware_offer',
  'stolen_card_topups',
  'unsolicited_transfer_request',
] as const;
export type Typology = (typeof TYPOLOGIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STAGES = ['early_warning', 'confirmed'] as const;
export type AlertStage = (typeof ALERT_STAGES)[number];

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

export const alertV1 = defineContract<AlertV1>(schema);
