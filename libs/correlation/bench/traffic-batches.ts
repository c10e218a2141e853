import { SUBSCRIBERS, TrafficBatch, addBenignActivity, addScamScenario, random } from './synthetic-traffic';

/** The benchmarks' traffic: one hour of event time from this instant, generated in batches. */
const TRAFFIC_START_MS = Date.parse('2025-03-01T10:00:00.000Z');
const TRAFFIC_SPAN_MS = 3_600_000;
const BATCH_ACTIVITIES = 50_000;
/** Events materialized at a time: about one consumer poll. */
export const CHUNK_EVENTS = 1_000;

/** About 1 % of subscribers targeted when the run has its full 2.5 M activities; proportionally fewer otherwise. */
function scamScenariosFor(activities: number): number {
  return (SUBSCRIBERS / 100) * (activities / 2_500_000);
}

/** Batch `index` of `batches`: activities in event-time order, scams at random times, sealed in arrival order. */
function generateBatch(traffic: TrafficBatch, index: number, batches: number, scams: number): void {
  traffic.clear();
  const span = TRAFFIC_SPAN_MS / batches;
  const from = TRAFFIC_START_MS + index * span;
  for (let i = 0; i < BATCH_ACTIVITIES; i++)
    addBenignActivity(traffic, from + ((i + random()) * span) / BATCH_ACTIVITIES);
  const perBatch = Math.round(scams / batches);
  for (let i = 0; i < perBatch; i++) addScamScenario(traffic, from + random() * span, index * perBatch + i);
  // A record may arrive in a later batch in reality; here it arrives at the end of this one at worst.
  traffic.seal();
}

/**
 * The benchmarks' traffic of `activities` activities (a multiple of 50,000), batch by batch. One batch is generated
 * and refilled: read it before taking the next.
 */
export function* trafficBatches(activities: number): Generator<TrafficBatch> {
  const traffic = new TrafficBatch(TRAFFIC_START_MS);
  const batches = activities / BATCH_ACTIVITIES;
  for (let index = 0; index < batches; index++) {
    generateBatch(traffic, index, batches, scamScenariosFor(activities));
    yield traffic;
  }
}
