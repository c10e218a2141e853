import type { SubscriberPseudonymizer } from '@vigil/analytics';
import type { BlocklistEntryV1, BlocklistProposalV1 } from '@vigil/contracts';

/**
 * A block-list proposal as the console shows it: the number in its stored display form (the privacy rule: `***67`;
 * sender names readable), as the dashboards show it, beside its pseudonym key, which is the node id of the network graph and the `numberKey` of the dashboard
 * answers. The full number never leaves the server.
 */
export interface ProposalView {
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
  status: BlocklistProposalV1['status'];
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  expiresAt: string | null;
}

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
