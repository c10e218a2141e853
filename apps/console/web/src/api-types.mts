/** Shapes of the console API's answers (see /api/docs): the server's own types where they have no dependencies. */
import type {
  AlertDetailFields,
  BlocklistDecisionRecord,
  EvidenceItem,
  NetworkEdge,
  NetworkGraph,
  NetworkNumber,
  ProposalView,
  RulePrecision,
  ScamSignalCheck,
  TimelineEventShape,
  VictimsPerNumberPerDay,
} from '../../../../libs/analytics/src/dashboard/dashboard-answers.js';
import type { RuleSummary } from '../../src/rules/rule-summary.js';

export type {
  EvidenceItem,
  NetworkEdge,
  NetworkGraph,
  NetworkNumber,
  RulePrecision,
  RuleSummary,
  VictimsPerNumberPerDay,
};
/** A block-list proposal (`GET /api/networks/proposals`), number masked. */
export type BlocklistProposal = ProposalView;
/** One audited decision (`GET /api/networks/decisions`), number masked. */
export type BlocklistDecision = BlocklistDecisionRecord;
export type TimelineEvent = TimelineEventShape;

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

export interface AlertDetail extends AlertSummary, AlertDetailFields {}

export interface FeedAlert {
  type: 'alert';
  reason: string;
  repeatCount: number;
  alert: AlertDetail;
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

export interface SubscriberTimeline {
  subscriber: string;
  events: TimelineEvent[];
  alerts: AlertSummary[];
}

/** `POST /api/subscribers/signal-checks` (admin). */
export interface ScamSignalChecks {
  subscriber: string;
  checks: ScamSignalCheck[];
}

export interface Session {
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
}

/** An alert as the engine raised it in a back-test (entity in its stored, pseudonymous form). */
export interface BacktestAlert extends Omit<AlertSummary, 'entityType' | 'score'> {
  firstEventAt: string;
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
  /** Rules replayed (coupled to the edit); the others raise the same alerts either way. */
  rerun: { rules: string[]; typologies: string[]; notRerun: string[] };
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
