import type { Migration } from '@vigil/clickhouse';
import { aggregateTable, writtenTable } from './analytics-table-ddl';
import { analyticsShardingKeys, analyticsTables as t } from './analytics-tables';

// Every statement here runs unchanged on ClickHouse 18.16 and on current releases (checked by the chdb test):
// no TTL, no DateTime64, no LowCardinality, no SimpleAggregateFunction. Raw tables are ReplacingMergeTree keyed by
// the message id, aggregates are AggregatingMergeTree of uniqExact/argMax states over ids: a replayed insert adds
// nothing a query can count twice (see apps/analytics-sink/README.md).
//
// On a cluster (SchemaTarget), each table keeps its rows in `<name>_local` on every shard behind a Distributed
// `<name>`, and each materialized view reads and writes the `_local` tables of its own shard. That stays replay-safe
// because the sharding keys (analyticsShardingKeys) send every copy of a row to the same shard, where ReplacingMergeTree and FINAL
// collapse it, and because an id lives on one shard only, so merging uniqExact/argMax states across shards counts
// it once.

const entityEvents: Migration = {
  version: 1,
  name: 'entity_events',
  statements: (target) => [
    ...writtenTable(target, t.entityEvents, {
      columns: [
        'event_id String',
        'source_event_id String',
        'source_topic String',
        'entity_type String',
        'entity_key String',
        'entity_display String',
        'kind String',
        'occurred_at DateTime',
        'ingested_at DateTime',
        'counterparty_key String',
        'counterparty_display String',
        'counterparty_class String',
        'amount Float64',
        'currency String',
        'channel String',
        'answered UInt8',
        'duration_sec UInt32',
        'has_url UInt8',
        'features_json String',
      ],
      partitionBy: 'toYYYYMMDD(occurred_at)',
      orderBy: '(entity_key, occurred_at, event_id)',
    }),
  ],
};

const alerts: Migration = {
  version: 2,
  name: 'alerts_and_feedback',
  statements: (target) => [
    // Keyed by alert_id alone: detected_at is processing time and may differ on a replay; the partition uses
    // last_event_at, which is derived from the matched events and so is the same on every replay.
    ...writtenTable(target, t.alerts, {
      columns: [
        'alert_id String',
        'rule_id String',
        'rule_version UInt32',
        'typology String',
        'severity String',
        'stage String',
        'entity_type String',
        'entity_key String',
        'entity_display String',
        'counterparty_keys Array(String)',
        'counterparty_displays Array(String)',
        'detected_at DateTime',
        'first_event_at DateTime',
        'last_event_at DateTime',
        'evidence_event_ids Array(String)',
        'evidence_kinds Array(String)',
        'evidence_occurred_at Array(DateTime)',
        'evidence_steps Array(String)',
        'explanation String',
        'score Float64',
      ],
      partitionBy: 'toYYYYMM(last_event_at)',
      orderBy: 'alert_id',
    }),
    ...writtenTable(target, t.alertFeedback, {
      columns: [
        'alert_id String',
        'verdict String',
        'note String',
        'analyst String',
        'at DateTime',
        'rule_id String',
        'rule_version UInt32',
        'typology String',
        'alert_day Date',
      ],
      partitionBy: 'toYYYYMM(at)',
      orderBy: '(alert_id, at, analyst)',
    }),
  ],
};

