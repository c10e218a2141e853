// The stored history `bench:backtest` back-tests, generated inside ClickHouse (INSERT … SELECT FROM numbers()) once
// and kept for the next run in a database named after its size and the generator's version.
import { analyticsMigrations, analyticsTables as t } from '@vigil/analytics';
import { type HttpSqlExecutor, quoteIdentifier, runMigrations } from '@vigil/clickhouse';

/** Bump when the generated rows change: a kept database of an older version is not reused. */
const GENERATOR_VERSION = 2;
const EVENTS_PER_SUBSCRIBER_PER_DAY = 50;
/** Counterparties each subscriber deals with; a warm-up day before the range makes them known contacts. */
const CONTACTS_PER_SUBSCRIBER = 5;
const DAY_S = 86_400;

/**
 * Kinds by weight (of 100), as in an operator's traffic: mostly calls and SMS with the subscriber's own contacts,
 * a few payments; 1 % of counterparties are strangers, 0.2 % of incoming SMS prize lures and 1 % OTP codes, so
 * first contact, buffers, absences and matches are all exercised and alerts are a few per 10,000 events.
 */
const KIND_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['sms_in', 30],
  ['call_in', 18],
  ['call_out', 15],
  ['sms_out', 15],
  ['sms_sent', 5],
  ['call_made', 5],
  ['topup', 4],
  ['transfer_out', 5],
  ['premium_charge', 1],
  ['card_topup', 2],
];

export interface BacktestDataset {
  database: string;
  /** Events in the back-tested range (one day and the hour after it, when the day's last call records exist). */
  rangeEvents: number;
  /** Events of the day before the range: each subscriber's contacts, for first-contact memory. */
  warmupEvents: number;
  range: { fromMs: number; toMs: number };
  /** Seconds generation took, or undefined when a kept database was reused. */
  generatedInSec?: number;
}

const START_MS = Date.parse('2026-03-10T00:00:00Z');

/** The dataset of `rangeEvents` events, generated unless a complete copy is kept from an earlier run. */
export async function backtestDataset(
  executor: HttpSqlExecutor,
  rangeEvents: number,
): Promise<BacktestDataset> {
  const subscribers = Math.max(1, Math.round(rangeEvents / EVENTS_PER_SUBSCRIBER_PER_DAY));
  const warmupEvents = subscribers * CONTACTS_PER_SUBSCRIBER;
  const database = `vigil_bench_backtest_${rangeEvents}_g${GENERATOR_VERSION}`;
  const dataset: BacktestDataset = {
    database,
    rangeEvents,
    warmupEvents,
    range: { fromMs: START_MS, toMs: START_MS + DAY_S * 1000 + 3_600_000 },
  };
  const table = `${quoteIdentifier(database)}.${quoteIdentifier(t.entityEvents)}`;
  if ((await storedCount(executor, database, table)) === rangeEvents + warmupEvents) return dataset;

  const started = Date.now();
  await executor.command(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
  await runMigrations(executor, database, analyticsMigrations);
  await executor.command(warmupInsert(table, subscribers));
  await executor.command(rangeInsert(table, rangeEvents, subscribers));
  // One part per partition: the back-test reads what a day of inserts looks like once merged.
  await executor.command(`OPTIMIZE TABLE ${table} FINAL`);
  return { ...dataset, generatedInSec: (Date.now() - started) / 1000 };
}

async function storedCount(executor: HttpSqlExecutor, database: string, table: string): Promise<number> {
  const exists = await executor.query<{ n: string }>(
    `SELECT toString(count()) AS n FROM system.tables WHERE database = '${database}' AND name = '${t.entityEvents}'`,
  );
  if (exists[0]?.n !== '1') return -1;
  const rows = await executor.query<{ n: string }>(`SELECT toString(count()) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? -1);
}

const COLUMNS = `(event_id, source_event_id, source_topic, entity_type, entity_key, entity_display, kind,
  occurred_at, occurred_ms, ingested_at, counterparty_key, counterparty_display, counterparty_class, amount, currency,
  channel, answered, duration_sec, has_url, features_json)`;

const key = (expression: string): string => `lower(hex(sipHash128(${expression})))`;
const contactKey = (subscriber: string, index: string): string =>
  key(`concat('c', toString(${subscriber} * ${CONTACTS_PER_SUBSCRIBER} + ${index}))`);

// The day before the range: one answered call out to each of a subscriber's contacts.
function warmupInsert(table: string, subscribers: number): string {
  const pairs = subscribers * CONTACTS_PER_SUBSCRIBER;
  return `INSERT INTO ${table} ${COLUMNS}
    SELECT concat('w', toString(number)), concat('w', toString(number)), 'telco.calls.v1', 'msisdn',
      ${key(`concat('m', toString(subscriber))`)}, '***00', 'call_out',
      toDateTime(${START_MS / 1000 - DAY_S} + intDiv(number * ${DAY_S - 3_600}, ${pairs})) AS t0, 0, t0,
      ${contactKey('subscriber', `number % ${CONTACTS_PER_SUBSCRIBER}`)}, '***00', 'home_msisdn', 0., '', '', 1, 60, 0, '{}'
    FROM (SELECT number, intDiv(number, ${CONTACTS_PER_SUBSCRIBER}) AS subscriber FROM numbers(${pairs}))`;
}

function rangeInsert(table: string, events: number, subscribers: number): string {
  const kinds = KIND_WEIGHTS.flatMap(([kind, weight]) => Array<string>(weight).fill(`'${kind}'`));
  const payment = `k IN ('topup', 'transfer_out', 'premium_charge', 'card_topup')`;
  return `INSERT INTO ${table} ${COLUMNS}
    SELECT concat('e', toString(number)), concat('e', toString(number)),
      multiIf(k LIKE 'sms%', 'telco.sms.v1', k LIKE 'call%', 'telco.calls.v1', 'telco.payments.v1'),
      multiIf(k IN ('sms_sent', 'call_made'), 'sender', k = 'card_topup', 'card', 'msisdn'),
      ${key(`concat('m', toString(subscriber))`)}, concat('***', toString(10 + subscriber % 90)), k,
      toDateTime(${START_MS / 1000} + intDiv(number * ${DAY_S}, ${events})) AS t0, number % 1000, t0,
      if(k = 'topup', '', if(intHash32(number + 2) % 100 = 0,
        ${key(`concat('x', toString(intHash32(number) % 5000000))`)},
        ${contactKey('subscriber', `intHash32(number + 3) % ${CONTACTS_PER_SUBSCRIBER}`)})),
      '***00', if(k = 'topup', '', 'home_msisdn'),
      if(${payment}, toFloat64(500 + number % 20000), 0.), if(${payment}, 'KZT', ''), if(${payment}, 'ussd', ''),
      number % 3 != 0, if(k LIKE 'call%', number % 240, 0), 0,
      multiIf(k != 'sms_in', '{}',
        number % 500 = 0, '{"prizeLure":true,"officialSender":false,"senderClass":"msisdn"}',
        number % 100 = 1, '{"otpCode":true,"serviceSender":true,"officialSender":false}',
        '{"officialSender":false,"senderClass":"msisdn"}')
    FROM (SELECT number, intHash32(number) % ${subscribers} AS subscriber,
      arrayElement([${kinds.join(', ')}], (intHash32(number + 1) % ${kinds.length}) + 1) AS k FROM numbers(${events}))`;
}
