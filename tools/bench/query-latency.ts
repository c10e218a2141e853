/** How many timed runs a query gets after its warm-up (`BENCH_QUERY_RUNS`, default 40). */
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 40);

/** Nearest-rank percentile `p` (0-100) of samples sorted ascending. */
function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

/** Median and 95th percentile (ms) of `run` over QUERY_RUNS runs, after 3 untimed ones. */
export async function queryLatency(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i += 1) await run(); // warm caches, as a console in use would have them
  const samples: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
