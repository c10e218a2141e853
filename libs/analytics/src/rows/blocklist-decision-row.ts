import type { BlocklistProposalV1 } from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toDateTimeText } from './date-time-text';

/** `expires_at` of a rejection, which has no expiry (DateTime has no null on every server version we support). */
export const NO_EXPIRY = '1970-01-01T00:00:00Z';

/** One row of `blocklist_decisions`: an analyst's decision on a block-list proposal, with its reason. */
export interface BlocklistDecisionRow {
  proposal_id: string;
  number_type: string;
  number_key: string;
  number_display: string;
  role: string;
  campaign_id: string;
  finding_id: string;
  victims_count: number;
  score: number;
  decision: string;
  reason: string;
  analyst: string;
  decided_at: string;
  expires_at: string;
  [column: string]: unknown;
}

/** A decided proposal (approved or rejected, with who, when and why) as its audit row; numbers in the reason masked. */
export function toBlocklistDecisionRow(
  decided: BlocklistProposalV1,
  pseudonyms: SubscriberPseudonymizer,
): BlocklistDecisionRow {
  if (decided.status === 'pending' || decided.decidedBy === undefined || decided.decidedAt === undefined)
    throw new RangeError(`proposal ${decided.proposalId} is not decided`);
  const number = pseudonyms.entity(decided.number);
  return {
    proposal_id: decided.proposalId,
    number_type: number.type,
    number_key: number.key,
    number_display: number.display,
    role: decided.role,
    campaign_id: decided.campaignId,
    finding_id: decided.findingId,
    victims_count: decided.victimsCount,
    score: decided.score,
    decision: decided.status,
    reason: SubscriberPseudonymizer.maskText(decided.reason ?? ''),
    analyst: decided.decidedBy,
    decided_at: toDateTimeText(decided.decidedAt),
    expires_at: toDateTimeText(decided.expiresAt ?? NO_EXPIRY),
  };
}
