/**
 * In-process A/B of two versions of the engine over the same traffic (`npm run bench:engine:ab`).
 * Throughput on a shared 2-core VM moves ±15 % between identical runs, more than most changes are
 * worth; run side by side in one process, chunk by chunk with the order alternating, both versions see
 * the same machine at the same moment, and their ratio repeats within about ±1 %. The absolute
 * figures are lower than `bench:engine`'s (two engines share the caches): read only the ratio.
 */
import type { EntityEventV1 } from '@vigil/contracts';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type * as Engine from '../src';
import { CHUNK_EVENTS, trafficBatches } from './traffic-batches';

/** What the A/B needs of a version's `libs/correlation/src` (its index module). */
type EngineModule = Pick<typeof Engine, 'CorrelationEngine' | 'loadRuleSet'>;

/** One side of the comparison: its engine, its own copy of each chunk, its time and alert ids. */
interface Side {
  readonly engine: Engine.CorrelationEngine;
  readonly chunk: EntityEventV1[];
  busyNs: bigint;
  readonly alertIds: ReturnType<typeof createHash>;
}

function sideOf(module: EngineModule): Side {
  const rules = module.loadRuleSet(join(process.cwd(), 'rules'));
  return {
    engine: new module.CorrelationEngine(rules, { trackDirtyEntities: true }),
    chunk: [],
    busyNs: 0n,
    alertIds: createHash('sha256'),
  };
}

function processChunk(side: Side): void {
  const { engine, chunk } = side;
  const started = process.hrtime.bigint();
  for (let i = 0; i < chunk.length; i++) {
    for (const alert of engine.process(chunk[i]).alerts) side.alertIds.update(`${alert.alertId}\n`);
  }
  side.busyNs += process.hrtime.bigint() - started;
}

/** Feeds `activities` of synthetic traffic to both versions and prints both rates, their ratio and whether their alerts agree. */
export function runEngineAb(a: EngineModule, b: EngineModule, activities: number): void {
  const sides = [sideOf(a), sideOf(b)];
  let events = 0;
  let first = 0;
  for (const traffic of trafficBatches(activities)) {
    for (let from = 0; from < traffic.size; from += CHUNK_EVENTS) {
      const to = Math.min(from + CHUNK_EVENTS, traffic.size);
      // Each side gets its own freshly materialized events, as a consumer would.
      for (const side of sides) traffic.materialize(from, to, side.chunk);
      first ^= 1;
      processChunk(sides[first]);
      processChunk(sides[first ^ 1]);
      events += to - from;
    }
    for (const side of sides) side.engine.takeDirtyEntities();
  }
  const [rateA, rateB] = sides.map((side) => Math.round(events / (Number(side.busyNs) / 1e9)));
  const [idsA, idsB] = sides.map((side) => side.alertIds.digest('hex'));
  console.log(`events ${events}`);
  console.log(`A ${rateA} events/s, B ${rateB} events/s (side by side: compare, do not quote)`);
  console.log(
    `alerts ${idsA === idsB ? 'identical' : `DIFFER (A ${idsA.slice(0, 12)}, B ${idsB.slice(0, 12)})`}`,
  );
  console.log(
    `BENCH engine-ab ${JSON.stringify({ ratioBtoA: Math.round((rateB / rateA) * 1000) / 1000, sameAlerts: idsA === idsB })}`,
  );
}
