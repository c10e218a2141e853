import type { BlocklistProposalV1, NetworkFindingV1 } from '@vigil/contracts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Start of the networks fixtures: a caller campaign that morning, a mule into the next day. */
export const networkFixtureBase = new Date('2026-02-10T09:00:00Z');
/** The fixtures' base plus `ms`, as ISO-8601. */
export const at = (ms: number): string => new Date(networkFixtureBase.getTime() + ms).toISOString();
/** Full numbers of the fixtures: none may ever be stored. */
export const CALLER = '77775550100';
export const MULE = '77075550200';
export const victim = (index: number): string => `7701555${String(index).padStart(4, '0')}`;

/** A caller's finding as the networks service re-emits it while victims grow (one victim every 6 min). */
export function callerFinding(victims: number, detectedAtMs: number): NetworkFindingV1 {
  const evidence = Array.from({ length: victims }, (_, index) => ({
    subscriber: `msisdn:${victim(index)}`,
    occurredAt: at(index * 6 * 60_000),
    alertId: `alert-${index}`,
    typology: 'prize_code_theft',
  }));
  return {
    findingId: 'finding-caller',
    number: `msisdn:${CALLER}`,
    role: 'caller',
    campaignId: 'campaign-1',
    victimsCount: victims,
    victims: evidence.map((item) => item.subscriber),
    evidence,
    firstSeenAt: evidence[0].occurredAt,
    lastSeenAt: evidence[victims - 1].occurredAt,
    detectedAt: at(detectedAtMs),
    windowMs: 2 * HOUR,
    score: victims / 20,
  };
}

/** A mule that received transfers from 8 subscribers across midnight (no alerts: each too small alone). */
export function muleFinding(): NetworkFindingV1 {
  const evidence = Array.from({ length: 8 }, (_, index) => ({
    subscriber: `msisdn:${victim(100 + index)}`,
    occurredAt: at(14 * HOUR + index * HOUR),
    eventId: `transfer-${index}`,
  }));
  return {
    findingId: 'finding-mule',
    number: `msisdn:${MULE}`,
    role: 'mule',
    campaignId: 'campaign-2',
    victimsCount: 8,
    victims: evidence.map((item) => item.subscriber),
    evidence,
    firstSeenAt: evidence[0].occurredAt,
    lastSeenAt: evidence[7].occurredAt,
    detectedAt: at(22 * HOUR),
    windowMs: DAY,
    score: 0.8,
  };
}

/** The caller's proposal as an analyst decided it. */
export const approved: BlocklistProposalV1 = {
  proposalId: 'proposal-caller',
  number: `msisdn:${CALLER}`,
  role: 'caller',
  campaignId: 'campaign-1',
  findingId: 'finding-caller',
  victimsCount: 20,
  score: 1,
  evidenceAlertIds: ['alert-0'],
  proposedAt: at(2 * HOUR),
  status: 'approved',
  decidedBy: 'demo-analyst',
  decidedAt: at(3 * HOUR),
  reason: `twenty victims, one voice; compare ${MULE}`,
  expiresAt: at(3 * HOUR + 30 * DAY),
};

/** A decided record nobody decided: dead-lettered by the sink, never audited. */
export function undecidedApproval(): BlocklistProposalV1 {
  return { ...approved, decidedBy: undefined };
}

/** The proposal as the networks service wrote it, before the decision. */
export function pendingProposal(): BlocklistProposalV1 {
  return {
    ...approved,
    status: 'pending',
    decidedBy: undefined,
    decidedAt: undefined,
    reason: undefined,
    expiresAt: undefined,
  };
}
