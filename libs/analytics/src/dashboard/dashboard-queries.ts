import { quoteIdentifier, type SqlExecutor } from '@vigil/clickhouse';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { alertDetail } from './alert-detail.query';
import { alertList } from './alert-list.query';
import { alertsOverTime } from './alerts-over-time.query';
import type { DashboardContext } from './dashboard-context';
import { eventsOverTime } from './events-over-time.query';
import { rulePrecision } from './rule-precision.query';
import { scamSignalChecks } from './scam-signal-checks.query';
import { subscriberTimeline } from './subscriber-timeline.query';
import { topBulkSenders } from './top-bulk-senders.query';
import { networkFinding } from './network-finding.query';
import { networkGraph } from './network-graph.query';
import { victimsPerNumberPerDay } from './network-victims-per-day.query';
import { topNetworkNumbers } from './top-network-numbers.query';

/**
 * The console's read side over ClickHouse. Every filter is validated (allow-lists for enums, bounded numbers,
 * Dates) and every value reaches SQL through the quoting helpers: 18.16 has no server-side parameters.
 * Invalid filters throw DashboardFilterError; unknown values simply match nothing.
 */
export class DashboardQueries {
  private readonly context: DashboardContext;

  constructor(executor: SqlExecutor, database: string, pseudonyms: SubscriberPseudonymizer) {
    this.context = { executor, database: quoteIdentifier(database), pseudonyms };
  }

  readonly alertsOverTime = this.onThisDatabase(alertsOverTime);
  readonly eventsOverTime = this.onThisDatabase(eventsOverTime);
  readonly topBulkSenders = this.onThisDatabase(topBulkSenders);
  readonly subscriberTimeline = this.onThisDatabase(subscriberTimeline);
  readonly scamSignalChecks = this.onThisDatabase(scamSignalChecks);
  readonly rulePrecision = this.onThisDatabase(rulePrecision);
  readonly alertList = this.onThisDatabase(alertList);
  readonly alertDetail = this.onThisDatabase(alertDetail);
  readonly topNetworkNumbers = this.onThisDatabase(topNetworkNumbers);
  readonly victimsPerNumberPerDay = this.onThisDatabase(victimsPerNumberPerDay);
  readonly networkGraph = this.onThisDatabase(networkGraph);
  readonly networkFinding = this.onThisDatabase(networkFinding);

  /** `query` run in this database with these pseudonyms: its filter is all a caller gives. */
  private onThisDatabase<Filter, Result>(
    query: (context: DashboardContext, filter: Filter) => Promise<Result>,
  ): (filter: Filter) => Promise<Result> {
    return (filter) => query(this.context, filter);
  }
}
