import { defineContract } from './contract';
import schema from './schemas/network-finding.v1.schema.json';

/** What a number did in a scam network: lured victims by calls or SMS, or received their money. */
export const NETWORK_ROLES = ['caller', 'sender', 'mule'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

/** Most victims and evidence items one finding lists (victimsCount keeps the full count). */
export const MAX_FINDING_VICTIMS = 200;
export const MAX_FINDING_EVIDENCE = 200;

/** One victim's part in a finding: the alert (caller/sender) or the transfer (mule) that links them. */
export interface NetworkEvidenceV1 {
  /** Subscriber entity (`msisdn:<digits>`). */
  subscriber: string;
  occurredAt: string;
  alertId?: string;
  eventId?: string;
  typology?: string;
}

/**
 * vigil.network-findings.v1 (key = number): one number behind many victims. findingId is deterministic, so a
 * replay is recognisable; the finding is re-emitted with the same findingId and updated counts as victims grow.
 */
export interface NetworkFindingV1 {
  findingId: string;
  /** Entity id of the number: `msisdn:<digits>` or `sender:<id>`. */
  number: string;
  role: NetworkRole;
  campaignId: string;
  victimsCount: number;
  victims: string[];
  evidence: NetworkEvidenceV1[];
  firstSeenAt: string;
  lastSeenAt: string;
  detectedAt: string;
  windowMs: number;
  score: number;
  /** Domains of links in the lures; never text. */
  lureDomains?: string[];
}

export const networkFindingV1 = defineContract<NetworkFindingV1>(schema);
