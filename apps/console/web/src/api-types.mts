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

/** An alert as the engine raised it in a back-test (entity in its stored, pseudonymous form). */
export interface BacktestAlert {
  alertId: string;
  ruleId: string;
  ruleVersion: number;
  typology: string;
  severity: string;
  stage: string;
  entity: string;
  detectedAt: string;
  firstEventAt: string;
  lastEventAt: string;
  explanation: string;
  score?: number;
  evidence: { eventId: string; kind: string; occurredAt: string; step?: string }[];
}

export interface BacktestChangedAlert {
  change: 'added' | 'removed';
  alert: BacktestAlert;
  entityDisplay?: string;
  storedAlertId?: string;
  verdict?: string;
  overlappingAlertIds: string[];
}

interface BacktestCounts {
  added: number;
  removed: number;
  common: number;
}

interface VerdictCounts {
  confirmedFraud: number;
  falsePositive: number;
  unjudged: number;
}

export interface BacktestReport {
  from: string;
  to: string;
  against: string;
  events: { inRange: number; warmup: number; rejected: number };
  contactMemory: { complete: boolean; note: string };
  totals: BacktestCounts & { candidate: number; baseline: number };
  byTypologyDay: (BacktestCounts & { typology: string; day: string })[];
  verdicts: {
    added: VerdictCounts;
    removed: VerdictCounts;
    common: VerdictCounts;
    precision: { baseline: number | null; candidate: number | null; added: number | null };
  };
  changedAlerts: BacktestChangedAlert[];
}

export interface BacktestJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  requestedBy: string;
  candidate: { ruleId: string; version: number; yaml: string };
  from: string;
  to: string;
  progress: { phase: 'warmup' | 'range'; eventsRead: number; fraction: number };
  report?: BacktestReport;
  error?: string;
}

export interface RuleHistoryEntry {
  ruleId: string;
  version: number;
  action: 'published' | 'withdrawn' | 'restored';
  at: string;
  actor: string;
  reason: string;
  backtest?: { by: string; from: string; to: string; added: number; removed: number; common: number };
}

/** A number behind many victims (`GET /api/networks/top-numbers`); `number` is masked. */
export interface NetworkNumber {
  numberKey: string;
  number: string;
  role: string;
  campaignId: string;
  victims: number;
  firstSeenAt: string;
  lastSeenAt: string;
  score: number;
}

/** A victim linked to a number; the alert opens the victim's evidence. */
export interface NetworkEdge {
  numberKey: string;
  victimKey: string;
  victim: string;
  alertId: string | null;
  eventId: string | null;
  typology: string | null;
  lastAt: string;
}

export interface NetworkGraph {
  numbers: NetworkNumber[];
  edges: NetworkEdge[];
}

export interface VictimsPerNumberPerDay {
  day: string;
  numberKey: string;
  number: string;
  victims: number;
}

/** A block-list proposal (`GET /api/networks/proposals`); `number` is masked. */
export interface BlocklistProposal {
  proposalId: string;
  numberKey: string;
  number: string;
  role: string;
  campaignId: string;
  findingId: string;
  victimsCount: number;
  score: number;
  evidenceAlertIds: string[];
  proposedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  expiresAt: string | null;
}

/** One audited decision (`GET /api/networks/decisions`). */
export interface BlocklistDecision {
  proposalId: string;
  numberKey: string;
  number: string;
  role: string;
  campaignId: string;
  victimsCount: number;
  decision: 'approved' | 'rejected';
  reason: string;
  analyst: string;
  decidedAt: string;
  expiresAt: string | null;
}
