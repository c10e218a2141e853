import { z } from 'zod';
import { quoteNumber } from '@vigil/clickhouse';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { NetworkEdge, NetworkGraph } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { timeRange } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';
import { networkEvidenceRows } from './network-evidence';
import { inList, inTimeRange } from './sql-fragments';
import { topNetworkNumbers } from './top-network-numbers.query';

const filterSchema = z.intersection(
  timeRange,
  z.object({
    numbers: z.number().int().min(1).max(50).default(10),
    maxEdges: z.number().int().min(1).max(5_000).default(1_000),
  }),
);

/** Filter of `networkGraph`: the busiest `numbers` numbers of the range and their victims. */
export type NetworkGraphFilter = z.input<typeof filterSchema>;

/** Scammer numbers and their victims for a graph: nodes are pseudonyms (keys) with masked labels, never numbers. */
export const networkGraph = dashboardQuery(
  'networkGraph',
  filterSchema,
  async (context: DashboardContext, filter): Promise<NetworkGraph> => {
    const numbers = await topNetworkNumbers(context, {
      from: filter.from,
      to: filter.to,
      limit: filter.numbers,
    });
    if (numbers.length === 0) return { numbers, edges: [] };
    const rows = await context.executor.query<{
      number_key: string;
      victim_key: string;
      victim_display: string;
      alert_id: string;
      event_id: string;
      typology: string;
      last_s: string | number;
    }>(
      `SELECT number_key, e_victim_key AS victim_key, any(e_victim_display) AS victim_display,
      argMaxIf(e_alert_id, e_occurred_at, e_alert_id != '') AS alert_id,
      argMaxIf(e_event_id, e_occurred_at, e_event_id != '') AS event_id,
      argMaxIf(e_typology, e_occurred_at, e_typology != '') AS typology,
      toUInt32(max(e_occurred_at)) AS last_s
    FROM ${networkEvidenceRows(context)}
    WHERE ${inTimeRange('e_occurred_at', filter)}${inList(
      'number_key',
      numbers.map((number) => number.numberKey),
    )}
    GROUP BY number_key, victim_key
    ORDER BY number_key, victim_key
    LIMIT ${quoteNumber(filter.maxEdges)}`,
    );
    return {
      numbers,
      edges: rows.map((row) => ({
        numberKey: row.number_key,
        victimKey: row.victim_key,
        victim: row.victim_display,
        alertId: row.alert_id || null,
        eventId: row.event_id || null,
        typology: row.typology || null,
        lastAt: fromUnixSeconds(row.last_s),
      })),
    };
  },
);

export type { NetworkEdge, NetworkGraph };
