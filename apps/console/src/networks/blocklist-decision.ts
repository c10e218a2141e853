import { maskPhoneNumbersInText, type BlocklistEntryV1, type BlocklistProposalV1 } from '@vigil/contracts';
import type { BlocklistDecision } from '@vigil/analytics';

const DAY_MS = 86_400_000;

/** What an analyst asks for: a decision with its reason, and for an approval how long the block lasts. */
export interface DecisionRequest {
  decision: BlocklistDecision;
  reason: string;
  /** Approvals: days until the block-list entry expires. */
  expiresInDays: number;
}

/**
 * The decided record of a pending proposal (same key, same proposal): who, when (whole seconds, as audited), why
 * (numbers in the reason masked: the record is read by the barring system's operators and the analytics store) and,
 * for an approval, the expiry.
 */
export function decideProposal(
  pending: BlocklistProposalV1,
  request: DecisionRequest,
  analyst: string,
  now: Date,
): BlocklistProposalV1 {
  const decidedAtMs = Math.floor(now.getTime() / 1000) * 1000;
  const { decidedBy: _by, decidedAt: _at, reason: _reason, expiresAt: _expires, ...proposal } = pending;
  return {
    ...proposal,
    status: request.decision,
    decidedBy: analyst,
    decidedAt: new Date(decidedAtMs).toISOString(),
    reason: maskPhoneNumbersInText(request.reason),
    ...(request.decision === 'approved'
      ? { expiresAt: new Date(decidedAtMs + request.expiresInDays * DAY_MS).toISOString() }
      : {}),
  };
}

/** The block-list entry an approved proposal puts on `vigil.blocklist.v1` for the operator's barring system. */
export function blocklistEntryOf(approved: BlocklistProposalV1): BlocklistEntryV1 {
  if (
    approved.status !== 'approved' ||
    approved.decidedBy === undefined ||
    approved.decidedAt === undefined ||
    approved.expiresAt === undefined
  )
    throw new RangeError(`proposal ${approved.proposalId} is not approved`);
  return {
    number: approved.number,
    role: approved.role,
    proposalId: approved.proposalId,
    campaignId: approved.campaignId,
    approvedBy: approved.decidedBy,
    approvedAt: approved.decidedAt,
    reason: approved.reason ?? '',
    expiresAt: approved.expiresAt,
  };
}
