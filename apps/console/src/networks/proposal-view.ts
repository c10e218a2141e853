import type { ProposalView, SubscriberPseudonymizer } from '@vigil/analytics';
import type { BlocklistEntryV1, BlocklistProposalV1 } from '@vigil/contracts';

export type { ProposalView };

/** A block-list entry as the console shows it (number masked). */
export type EntryView = Omit<BlocklistEntryV1, 'number'> & { numberKey: string; number: string };

export function toProposalView(
  proposal: BlocklistProposalV1,
  pseudonyms: SubscriberPseudonymizer,
): ProposalView {
  const { key, display } = pseudonyms.entity(proposal.number);
  return {
    proposalId: proposal.proposalId,
    numberKey: key,
    number: display,
    role: proposal.role,
    campaignId: proposal.campaignId,
    findingId: proposal.findingId,
    victimsCount: proposal.victimsCount,
    score: proposal.score,
    evidenceAlertIds: proposal.evidenceAlertIds,
    proposedAt: proposal.proposedAt,
    status: proposal.status,
    decidedBy: proposal.decidedBy ?? null,
    decidedAt: proposal.decidedAt ?? null,
    reason: proposal.reason ?? null,
    expiresAt: proposal.expiresAt ?? null,
  };
}

export function toEntryView(entry: BlocklistEntryV1, pseudonyms: SubscriberPseudonymizer): EntryView {
  const { key, display } = pseudonyms.entity(entry.number);
  return { ...entry, numberKey: key, number: display };
}
