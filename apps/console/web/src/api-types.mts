/** Shapes of the console API's answers (see /api/docs). */
export interface AlertSummary {
  alertId: string;
  ruleId: string;
  ruleVersion: number;
  typology: string;
  severity: string;
  stage: string;
  entityType: string;
  entity: string;
  detectedAt: string;
  lastEventAt: string;
  score: number;
}

export interface EvidenceItem {
  eventId: string;
  kind: string;
  occurredAt: string;
  step: string;
}

export interface AlertDetail extends AlertSummary {
  counterparties: string[];
  firstEventAt: string;
  explanation: string;
  evidence: EvidenceItem[];
  feedback: { verdict: string; note: string; analyst: string; at: string }[];
}

export interface FeedAlert {
  type: 'alert';
  reason: string;
  repeatCount: number;
  alert: AlertDetail;
}

export interface RulePrecision {
  ruleId: string;
  ruleVersion: number;
  hits: number;
  confirmedFraud: number;
  falsePositives: number;
  precision: number | null;
}

export interface RuleSummary {
  ruleId: string;
  version: number;
  typology: string;
  severity: string;
  description: string;
  origin: 'published' | 'repository';
  source: string;
  publishedAt: string | null;
  publishedBy: string | null;
  yaml: string;
}

export interface PipelineHealth {
  sampledAt: string;
  kafkaReachable: boolean;
  groups: {
    service: string;
    groupId: string;
    state: string;
    members: number;
    lag: number;
    consumedPerSecond: number | null;
    producedPerSecond: number | null;
  }[];
  liveFeed: { connected: boolean; lastItemAt: string | null; upstream: string };
}

export interface TimelineEvent {
  eventId: string;
  perspective: string;
  kind: string;
  occurredAt: string;
  counterparty: string;
  counterpartyClass: string;
  amount: number;
  currency: string;
  answered: boolean;
  durationSec: number;
}

export interface SubscriberTimeline {
  subscriber: string;
  events: TimelineEvent[];
  alerts: AlertSummary[];
}

/** `POST /api/subscribers/signal-checks` (admin). */
export interface ScamSignalChecks {
  subscriber: string;
  checks: {
    checkedAt: string;
    clientId: string;
    purpose: string;
    status: number;
    outcome: string;
    openPatterns: { typology: string; stage: string }[];
    stateAsOf: string;
  }[];
}

export interface Session {
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
}
