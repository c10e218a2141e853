/**
 * Engine benchmark: the full rule set over synthetic traffic for 1,000,000 subscribers with about
 * 1 % scam scenarios (see synthetic-traffic.ts). Each batch is generated outside the timed sections and
 * handed to the engine in chunks of freshly materialized events, like a consumer's deserialized batch.
 * Prints events/s on one core, p99 per-event processing time (sampled), heap bytes per tracked idle
 * entity, and ends with one `BENCH engine {...}` line.
 */
import type { EntityEventV1 } from '@vigil/contracts';
import { join } from 'node:path';
import { CorrelationEngine, loadRuleSet, type EngineOutput } from '../src';
import { SUBSCRIBERS, TrafficBatch, addBenignActivity, addScamScenario, random } from './synthetic-traffic';

/** ≈ 6.8 M entity events; smaller runs (multiples of 50,000) help profiling. */
const ACTIVITIES = Number(process.env.BENCH_ENGINE_ACTIVITIES ?? 2_500_000);
/** About 1 % of subscribers targeted over the full run. */
const SCAM_SCENARIOS = (SUBSCRIBERS / 100) * (ACTIVITIES / 2_500_000);
const EVENT_TIME_SPAN_MS = 3_600_000; // 1 h of traffic
const BATCH_ACTIVITIES = 50_000;
/** Events materialized at a time: about one consumer poll. */
const CHUNK_EVENTS = 1_000;
const LATENCY_SAMPLE_EVERY = 16;
const START_MS = Date.parse('2025-03-01T10:00:00.000Z');

/** Batch `index` of `batches`: activities in event-time order, scams at random times, sealed in arrival order. */
function generateBatch(traffic: TrafficBatch, index: number, batches: number): void {
  traffic.clear();
  const span = EVENT_TIME_SPAN_MS / batches;
  const from = START_MS + index * span;
  for (let i = 0; i < BATCH_ACTIVITIES; i++)
    addBenignActivity(traffic, from + ((i + random()) * span) / BATCH_ACTIVITIES);
  const scams = Math.round(SCAM_SCENARIOS / batches);
  for (let i = 0; i < scams; i++) addScamScenario(traffic, from + random() * span, index * scams + i);
  // A record may arrive in a later batch in reality; here it arrives at the end of this one at worst.
  traffic.seal();
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

function main(): void {
  const rules = loadRuleSet(join(__dirname, '..', '..', '..', 'rules'));
  let engine: CorrelationEngine | undefined = new CorrelationEngine(rules, { trackDirtyEntities: true });
  const batches = ACTIVITIES / BATCH_ACTIVITIES;
  const traffic = new TrafficBatch(START_MS);
  const chunk: EntityEventV1[] = [];
  const samples: number[] = [];
  let events = 0;
  let late = 0;
  const alertsByRule = new Map<string, number>();
  const count = (out: EngineOutput): void => {
    late += out.lateEvents.length;
    for (const alert of out.alerts) alertsByRule.set(alert.ruleId, (alertsByRule.get(alert.ruleId) ?? 0) + 1);
  };
  let busyNs = 0n;
  for (let b = 0; b < batches; b++) {
    generateBatch(traffic, b, batches);
    for (let from = 0; from < traffic.size; from += CHUNK_EVENTS) {
      const to = Math.min(from + CHUNK_EVENTS, traffic.size);
      traffic.materialize(from, to, chunk);
      const started = process.hrtime.bigint();
      for (let i = 0; i < chunk.length; i++) {
        if ((events + i) % LATENCY_SAMPLE_EVERY === 0) {
          const t0 = process.hrtime.bigint();
          const out = engine.process(chunk[i]);
          samples.push(Number(process.hrtime.bigint() - t0) / 1000);
          count(out);
        } else {
          count(engine.process(chunk[i]));
        }
      }
      busyNs += process.hrtime.bigint() - started;
      events += chunk.length;
    }
    engine.takeDirtyEntities();
  }
  chunk.length = 0;
  const eventsPerSec = Math.round(events / (Number(busyNs) / 1e9));
  samples.sort((a, b) => a - b);
  const p99Micros = Math.round(samples[Math.floor(samples.length * 0.99)] * 100) / 100;

  // Let every window close: what remains is idle state (contact indexes).
  count(engine.advanceWatermark(0));
  count(engine.advanceWatermark(6 * 3_600_000));
  let alerts = 0;
  for (const n of alertsByRule.values()) alerts += n;
  engine.takeDirtyEntities();
  const stats = engine.stats();
  gc();
  const withEngine = process.memoryUsage().heapUsed;
  engine = undefined;
  gc();
  const without = process.memoryUsage().heapUsed;
  const bytesPerIdleEntity = Math.round((withEngine - without) / stats.trackedEntities);

  console.log(`events processed     ${events}`);
  console.log(`alerts emitted       ${alerts} (late events: ${late})`);
  console.log(`alerts by rule       ${JSON.stringify(Object.fromEntries([...alertsByRule].sort()))}`);
  console.log(`tracked idle entities ${stats.trackedEntities}, evictions ${JSON.stringify(stats.evictions)}`);
  console.log(`throughput           ${eventsPerSec} events/s on one core`);
  console.log(`p99 per event        ${p99Micros} µs (1 in ${LATENCY_SAMPLE_EVERY} events sampled)`);
  console.log(`heap per idle entity ${bytesPerIdleEntity} bytes`);
  console.log(`BENCH engine ${JSON.stringify({ eventsPerSec, p99Micros, bytesPerIdleEntity })}`);
}

main();
