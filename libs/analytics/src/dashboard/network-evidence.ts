import { analyticsTables } from '../schema/analytics-tables';
import type { DashboardContext } from './dashboard-context';

/**
 * `FROM network_findings ARRAY JOIN …`: one row per (finding version, evidence item), each item's victim as
 * `e_victim_key` / `e_victim_display` and its time, alert, event and typology as `e_*`. Every network query counts
 * distinct victims over these rows: a finding's versions only add victims, so a replayed or re-emitted version never
 * counts a victim twice. The `e_` prefix keeps the array aliases apart from the aggregates' names (ClickHouse
 * refuses an alias that shadows a column it is computed from).
 */
export function networkEvidenceRows(context: DashboardContext): string {
  return `${context.database}.${analyticsTables.networkFindings}
    ARRAY JOIN evidence_subscriber_keys AS e_victim_key, evidence_subscriber_displays AS e_victim_display,
      evidence_occurred_at AS e_occurred_at, evidence_alert_ids AS e_alert_id, evidence_event_ids AS e_event_id,
      evidence_typologies AS e_typology`;
}
