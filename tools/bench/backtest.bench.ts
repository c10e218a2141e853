// `npm run bench:backtest`: a rule back-test over 10,000,000 stored entity events, end to end: read from ClickHouse
// in existence order (TabSeparated stream, hourly slices), decoded, and streamed through two correlation engines (the
// repository's rules, and the same rules with false_prize_payment_sms's payment window tightened to 20 min), then
// compared with the stored alerts and verdicts. The clock covers the whole `backtestRules` call.
// The events are generated inside ClickHouse (INSERT … SELECT FROM numbers()) over one day: 200,000 subscribers each
// mostly with 20 known contacts (85 %) and otherwise with strangers, every kind the rules read, 0.2 % of incoming SMS
// prize lures and 1 % OTP codes, so contacts, buffers and matches are exercised. Uses its own database (vigil_bench_backtest_<random>)
// on CLICKHOUSE_URL and drops it at the end. BENCH_BACKTEST_EVENTS sets the number of events.
// Ends with: BENCH backtest {"eventsPerSec":N,"peakRssMiB":N}
import { backtestRules, splitRuleDocuments } from '@vigil/backtest';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { readRuleSources } from '@vigil/correlation';
import { backtestDataset } from './backtest-dataset';

const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const EVENTS = Number(process.env.BENCH_BACKTEST_EVENTS ?? 10_000_000);
const BAR_EVENTS_PER_SEC = 200_000;

async function main(): Promise<void> {
  const client = createClickHouseClient({ url: CLICKHOUSE_URL, requestTimeoutMs: 1_800_000 });
  const executor = new HttpSqlExecutor(client);
  try {
    const dataset = await backtestDataset(executor, EVENTS);
    console.log(
      dataset.generatedInSec === undefined
        ? `reusing ${dataset.database}`
        : `generated ${dataset.database} in ${dataset.generatedInSec.toFixed(1)} s`,
    );
    const { database, range } = dataset;

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
        range,
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
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
