// No imports here: the console's web UI imports these shapes as types (apps/console/web/src/api-types.mts), and its
// build resolves nothing beyond this file.

export interface RulePrecision {
  ruleId: string;
  ruleVersion: number;
  hits: number;
  confirmedFraud: number;
  falsePositives: number;
  /** confirmed / (confirmed + false positives); null while no alert of the rule has a verdict. */
  precision: number | null;
}

/** One check a partner made about the subscriber, and what it was told. */
export interface ScamSignalCheck {
  checkedAt: string;
  clientId: string;
  purpose: string;
  status: number;
  /** The risk level answered, or the error code of a refused check. */
  outcome: string;
  openPatterns: { typology: string; stage: string }[];
  stateAsOf: string;
}

/** A subscriber's timeline event as any reader of the console API sees it (the kind as text, no features). */
export interface TimelineEventShape {
  eventId: string;
  /** `msisdn` (the subscriber's own perspective) or `sender` (what the number sent). */
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

/** One event of an alert's evidence chain, and the rule step it matched. */
export interface EvidenceItem {
  eventId: string;
  kind: string;
  occurredAt: string;
  step: string;
}

/** An analyst's verdict on an alert. */
export interface FeedbackEntry {
  verdict: string;
  note: string;
  analyst: string;
  at: string;
}

/** What an alert's detail adds to its summary. */
export interface AlertDetailFields {
  counterparties: string[];
  firstEventAt: string;
  explanation: string;
  evidence: EvidenceItem[];
  feedback: FeedbackEntry[];
}

/** A number behind many victims, as the networks service reported it. */
export interface NetworkNumber {
  numberKey: string;
  /** Masked number or sender name. */
  number: string;
  /** caller, sender or mule (its latest finding's). */
  role: string;
  campaignId: string;
  victims: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Highest score of its findings, 0..1. */
  score: number;
}

/** A victim linked to a number: the alert that links them opens the victim's evidence. */
export interface NetworkEdge {
  numberKey: string;
  victimKey: string;
  /** Masked victim number. */
  victim: string;
  /** The latest alert linking them, or null (a mule's transfer that did not alert alone). */
  alertId: string | null;
  /** The latest transfer linking them (mule), or null. */
  eventId: string | null;
  typology: string | null;
  lastAt: string;
}

export interface NetworkGraph {
  numbers: NetworkNumber[];
  edges: NetworkEdge[];
}

export interface VictimsPerNumberPerDay {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  numberKey: string;
  /** Masked number or sender name. */
  number: string;
  victims: number;
}

/**
 * A block-list proposal as the console shows it: the number in its stored display form (the privacy rule: `***67`;
 * sender names readable), as the dashboards show it, beside its pseudonym key (the network graph's node id and the
 * dashboards' `numberKey`). The full number never leaves the server.
 */
export interface ShownProposal {
  proposalId: string;
  numberKey: string;
  /** Masked number or sender name. */
  number: string;
  role: string;
  campaignId: string;
  findingId: string;
  victimsCount: number;
  score: number;
}

/** A proposal from the block-list proposals topic (`GET /api/networks/proposals`): absent decision fields are null. */
export interface ProposalView extends ShownProposal {
  evidenceAlertIds: string[];
  proposedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  expiresAt: string | null;
}

/** An analyst's decision on a block-list proposal, as audited. */
export interface BlocklistDecisionRecord extends ShownProposal {
  decision: 'approved' | 'rejected';
  reason: string;
  analyst: string;
  /** ISO-8601 UTC, whole seconds. */
  decidedAt: string;
  /** When the block-list entry expires (approvals), else null. */
  expiresAt: string | null;
}