const aggregates: Migration = {
  version: 3,
  name: 'dashboard_aggregates',
  statements: (target) => [
    ...aggregateTable(target, t.eventsPerMinute, {
      columns: ['minute DateTime', 'kind String', 'events_state AggregateFunction(uniqExact, UInt64)'],
      partitionBy: 'toYYYYMMDD(minute)',
      orderBy: '(minute, kind)',
      select: `SELECT toStartOfMinute(occurred_at) AS minute, kind, uniqExactState(sipHash64(event_id)) AS events_state
    FROM ${target.shardTable(t.entityEvents)}
    GROUP BY minute, kind`,
    }),
    ...aggregateTable(target, t.alertsPerMinute, {
      columns: [
        'minute DateTime',
        'typology String',
        'severity String',
        'stage String',
        'alerts_state AggregateFunction(uniqExact, UInt64)',
      ],
      partitionBy: 'toYYYYMM(minute)',
      orderBy: '(minute, typology, severity, stage)',
      select: `SELECT toStartOfMinute(last_event_at) AS minute, typology, severity, stage,
      uniqExactState(sipHash64(alert_id)) AS alerts_state
    FROM ${target.shardTable(t.alerts)}
    GROUP BY minute, typology, severity, stage`,
    }),
    ...aggregateTable(target, t.bulkSendersPerHour, {
      columns: [
        'hour DateTime',
        'sender_key String',
        'sender_display_state AggregateFunction(any, String)',
        'recipients_state AggregateFunction(uniqExact, UInt64)',
        'messages_state AggregateFunction(uniqExact, UInt64)',
        'url_senders_state AggregateFunction(max, UInt8)',
      ],
      partitionBy: 'toYYYYMMDD(hour)',
      orderBy: '(hour, sender_key)',
      select: `SELECT toStartOfHour(occurred_at) AS hour, entity_key AS sender_key,
      anyState(entity_display) AS sender_display_state,
      uniqExactState(sipHash64(counterparty_key)) AS recipients_state,
      uniqExactState(sipHash64(event_id)) AS messages_state,
      maxState(has_url) AS url_senders_state
    FROM ${target.shardTable(t.entityEvents)}
    WHERE kind = 'sms_sent'
    GROUP BY hour, sender_key`,
    }),
    ...aggregateTable(target, t.ruleHitsPerDay, {
      columns: [
        'day Date',
        'rule_id String',
        'rule_version UInt32',
        'typology String',
        'stage String',
        'hits_state AggregateFunction(uniqExact, UInt64)',
      ],
      partitionBy: 'toYYYYMM(day)',
      orderBy: '(day, rule_id, rule_version, typology, stage)',
      select: `SELECT toDate(last_event_at) AS day, rule_id, rule_version, typology, stage,
      uniqExactState(sipHash64(alert_id)) AS hits_state
    FROM ${target.shardTable(t.alerts)}
    GROUP BY day, rule_id, rule_version, typology, stage`,
    }),
    // One row per alert with its latest verdict: re-labelling replaces, a repeated feedback insert changes nothing.
    ...aggregateTable(target, t.alertVerdicts, {
      columns: [
        'alert_day Date',
        'rule_id String',
        'rule_version UInt32',
        'typology String',
        'alert_id String',
        'verdict_state AggregateFunction(argMax, String, DateTime)',
      ],
      partitionBy: 'toYYYYMM(alert_day)',
      orderBy: '(rule_id, rule_version, typology, alert_id)',
      select: `SELECT alert_day, rule_id, rule_version, typology, alert_id, argMaxState(verdict, at) AS verdict_state
    FROM ${target.shardTable(t.alertFeedback)}
    GROUP BY alert_day, rule_id, rule_version, typology, alert_id`,
    }),
  ],
};

/**
 * The scam signal's audit trail: one row per check a partner made (who, for which declared purpose, the keyed hash
 * of the number asked about, what it was told, when). Never the number itself, a counterparty or a transaction's
 * details. Keyed by check id, so a retried insert adds nothing.
 */
const scamSignalChecks: Migration = {
  version: 4,
  name: 'scam_signal_checks',
  statements: (target) => [
    ...writtenTable(target, t.scamSignalChecks, {
      columns: [
        'check_id String',
        'checked_at DateTime',
        'client_id String',
        'purpose String',
        'subscriber_key String',
        'subscriber_display String',
        'status UInt16',
        'outcome String',
        'risk_level String',
        'open_patterns String',
        'state_as_of DateTime',
      ],
      partitionBy: 'toYYYYMM(checked_at)',
      orderBy: '(subscriber_key, checked_at, check_id)',
    }),
  ],
};

