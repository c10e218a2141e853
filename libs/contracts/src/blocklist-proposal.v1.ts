import { defineContract } from './contract';
import type { NetworkRole } from './network-finding.v1';
import schema from './schemas/blocklist-proposal.v1.schema.json';

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * vigil.blocklist-proposals.v1 (compacted, key = number): the networks service writes `pending`, the console's
 * approval API the decided record. A decided number is never put back to pending; a rejected one is proposed again
 * only when its victims count has at least doubled since the rejection.
 */
export interface BlocklistProposalV1 {
  proposalId: string;
  number: string;
  role: NetworkRole;
  campaignId: string;
  findingId: string;
  victimsCount: number;
  score: number;
  evidenceAlertIds: string[];
  proposedAt: string;
  status: ProposalStatus;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  expiresAt?: string;
}

export const blocklistProposalV1 = defineContract<BlocklistProposalV1>(schema);
