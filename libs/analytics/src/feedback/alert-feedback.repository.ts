import { z } from 'zod';
import { quoteIdentifier, quoteNumber, quoteString, type SqlExecutor } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { freeId, instant, parseFilter } from '../dashboard/dashboard-filters';

export const ALERT_VERDICTS = ['confirmed_fraud', 'false_positive'] as const;
export type AlertVerdict = (typeof ALERT_VERDICTS)[number];

const feedbackSchema = z.object({
  alertId: freeId,
  verdict: z.enum(ALERT_VERDICTS),
  note: z.string().max(2_000).default(''),
  analyst: z.string().min(1).max(128),
  at: instant,
});

/** An analyst's verdict on an alert. */
export type AlertFeedbackInput = z.input<typeof feedbackSchema>;

/**
 * Writes analyst feedback. The row copies the alert's rule, version, typology and day from `alerts` in the same
 * INSERT … SELECT, so the verdict aggregate can compute per-rule precision without a JOIN. A repeated identical
 * submission collapses (ReplacingMergeTree on alert, time, analyst); the latest verdict per alert counts.
 */
export class AlertFeedbackRepository {
  private readonly database: string;

  constructor(
    private readonly executor: SqlExecutor,
    database: string,
  ) {
    this.database = quoteIdentifier(database);
  }

  /** Records the feedback; false when no alert has that id (nothing written). */
  async record(input: AlertFeedbackInput): Promise<boolean> {
    const feedback = parseFilter('recordFeedback', feedbackSchema, input);
    const id = quoteString(feedback.alertId);
    const alerts = `${this.database}.${analyticsTables.alerts}`;
    const [found] = await this.executor.query<{ n: string | number }>(
      `SELECT count() AS n FROM ${alerts} WHERE alert_id = ${id}`,
    );
    if (Number(found?.n ?? 0) === 0) return false;
    await this.executor.command(
      `INSERT INTO ${this.database}.${analyticsTables.alertFeedback}
        (alert_id, verdict, note, analyst, at, rule_id, rule_version, typology, alert_day)
      SELECT alert_id, ${quoteString(feedback.verdict)}, ${quoteString(SubscriberPseudonymizer.maskText(feedback.note))},
        ${quoteString(feedback.analyst)}, toDateTime(${quoteNumber(Math.floor(feedback.at.getTime() / 1000))}),
        rule_id, rule_version, typology, toDate(last_event_at)
      FROM ${alerts} FINAL
      WHERE alert_id = ${id}
      LIMIT 1`,
    );
    return true;
  }
}
