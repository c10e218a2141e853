import { z } from 'zod';
import { quoteString } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { AlertDetailFields } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { freeId } from './dashboard-filters';
import { toAlertSummary, type AlertSummary, type AlertSummaryRow } from './alert-summary';

const filterSchema = z.object({ alertId: freeId });

/** Filter of `alertDetail`. */
export type AlertDetailFilter = z.input<typeof filterSchema>;

export interface AlertDetail extends AlertSummary, AlertDetailFields {}

/** One alert with its evidence chain and analyst feedback, or null when no alert has that id. */
export const alertDetail = dashboardQuery(
  'alertDetail',
  filterSchema,
  async (context: DashboardContext, { alertId }): Promise<AlertDetail | null> => {
    const id = quoteString(alertId);
    const [row] = await context.executor.query<
      AlertSummaryRow & {
        counterparty_displays: string[];
        first_event_s: string | number;
        evidence_event_ids: string[];
        evidence_kinds: string[];
        evidence_s: (string | number)[];
        evidence_steps: string[];
        explanation: string;
      }
    >(
      `SELECT alert_id, rule_id, rule_version, typology, severity, stage, entity_type, entity_display,
      counterparty_displays, toUnixTimestamp(detected_at) AS detected_s,
      toUnixTimestamp(first_event_at) AS first_event_s, toUnixTimestamp(last_event_at) AS last_event_s,
      evidence_event_ids, evidence_kinds, arrayMap(t -> toUnixTimestamp(t), evidence_occurred_at) AS evidence_s,
      evidence_steps, explanation, score
    FROM ${context.database}.${analyticsTables.alerts} FINAL
    WHERE alert_id = ${id}
    LIMIT 1`,
    );
    if (!row) return null;
    const feedback = await context.executor.query<{
      verdict: string;
      note: string;
      analyst: string;
      at_s: string;
    }>(
      `SELECT verdict, note, analyst, toUnixTimestamp(at) AS at_s
    FROM ${context.database}.${analyticsTables.alertFeedback} FINAL
    WHERE alert_id = ${id}
    ORDER BY at, analyst`,
    );
    return {
      ...toAlertSummary(row),
      counterparties: row.counterparty_displays,
      firstEventAt: fromUnixSeconds(row.first_event_s),
      explanation: row.explanation,
      evidence: row.evidence_event_ids.map((eventId, index) => ({
        eventId,
        kind: row.evidence_kinds[index],
        occurredAt: fromUnixSeconds(row.evidence_s[index]),
        step: row.evidence_steps[index],
      })),
      feedback: feedback.map((entry) => ({
        verdict: entry.verdict,
        note: entry.note,
        analyst: entry.analyst,
        at: fromUnixSeconds(entry.at_s),
      })),
    };
  },
);
