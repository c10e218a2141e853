// `npm run bench:backtest`: a rule back-test over 10,000,000 stored entity events, end to end: read from ClickHouse
// in existence order (TabSeparated, one sorted query per entity partition), decoded, and streamed through one
// correlation engine per partition in worker threads judging two rule sets side by side (the repository's rules, and
// the same rules with false_prize_payment_sms's payment window tightened to 20 min; only the rules that change can
// affect, 9 of 15), then compared with the stored alerts and verdicts.
// The clock covers the whole `backtestRules` call, the warm-up day included (its events are not counted).
// The history (tools/bench/backtest-dataset.ts) is generated in ClickHouse once and kept for later runs.
// BENCH_BACKTEST_EVENTS sets the number of events in the range; CLICKHOUSE_PID (the server's pid) adds its CPU time;
// BENCH_BACKTEST_BREAKDOWN=1 first measures ClickHouse alone, decoding, and the engines alone.
// Ends with: BENCH backtest {"eventsPerSec":N,"peakRssMiB":N,...}
import { isMainThread } from 'node:worker_threads';
import {
  affectedRules,
  backtestRules,
  onlyRules,
  splitRuleDocuments,
  StoredEntityEventsReader,
} from '@vigil/backtest';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { readRuleSources } from '@vigil/correlation';
import { measureBreakdown, serverCpuSec } from './backtest-breakdown';
import { backtestDataset } from './backtest-dataset';

const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const EVENTS = Number(process.env.BENCH_BACKTEST_EVENTS ?? 10_000_000);
const SERVER_PID = process.env.CLICKHOUSE_PID === undefined ? undefined : Number(process.env.CLICKHOUSE_PID);
const BREAKDOWN = process.env.BENCH_BACKTEST_BREAKDOWN === '1';
const BAR_EVENTS_PER_SEC = 200_000;

async function main(): Promise<void> {
  const client = createClickHouseClient({ url: CLICKHOUSE_URL, requestTimeoutMs: 1_800_000 });
  const executor = new HttpSqlExecutor(client);
  try {
    const dataset = await backtestDataset(executor, EVENTS);
    console.log(
      dataset.generatedInSec === undefined
        ? `reusing ${dataset.database}`
        : `generated ${dataset.database} (${dataset.rangeEvents} events and ${dataset.warmupEvents} of warm-up) ` +
            `in ${dataset.generatedInSec.toFixed(1)} s`,
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
    if (BREAKDOWN) {
      const reader = new StoredEntityEventsReader(client, database);
      const overlay = new Map(rules.map((rule) => [rule.ruleId, rule]));
      for (const rule of candidate) overlay.set(rule.ruleId, rule);
      // The engines as the back-test runs them: with the rules the change affects.
      const { rerun } = affectedRules([...overlay.values()], rules);
      const parts = await measureBreakdown(
        reader,
        range,
        { candidate: onlyRules([...overlay.values()], rerun), baseline: onlyRules(rules, rerun) },
        SERVER_PID,
      );
      console.log(`BREAKDOWN ${JSON.stringify(parts)}`);
    }

    let lastPercent = -10;
    const cpu = process.cpuUsage();
    const serverCpuBefore = serverCpuSec(SERVER_PID);
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
    const used = process.cpuUsage(cpu);
    const serverCpuAfter = serverCpuSec(SERVER_PID);
    if (report.events.inRange !== EVENTS)
      throw new Error(`read ${report.events.inRange} of ${EVENTS} events`);
    const eventsPerSec = Math.round((EVENTS / elapsedMs) * 1000);
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const cpuMicrosPerEvent = Number(
      ((used.user + used.system) / (EVENTS + report.events.warmup)).toFixed(2),
    );
    console.log(
      `${EVENTS} events (and ${report.events.warmup} of warm-up) in ${(elapsedMs / 1000).toFixed(1)} s; ` +
        `re-run ${report.rerun.rules.length} of ${report.rerun.rules.length + report.rerun.notRerun.length} rules; ` +
        `their alerts: candidate ${report.totals.candidate}, baseline ${report.totals.baseline}, ` +
        `+${report.totals.added} -${report.totals.removed}; ` +
        `bar ${BAR_EVENTS_PER_SEC} events/s: ${eventsPerSec >= BAR_EVENTS_PER_SEC ? 'met' : 'NOT met'}`,
    );
    const serverCpuMicrosPerEvent =
      serverCpuBefore === undefined || serverCpuAfter === undefined
        ? undefined
        : Number((((serverCpuAfter - serverCpuBefore) * 1e6) / (EVENTS + report.events.warmup)).toFixed(2));
    console.log(
      `BENCH backtest ${JSON.stringify({ eventsPerSec, peakRssMiB, cpuMicrosPerEvent, serverCpuMicrosPerEvent })}`,
    );
  } finally {
    await executor.close();
  }
}

// Bundled into one file (as `bench:engine` is: compiled code, not tsx's loader), which the back-test's worker threads
// also load for the replay: only the main thread runs the bench.
if (isMainThread)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
