/** Operator input feeds (contracts fixed by the operator's systems). */
export const SMS_TOPIC = 'telco.sms.v1';
export const CALLS_TOPIC = 'telco.calls.v1';
export const PAYMENTS_TOPIC = 'telco.payments.v1';

/** Vigil's own topics; see DESIGN.md "Topics". */
export const ENTITY_EVENTS_TOPIC = 'vigil.entity-events.v1';
export const DLQ_TOPIC = 'vigil.dlq.v1';
export const ALERTS_TOPIC = 'vigil.alerts.v1';
export const NOTIFICATIONS_TOPIC = 'vigil.notifications.v1';
export const RULES_TOPIC = 'vigil.rules.v1';
export const CORRELATOR_STATE_TOPIC = 'vigil.correlator-state.v1';
export const SUBSCRIBER_PREFERENCES_TOPIC = 'vigil.subscriber-preferences.v1';
export const ALERT_ROUTER_STATE_TOPIC = 'vigil.alert-router-state.v1';
export const ALERT_ROUTER_WEBHOOKS_TOPIC = 'vigil.alert-router-webhooks.v1';
export const SUBSCRIBER_RISK_TOPIC = 'vigil.subscriber-risk.v1';
export const NETWORK_FINDINGS_TOPIC = 'vigil.network-findings.v1';
export const BLOCKLIST_PROPOSALS_TOPIC = 'vigil.blocklist-proposals.v1';
export const BLOCKLIST_TOPIC = 'vigil.blocklist.v1';
/** The networks service's internal topics (README, "Scam networks"). */
export const NETWORK_OBSERVATIONS_TOPIC = 'vigil.network-observations.v1';
export const NETWORK_CONTACTS_STATE_TOPIC = 'vigil.network-contacts-state.v1';
export const NETWORK_STATE_TOPIC = 'vigil.network-state.v1';

export const INPUT_TOPICS = [SMS_TOPIC, CALLS_TOPIC, PAYMENTS_TOPIC] as const;
export type InputTopic = (typeof INPUT_TOPICS)[number];

export interface TopicSpec {
  name: string;
  /**
   * `compact` topics keep the latest value per key forever (state, rules, preferences); `compact,delete` also
   * drops what is older than the retention (state that is worthless after a while).
   */
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
  /** Partition count; `undefined` means the stack's default (12). */
  partitions?: number;
  retentionMs?: number;
}

const SEVEN_DAYS_MS = 7 * 24 * 3_600_000;

/**
 * Every topic Vigil reads or writes by its role, with the configuration the stack creates it with. The one list of
 * topics: TOPIC_SPECS, TopicNames and topicNames are read from it.
 */
const TOPIC_SPECS_BY_ROLE = {
  sms: { name: SMS_TOPIC, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  calls: { name: CALLS_TOPIC, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  payments: { name: PAYMENTS_TOPIC, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  entityEvents: { name: ENTITY_EVENTS_TOPIC, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  dlq: { name: DLQ_TOPIC, cleanupPolicy: 'delete', retentionMs: 4 * SEVEN_DAYS_MS },
  alerts: { name: ALERTS_TOPIC, cleanupPolicy: 'delete', retentionMs: 4 * SEVEN_DAYS_MS },
  notifications: { name: NOTIFICATIONS_TOPIC, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  // One partition: the rule set is small and every correlator instance reads all of it.
  rules: { name: RULES_TOPIC, cleanupPolicy: 'compact', partitions: 1 },
  // Co-partitioned with vigil.entity-events.v1: state of input partition p lives in changelog partition p.
  correlatorState: { name: CORRELATOR_STATE_TOPIC, cleanupPolicy: 'compact' },
  subscriberPreferences: { name: SUBSCRIBER_PREFERENCES_TOPIC, cleanupPolicy: 'compact' },
  // Co-partitioned with vigil.alerts.v1; dedup and cool-downs older than 8 days are worthless.
  alertRouterState: {
    name: ALERT_ROUTER_STATE_TOPIC,
    cleanupPolicy: 'compact,delete',
    retentionMs: 8 * 24 * 3_600_000,
  },
  alertRouterWebhooks: {
    name: ALERT_ROUTER_WEBHOOKS_TOPIC,
    cleanupPolicy: 'delete',
    retentionMs: SEVEN_DAYS_MS,
  },
  // Co-partitioned with vigil.entity-events.v1; a pattern lives for hours at most, so a key not rewritten for 7 days
  // holds nothing open and may go.
  subscriberRisk: {
    name: SUBSCRIBER_RISK_TOPIC,
    cleanupPolicy: 'compact,delete',
    retentionMs: SEVEN_DAYS_MS,
  },
  // Key = number; every version of a finding is kept as long as the alerts it cites.
  networkFindings: { name: NETWORK_FINDINGS_TOPIC, cleanupPolicy: 'delete', retentionMs: 4 * SEVEN_DAYS_MS },
  // Key = number: the latest record is the proposal's state (pending, then the analyst's decision), kept forever.
  blocklistProposals: { name: BLOCKLIST_PROPOSALS_TOPIC, cleanupPolicy: 'compact' },
  // Key = number: what the barring system blocks now; a tombstone lifts the block.
  blocklist: { name: BLOCKLIST_TOPIC, cleanupPolicy: 'compact' },
  // The repartition of alerts and first-contact transfers by number (key = number). One partition: the campaign
  // grouping needs every number in one place, and only alerts and first-contact transfers pass (README).
  networkObservations: {
    name: NETWORK_OBSERVATIONS_TOPIC,
    cleanupPolicy: 'delete',
    retentionMs: SEVEN_DAYS_MS,
    partitions: 1,
  },
  // Co-partitioned with vigil.entity-events.v1: who each subscriber has been in contact with; a subscriber silent
  // for longer than the 30-day memory (and a day to spare) may go.
  networkContactsState: {
    name: NETWORK_CONTACTS_STATE_TOPIC,
    cleanupPolicy: 'compact,delete',
    retentionMs: 31 * 24 * 3_600_000,
  },
  // Co-partitioned with vigil.network-observations.v1 (one partition): per-number windows and campaigns.
  networkState: { name: NETWORK_STATE_TOPIC, cleanupPolicy: 'compact', partitions: 1 },
} as const satisfies Record<string, TopicSpec>;

/** Every topic Vigil reads or writes, with the configuration the stack creates it with. */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(TOPIC_SPECS_BY_ROLE);

/** Vigil's topics by role, as one object a service receives through configuration. */
export type TopicNames = Record<keyof typeof TOPIC_SPECS_BY_ROLE, string>;

/**
 * The topic names under an optional prefix (`VIGIL_TOPIC_PREFIX`): empty in production; tests and side-by-side
 * environments give each run its own set of topics on a shared broker.
 */
export function topicNames(prefix = ''): TopicNames {
  const entries = Object.entries(TOPIC_SPECS_BY_ROLE).map(([role, spec]) => [role, prefix + spec.name]);
  return Object.fromEntries(entries) as TopicNames;
}

/** TOPIC_SPECS under a prefix, for creating a prefixed set of topics. */
export function prefixedTopicSpecs(prefix: string): TopicSpec[] {
  return TOPIC_SPECS.map((spec) => ({ ...spec, name: prefix + spec.name }));
}
