import { z } from 'zod';
import { quoteString } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { freeId } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';

const filterSchema = z.object({ findingId: freeId });

/** Filter of `networkFinding`. */
export type NetworkFindingFilter = z.input<typeof filterSchema>;

/** The evidence of a finding as stored: masked victims, the alerts or transfers that link them. */
export interface NetworkFindingEvidence {
  findingId: string;
  numberKey: string;
  /** Masked number or sender name. */
  number: string;
  role: string;
  campaignId: string;
  victimsCount: number;
  evidence: {
    victimKey: string;
    /** Masked victim number. */
    subscriber: string;
    occurredAt: string;
    alertId: string | null;
    eventId: string | null;
    typology: string | null;
  }[];
  lureDomains: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  detectedAt: string;
  score: number;
}

/** The latest stored version of one finding (most victims, then latest), or null. */
export const networkFinding = dashboardQuery(
  'networkFinding',
  filterSchema,
  async (context: DashboardContext, { findingId }): Promise<NetworkFindingEvidence | null> => {
    const [row] = await context.executor.query<{
      finding_id: string;
      number_key: string;
      number_display: string;
      role: string;
      campaign_id: string;
      victims_count: number | string;
      keys: string[];
      displays: string[];
      occurred_s: (number | string)[];
      alert_ids: string[];
      event_ids: string[];
      typologies: string[];
      lure_domains: string[];
      first_s: number | string;
      last_s: number | string;
      detected_s: number | string;
      score: number;
    }>(
      `SELECT finding_id, number_key, number_display, role, campaign_id, victims_count,
      evidence_subscriber_keys AS keys, evidence_subscriber_displays AS displays,
      arrayMap(t -> toUInt32(t), evidence_occurred_at) AS occurred_s, evidence_alert_ids AS alert_ids,
      evidence_event_ids AS event_ids, evidence_typologies AS typologies, lure_domains,
      toUInt32(first_seen_at) AS first_s, toUInt32(last_seen_at) AS last_s, toUInt32(detected_at) AS detected_s,
      score
    FROM ${context.database}.${analyticsTables.networkFindings}
    WHERE finding_id = ${quoteString(findingId)}
    ORDER BY victims_count DESC, detected_at DESC
    LIMIT 1`,
    );
    if (!row) return null;
    return {
      findingId: row.finding_id,
      numberKey: row.number_key,
      number: row.number_display,
      role: row.role,
      campaignId: row.campaign_id,
      victimsCount: Number(row.victims_count),
      evidence: row.keys.map((victimKey, index) => ({
        victimKey,
        subscriber: row.displays[index],
        occurredAt: fromUnixSeconds(row.occurred_s[index]),
        alertId: row.alert_ids[index] || null,
        eventId: row.event_ids[index] || null,
        typology: row.typologies[index] || null,
      })),
      lureDomains: row.lure_domains,
      firstSeenAt: fromUnixSeconds(row.first_s),
      lastSeenAt: fromUnixSeconds(row.last_s),
      detectedAt: fromUnixSeconds(row.detected_s),
      score: Number(row.score),
    };
  },
);
