import { z } from 'zod';
import { analyticsTables } from '../schema/analytics-tables';
import type { RulePrecision } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { stages, timeRange } from './dashboard-filters';
import { inList } from './sql-fragments';

const filterSchema = z.intersection(timeRange, z.object({ stages: stages.optional() }));

/** Filter of `rulePrecision`: alerts whose last matched event falls in the range (whole UTC days). */
export type RulePrecisionFilter = z.input<typeof filterSchema>;

function dayLiteral(value: Date): string {
  return `toDate('${value.toISOString().slice(0, 10)}')`; // built from a validated Date: digits and dashes only
}

/**
 * Alert counts per rule version and the precision analysts' latest verdicts give it, from the `rule_hits_per_day`
 * and `alert_verdicts` aggregates (UNION ALL rather than JOIN: the same SQL on 18.16 and current releases).
 */
export const rulePrecision = dashboardQuery(
  'rulePrecision',
  filterSchema,
  async (context: DashboardContext, filter): Promise<RulePrecision[]> => {
    const dayRange = (column: string): string =>
      `${column} >= ${dayLiteral(filter.from)} AND ${column} <= ${dayLiteral(new Date(filter.to.getTime() - 1))}`;
    const rows = await context.executor.query<{
      rule_id: string;
      rule_version: number;
      hit_count: string | number;
      confirmed_count: string | number;
      false_positive_count: string | number;
    }>(
      `SELECT rule_id, rule_version, sum(hits) AS hit_count, sum(confirmed) AS confirmed_count,
      sum(false_positives) AS false_positive_count
    FROM (
      SELECT rule_id, rule_version, toUInt64(uniqExactMerge(hits_state)) AS hits,
        toUInt64(0) AS confirmed, toUInt64(0) AS false_positives
      FROM ${context.database}.${analyticsTables.ruleHitsPerDay}
      WHERE ${dayRange('day')}${inList('stage', filter.stages)}
      GROUP BY rule_id, rule_version
      UNION ALL
      SELECT rule_id, rule_version, toUInt64(0) AS hits,
        toUInt64(countIf(latest_verdict = 'confirmed_fraud')) AS confirmed,
        toUInt64(countIf(latest_verdict = 'false_positive')) AS false_positives
      FROM (
        SELECT rule_id, rule_version, alert_id, argMaxMerge(verdict_state) AS latest_verdict
        FROM ${context.database}.${analyticsTables.alertVerdicts}
        WHERE ${dayRange('alert_day')}
        GROUP BY rule_id, rule_version, alert_id
      )
      GROUP BY rule_id, rule_version
    )
    GROUP BY rule_id, rule_version
    ORDER BY hit_count DESC, rule_id, rule_version`,
    );
    return rows.map((row) => {
      const confirmedFraud = Number(row.confirmed_count);
      const falsePositives = Number(row.false_positive_count);
      const labelled = confirmedFraud + falsePositives;
      return {
        ruleId: row.rule_id,
        ruleVersion: Number(row.rule_version),
        hits: Number(row.hit_count),
        confirmedFraud,
        falsePositives,
        precision: labelled === 0 ? null : confirmedFraud / labelled,
      };
    });
  },
);