// A back-test replays stored entity events through the engine, which measures windows in ms: a whole-second
// `occurred_at` alone would move a 30 min window's edge by up to a second and reorder events within one. Rows stored
// before this migration read 0 (their fraction is lost).
const eventTimeMilliseconds: Migration = {
  version: 5,
  name: 'entity_events_occurred_ms',
  statements: (target) => {
    const named = target.table(t.entityEvents);
    const shard = target.shardTable(t.entityEvents);
    // No IF NOT EXISTS on 18.16: the migration runner treats "column already exists" as applied.
    const addColumn = `ALTER TABLE ${shard}${target.onCluster} ADD COLUMN occurred_ms UInt16 DEFAULT 0`;
    if (named === shard) return [addColumn];
    // On a cluster, 18.16 refuses ALTER … ON CLUSTER on the Distributed table (it is not replicated, the shards
    // are): it is made again over the altered shard tables instead. It holds no rows of its own.
    return [
      addColumn,
      `DROP TABLE IF EXISTS ${named}${target.onCluster}`,
      ...target.distributedTable(t.entityEvents, analyticsShardingKeys[t.entityEvents]),
    ];
  },
};

// Every rule version ever published, withdrawn or restored, with who, when, why and the back-test it passed: the
// rules topic is compacted and keeps only the latest version per rule. Never dropped by retention.
const ruleHistory: Migration = {
  version: 6,
  name: 'rule_history',
  statements: (target) => [
    ...writtenTable(target, t.ruleHistory, {
      columns: [
        'rule_id String',
        'version UInt32',
        'action String',
        'at DateTime',
        'actor String',
        'reason String',
        'source String',
        'yaml String',
        'backtest_json String',
      ],
      partitionBy: 'toYYYYMM(at)',
      orderBy: '(rule_id, version, at, action)',
    }),
  ],
};

// Scam networks (README, "Scam networks"): every version of a network finding the networks service emitted, and
// every analyst decision on a block-list proposal. Numbers as everywhere else: keyed hash plus masked form. Findings
// are re-emitted as victims grow: one row per version (the same record replayed collapses on its sort key), and
// queries count distinct victims over all versions, which is the latest version's set since victims only grow.
// Decisions are the audit trail of blocking: never dropped by retention; the console and the sink write the same row
// for a decision (same sort key), so it is there once whichever wrote first.
const scamNetworks: Migration = {
  version: 7,
  name: 'network_findings_and_blocklist_decisions',
  statements: (target) => [
    ...writtenTable(target, t.networkFindings, {
      columns: [
        'finding_id String',
        'number_type String',
        'number_key String',
        'number_display String',
        'role String',
        'campaign_id String',
        'victims_count UInt32',
        'evidence_subscriber_keys Array(String)',
        'evidence_subscriber_displays Array(String)',
        'evidence_occurred_at Array(DateTime)',
        'evidence_alert_ids Array(String)',
        'evidence_event_ids Array(String)',
        'evidence_typologies Array(String)',
        'lure_domains Array(String)',
        'first_seen_at DateTime',
        'last_seen_at DateTime',
        'detected_at DateTime',
        'window_ms UInt64',
        'score Float64',
      ],
      partitionBy: 'toYYYYMM(first_seen_at)',
      orderBy: '(number_key, finding_id, detected_at, victims_count)',
    }),
    ...writtenTable(target, t.blocklistDecisions, {
      columns: [
        'proposal_id String',
        'number_type String',
        'number_key String',
        'number_display String',
        'role String',
        'campaign_id String',
        'finding_id String',
        'victims_count UInt32',
        'score Float64',
        'decision String',
        'reason String',
        'analyst String',
        'decided_at DateTime',
        'expires_at DateTime',
      ],
      partitionBy: 'toYYYYMM(decided_at)',
      orderBy: '(number_key, proposal_id, decision)',
    }),
  ],
};

/** The analytics schema, in version order. Never edit an applied migration: append a new one. */
export const analyticsMigrations: readonly Migration[] = [
  entityEvents,
  alerts,
  aggregates,
  scamSignalChecks,
  eventTimeMilliseconds,
  ruleHistory,
  scamNetworks,
];
