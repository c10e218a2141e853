/**
 * Engine benchmark: the full rule set over synthetic traffic for 1,000,000 subscribers with about
 * 1 % scam scenarios (see synthetic-traffic.ts). Each batch is generated outside the timed sections and
 * handed to the engine in chunks of freshly materialized events, like a consumer's deserialized batch.
 * Prints events/s on one core, p99 per-event processing time (sampled), bytes (JS heap and array
 * buffers) per tracked idle entity, and ends with one `BENCH engine {...}` line.
 *
 * `npm run bench:engine` runs it bundled by esbuild into one file, as compiled code runs in a service:
 * through tsx's on-the-fly loader every call into another module goes through an export getter, which
 * alone made the engine ~20 % slower than its build.
 */
import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CorrelationEngine, loadRuleSet, type EngineOutput } from '../src';
import { CHUNK_EVENTS, trafficBatches } from './traffic-batches';

/** ≈ 6.8 M entity events; smaller runs (multiples of 50,000) help profiling. */
const ACTIVITIES = Number(process.env.BENCH_ENGINE_ACTIVITIES ?? 2_500_000);
const LATENCY_SAMPLE_EVERY = 16;

/**
 * Fingerprints of what the engine computed, in emission order, to compare runs of different engine
 * versions: the alert ids, the full alerts without their processing time, and the late events.
 */
function checksumsOf(
  alerts: readonly AlertV1[],
  lateEventIds: readonly string[],
): { alertIds: string; alerts: string; lateEventIds: string } {
  const ids = createHash('sha256');
  const full = createHash('sha256');
  for (const alert of alerts) {
    ids.update(`${alert.alertId}\n`);
    full.update(`${JSON.stringify({ ...alert, detectedAt: undefined })}\n`);
  }
  const late = createHash('sha256');
  for (const id of lateEventIds) late.update(`${id}\n`);
  return { alertIds: ids.digest('hex'), alerts: full.digest('hex'), lateEventIds: late.digest('hex') };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

/** What the timed sections saw. */
interface TimedRun {
  events: number;
  busyNs: bigint;
  /** CPU time of the whole process (GC threads included) during the timed sections, in µs. */
  cpuMicros: number;
  /** Per-event processing times of sampled events, in µs. */
  samples: number[];
}

/** Feeds all the traffic to the engine; only `engine.process` calls are timed. */
function runTraffic(engine: CorrelationEngine, record: (out: EngineOutput) => void): TimedRun {
  const chunk: EntityEventV1[] = [];
  const run: TimedRun = { events: 0, busyNs: 0n, cpuMicros: 0, samples: [] };
  for (const traffic of trafficBatches(ACTIVITIES)) {
    for (let from = 0; from < traffic.size; from += CHUNK_EVENTS) {
      traffic.materialize(from, Math.min(from + CHUNK_EVENTS, traffic.size), chunk);
      // The CPU clock is read outside the wall-clock interval, so neither reading costs the engine.
      const cpuStarted = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (let i = 0; i < chunk.length; i++) {
        if ((run.events + i) % LATENCY_SAMPLE_EVERY === 0) {
          const t0 = process.hrtime.bigint();
          const out = engine.process(chunk[i]);
          run.samples.push(Number(process.hrtime.bigint() - t0) / 1000);
          record(out);
        } else {
          record(engine.process(chunk[i]));
        }
      }
      run.busyNs += process.hrtime.bigint() - started;
      const cpu = process.cpuUsage(cpuStarted);
      run.cpuMicros += cpu.user + cpu.system;
      run.events += chunk.length;
    }
    engine.takeDirtyEntities();
  }
  return run;
}

/** JS heap plus array buffers (the engine keeps contact lists in one, off the heap). */
function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function main(): void {
  // npm runs scripts from the repository root; the bundle itself lives under dist/.
  const rules = loadRuleSet(join(process.cwd(), 'rules'));
  let engine: CorrelationEngine | undefined = new CorrelationEngine(rules, { trackDirtyEntities: true });
  let late = 0;
  const alertsByRule = new Map<string, number>();
  // Kept by reference and hashed after the timed sections, so checking costs the engine nothing.
  const emitted: AlertV1[] = [];
  const lateEventIds: string[] = [];
  const record = (out: EngineOutput): void => {
    late += out.lateEvents.length;
    for (const event of out.lateEvents) lateEventIds.push(event.eventId);
    for (const alert of out.alerts) {
      alertsByRule.set(alert.ruleId, (alertsByRule.get(alert.ruleId) ?? 0) + 1);
      emitted.push(alert);
    }
  };
  const { events, busyNs, cpuMicros, samples } = runTraffic(engine, record);
  const eventsPerSec = Math.round(events / (Number(busyNs) / 1e9));
  const eventsPerCpuSec = Math.round(events / (cpuMicros / 1e6));
  samples.sort((a, b) => a - b);
  const p99Micros = Math.round(samples[Math.floor(samples.length * 0.99)] * 100) / 100;

  // Let every window close: what remains is idle state (contacts).
  record(engine.advanceEventTime(engine.progress().maxEventTimeMs + 6 * 3_600_000));
  let alerts = 0;
  for (const n of alertsByRule.values()) alerts += n;
  const checksums = checksumsOf(emitted, lateEventIds);
  emitted.length = 0;
  lateEventIds.length = 0;
  engine.takeDirtyEntities();
  const stats = engine.stats();
  gc();
  const withEngine = memoryInUse();
  engine = undefined;
  gc();
  const without = memoryInUse();
  const bytesPerIdleEntity = Math.round((withEngine - without) / stats.trackedEntities);

  console.log(`events processed     ${events}`);
  console.log(`alerts emitted       ${alerts} (late events: ${late})`);
  console.log(`alerts by rule       ${JSON.stringify(Object.fromEntries([...alertsByRule].sort()))}`);
  console.log(`alert ids sha256      ${checksums.alertIds}`);
  console.log(`alerts sha256        ${checksums.alerts} (everything but detectedAt)`);
  console.log(`late event ids sha256 ${checksums.lateEventIds}`);
  console.log(`tracked idle entities ${stats.trackedEntities}, evictions ${JSON.stringify(stats.evictions)}`);
  console.log(`throughput           ${eventsPerSec} events/s on one core`);
  // Steadier than wall time on a shared machine; GC threads count, as they would on one core.
  console.log(`throughput, CPU time ${eventsPerCpuSec} events per CPU second`);
  console.log(`p99 per event        ${p99Micros} µs (1 in ${LATENCY_SAMPLE_EVERY} events sampled)`);
  console.log(`memory per idle entity ${bytesPerIdleEntity} bytes (JS heap and array buffers)`);
  console.log(`BENCH engine ${JSON.stringify({ eventsPerSec, p99Micros, bytesPerIdleEntity })}`);
}

main();
