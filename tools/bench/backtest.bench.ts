// `npm run bench:backtest`: a rule back-test over 10,000,000 stored entity events, end to end: read from ClickHouse
// in existence order (TabSeparated stream, hourly slices), decoded, and streamed through two correlation engines (the
// repository's rules, and the same rules with false_prize_payment_sms's payment window tightened to 20 min), then
// compared with the stored alerts and verdicts. The clock covers the whole `backtestRules` call.
// The events are generated inside ClickHouse (INSERT … SELECT FROM numbers()) over one day: 200,000 subscribers each
// mostly with 20 known contacts (85 %) and otherwise with strangers, every kind the rules read, 0.2 % of incoming SMS
// prize lures and 1 % OTP codes, so contacts, buffers and matches are exercised. Uses its own database (vigil_bench_backtest_<random>)
// on CLICKHOUSE_URL and drops it at the end. BENCH_BACKTEST_EVENTS sets the number of events.
// Ends with: BENCH backtest {"eventsPerSec":N,"peakRssMiB":N}
import { randomBytes } from 'node:crypto';
import { analyticsMigrations, analyticsTables as t } from '@vigil/analytics';
import { backtestRules, splitRuleDocuments } from '@vigil/backtest';
import { HttpSqlExecutor, createClickHouseClient, quoteIdentifier, runMigrations } from '@vigil/clickhouse';
import { readRuleSources } from '@vigil/correlation';

const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const EVENTS = Number(process.env.BENCH_BACKTEST_EVENTS ?? 10_000_000);
const SUBSCRIBERS = 200_000;
const START_MS = Date.parse('2026-03-10T00:00:00Z');
const SPAN_S = 86_400;
const BAR_EVENTS_PER_SEC = 200_000;

// kind by position; sms_in and call_in most frequent, as in the operator's traffic.
const KINDS = [
  'sms_in',
  'sms_in',
  'sms_in',
  'call_in',
  'call_in',
  'call_out',
  'sms_out',
  'topup',
  'transfer_out',
  'sms_sent',
  'call_made',
  'premium_charge',
  'card_topup',
];

async function load(executor: HttpSqlExecutor, db: string): Promise<void> {
  const kinds = `[${KINDS.map((kind) => `'${kind}'`).join(', ')}]`;
  await executor.command(
    `INSERT INTO ${db}.${t.entityEvents} (event_id, source_event_id, source_topic, entity_type, entity_key,
      entity_display, kind, occurred_at, occurred_ms, ingested_at, counterparty_key, counterparty_display,
      counterparty_class, amount, currency, channel, answered, duration_sec, has_url, features_json)
    SELECT concat('e', toString(number), ':', k), concat('e', toString(number)),
      multiIf(k LIKE 'sms%', 'telco.sms.v1', k LIKE 'call%', 'telco.calls.v1', 'telco.payments.v1'),
      multiIf(k IN ('sms_sent', 'call_made'), 'sender', k = 'card_topup', 'card', 'msisdn'),
      lower(hex(sipHash128(concat('m', toString(subscriber))))),
      concat('***', toString(10 + subscriber % 90)), k,
      toDateTime(${START_MS / 1000} + intDiv(number * ${SPAN_S}, ${EVENTS})) AS t0, number % 1000, t0,
      if(k = 'topup', '', lower(hex(sipHash128(if(number % 100 < 85,
        concat('c', toString(subscriber * 20 + number % 20)), concat('x', toString(intHash32(number) % 5000000))))))),
      '***00', if(k = 'topup', '', 'home_msisdn'),
      if(k IN ('topup', 'transfer_out', 'premium_charge', 'card_topup'), toFloat64(500 + number % 20000), 0.),
      if(k IN ('topup', 'transfer_out', 'premium_charge', 'card_topup'), 'KZT', ''),
      if(k IN ('topup', 'transfer_out', 'premium_charge', 'card_topup'), 'ussd', ''),
      number % 3 != 0, if(k LIKE 'call%', number % 240, 0), 0,
      multiIf(k != 'sms_in', '{}',
        number % 500 = 0, '{"prizeLure":true,"officialSender":false,"senderClass":"msisdn"}',
        number % 100 = 1, '{"otpCode":true,"serviceSender":true,"officialSender":false}',
        '{"officialSender":false,"senderClass":"msisdn"}')
    FROM (SELECT number, intHash32(number) % ${SUBSCRIBERS} AS subscriber,
      arrayElement(${kinds}, (intHash32(number + 1) % ${KINDS.length}) + 1) AS k FROM numbers(${EVENTS}))`,
  );
}

async function main(): Promise<void> {
  const database = `vigil_bench_backtest_${randomBytes(4).toString('hex')}`;
  const client = createClickHouseClient({ url: CLICKHOUSE_URL, requestTimeoutMs: 1_800_000 });
  const executor = new HttpSqlExecutor(client);
  try {
    await runMigrations(executor, database, analyticsMigrations);
    const loadStarted = Date.now();
    await load(executor, quoteIdentifier(database));
    console.log(`loaded ${EVENTS} entity events in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    const rules = splitRuleDocuments(readRuleSources('rules'));
    const prize = rules.find((rule) => rule.ruleId === 'false_prize_payment_sms')!;
    const candidate = splitRuleDocuments(
      [
        {
          path: 'candidate.yaml',
          content: prize.yaml
            .replace('within: 60m', 'within: 20m')
            .replace(/^version: (\d+)$/m, 'version: 99'),
        },
      ],
      { partOfASet: true },
    );
    let lastPercent = -10;
    const started = Date.now();
    const report = await backtestRules(
      { client, executor, database },
      {
        candidate,
        baseline: rules,
        against: 'repository rules',
        // An hour past the day: a call record exists at the call's end.
        range: { fromMs: START_MS, toMs: START_MS + SPAN_S * 1000 + 3_600_000 },
        onProgress: (progress) => {
          const percent = Math.floor(progress.fraction * 100);
          if (percent < lastPercent + 10) return;
          lastPercent = percent;
          console.log(
            `${percent} % ${progress.eventsRead} events, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
          );
        },
      },
    );
    const elapsedMs = Date.now() - started;
    if (report.events.inRange !== EVENTS)
      throw new Error(`read ${report.events.inRange} of ${EVENTS} events`);
    const eventsPerSec = Math.round((EVENTS / elapsedMs) * 1000);
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(
      `${EVENTS} events in ${(elapsedMs / 1000).toFixed(1)} s; alerts: candidate ${report.totals.candidate}, ` +
        `baseline ${report.totals.baseline}, +${report.totals.added} -${report.totals.removed}; ` +
        `bar ${BAR_EVENTS_PER_SEC} events/s: ${eventsPerSec >= BAR_EVENTS_PER_SEC ? 'met' : 'NOT met'}`,
    );
    console.log(`BENCH backtest ${JSON.stringify({ eventsPerSec, peakRssMiB })}`);
  } finally {
    await executor.command(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`).catch(() => undefined);
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
