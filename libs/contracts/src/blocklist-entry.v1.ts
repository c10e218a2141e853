import { defineContract } from './contract';
import type { NetworkRole } from './network-finding.v1';
import schema from './schemas/blocklist-entry.v1.schema.json';

/**
 * vigil.blocklist.v1 (compacted, key = number): a number an analyst approved for blocking, which the operator's
 * barring system consumes; a tombstone removes it.
 */
export interface BlocklistEntryV1 {
  number: string;
  role: NetworkRole;
  proposalId: string;
  campaignId: string;
  approvedBy: string;
  approvedAt: string;
  reason: string;
  expiresAt: string;
}

export const blocklistEntryV1 = defineContract<BlocklistEntryV1>(schema);
