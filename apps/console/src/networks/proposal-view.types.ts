// No imports here: the console's web UI imports this shape as a type (apps/console/web/src/api-types.mts), and its
// build resolves nothing beyond this file.

/**
 * A block-list proposal as the console shows it: the number in its stored display form (the privacy rule: `***67`;
 * sender names readable), as the dashboards show it, beside its pseudonym key (the network graph's node id and the
 * dashboards' `numberKey`). The full number never leaves the server.
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
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  expiresAt: string | null;
}
