import type { NetworkFindingV1 } from '@vigil/contracts';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toDateTimeText } from './date-time-text';

/** One row of `network_findings`: one emitted version of a finding, evidence as parallel arrays. */
export interface NetworkFindingRow {
  finding_id: string;
  number_type: string;
  number_key: string;
  number_display: string;
  role: string;
  campaign_id: string;
  victims_count: number;
  evidence_subscriber_keys: string[];
  evidence_subscriber_displays: string[];
  evidence_occurred_at: string[];
  evidence_alert_ids: string[];
  evidence_event_ids: string[];
  evidence_typologies: string[];
  lure_domains: string[];
  first_seen_at: string;
  last_seen_at: string;
  detected_at: string;
  window_ms: number;
  score: number;
  [column: string]: unknown;
}

/** Maps a finding to its row: the number and every victim pseudonymized (keyed hash and masked form). */
export function toNetworkFindingRow(
  finding: NetworkFindingV1,
  pseudonyms: SubscriberPseudonymizer,
): NetworkFindingRow {
  const number = pseudonyms.entity(finding.number);
  const victims = finding.evidence.map((item) => pseudonyms.entity(item.subscriber));
  return {
    finding_id: finding.findingId,
    number_type: number.type,
    number_key: number.key,
    number_display: number.display,
    role: finding.role,
    campaign_id: finding.campaignId,
    victims_count: finding.victimsCount,
    evidence_subscriber_keys: victims.map((victim) => victim.key),
    evidence_subscriber_displays: victims.map((victim) => victim.display),
    evidence_occurred_at: finding.evidence.map((item) => toDateTimeText(item.occurredAt)),
    evidence_alert_ids: finding.evidence.map((item) => item.alertId ?? ''),
    evidence_event_ids: finding.evidence.map((item) => item.eventId ?? ''),
    evidence_typologies: finding.evidence.map((item) => item.typology ?? ''),
    lure_domains: finding.lureDomains ?? [],
    first_seen_at: toDateTimeText(finding.firstSeenAt),
    last_seen_at: toDateTimeText(finding.lastSeenAt),
    detected_at: toDateTimeText(finding.detectedAt),
    window_ms: finding.windowMs,
    score: finding.score,
  };
}
