import { quoteIdentifier, type SqlExecutor } from '@vigil/clickhouse';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { type AlertDetail, type AlertDetailFilter, alertDetail } from './alert-detail.query';
import { type AlertListFilter, type AlertPage, alertList } from './alert-list.query';
import {
  type AlertsOverTimeFilter,
  type AlertsOverTimePoint,
  alertsOverTime,
} from './alerts-over-time.query';
import type { DashboardContext } from './dashboard-context';
import {
  type EventsOverTimeFilter,
  type EventsOverTimePoint,
  eventsOverTime,
} from './events-over-time.query';
import { type RulePrecision, type RulePrecisionFilter, rulePrecision } from './rule-precision.query';
import {
  type ScamSignalCheck,
  type ScamSignalChecksFilter,
  scamSignalChecks,
} from './scam-signal-checks.query';
import {
  type SubscriberTimelineFilter,
  type TimelineEvent,
  subscriberTimeline,
} from './subscriber-timeline.query';
import { type BulkSender, type TopBulkSendersFilter, topBulkSenders } from './top-bulk-senders.query';
import { type NetworkGraph, type NetworkGraphFilter, networkGraph } from './network-graph.query';
import {
  type NetworkFindingEvidence,
  type NetworkFindingFilter,
  networkFinding,
} from './network-finding.query';
import {
  type VictimsPerNumberPerDay,
  type VictimsPerNumberPerDayFilter,
  victimsPerNumberPerDay,
} from './network-victims-per-day.query';
import {
  type NetworkNumber,
  type TopNetworkNumbersFilter,
  topNetworkNumbers,
} from './top-network-numbers.query';

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

  alertsOverTime(filter: AlertsOverTimeFilter): Promise<AlertsOverTimePoint[]> {
    return alertsOverTime(this.context, filter);
  }

  eventsOverTime(filter: EventsOverTimeFilter): Promise<EventsOverTimePoint[]> {
    return eventsOverTime(this.context, filter);
  }

  topBulkSenders(filter: TopBulkSendersFilter): Promise<BulkSender[]> {
    return topBulkSenders(this.context, filter);
  }

  subscriberTimeline(filter: SubscriberTimelineFilter): Promise<TimelineEvent[]> {
    return subscriberTimeline(this.context, filter);
  }

  scamSignalChecks(filter: ScamSignalChecksFilter): Promise<ScamSignalCheck[]> {
    return scamSignalChecks(this.context, filter);
  }

  rulePrecision(filter: RulePrecisionFilter): Promise<RulePrecision[]> {
    return rulePrecision(this.context, filter);
  }

  alertList(filter: AlertListFilter): Promise<AlertPage> {
    return alertList(this.context, filter);
  }

  alertDetail(filter: AlertDetailFilter): Promise<AlertDetail | null> {
    return alertDetail(this.context, filter);
  }

  topNetworkNumbers(filter: TopNetworkNumbersFilter): Promise<NetworkNumber[]> {
    return topNetworkNumbers(this.context, filter);
  }

  victimsPerNumberPerDay(filter: VictimsPerNumberPerDayFilter): Promise<VictimsPerNumberPerDay[]> {
    return victimsPerNumberPerDay(this.context, filter);
  }

  networkGraph(filter: NetworkGraphFilter): Promise<NetworkGraph> {
    return networkGraph(this.context, filter);
  }

  networkFinding(filter: NetworkFindingFilter): Promise<NetworkFindingEvidence | null> {
    return networkFinding(this.context, filter);
  }
}
