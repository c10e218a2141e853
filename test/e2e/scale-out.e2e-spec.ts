import type { Kafka } from '@vigil/kafka';
import type { AlertV1 } from '@vigil/contracts';
import { scoreAlerts, simulateTraffic, type TrafficSimulation } from '@vigil/simulation';
import { produceTraffic } from '../../tools/simulator/produce-traffic';
import type { ServiceProcess } from '../../tools/support/service-process';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';

// Horizontal scaling rests on Kafka alone: every instance of a service joins one consumer group and owns some
// partitions. This test shows that more instances change who does the work, not the result.

const HOUR_MS = 3_600_000;
/** Six partitions per topic so that three correlators (and two ingests over three input topics) each own some. */
const PARTITIONS = 6;
// As in correlator.e2e-spec.ts: short idle timeout so absence/threshold rules fire soon after traffic stops, and
// paced production so no input partition runs hours of event time ahead of another.
const CORRELATOR_ENV = { IDLE_TIMEOUT_MS: '15000', WATERMARK_TICK_MS: '500' };
const PACING = { mode: 'speed', factor: 600 } as const;

interface Topology {
  ingest: number;
  correlator: number;
}

interface RunResult {
  alerts: AlertV1[];
  reference: Set<string>;
  /** Partitions each instance owned while traffic flowed, per app. */
  assignments: Record<keyof Topology, number[]>;
}

/** One labelled day of every typology (the correlator e2e's scenario set), entirely in the past. */
function labelledTraffic(seed: number): TrafficSimulation {
  return simulateTraffic({
    seed,
    subscribers: 300,
    scenarios: { perTypology: 2 },
    benignPerTypology: 2,
    durationMs: 5 * HOUR_MS,
    startMs: Date.now() - 8 * HOUR_MS,
    backgroundEventsPerSubscriberPerDay: 12,
  });
}

describe('scale-out (several ingest and correlator instances on the real broker)', () => {
  const kafka: Kafka = testKafka();
  const pipelines: TestPipeline[] = [];

  afterAll(async () => {
    for (const pipeline of pipelines) {
      await pipeline.stopAll();
      await pipeline.deleteTopics();
    }
  });

  /** Runs the whole simulation through a fresh set of topics with the given number of instances per service. */
  async function run(simulation: TrafficSimulation, topology: Topology): Promise<RunResult> {
    const pipeline = new TestPipeline(kafka, PARTITIONS);
    pipelines.push(pipeline);
    await pipeline.createTopics();
    const ingests: ServiceProcess[] = [];
    const correlators: ServiceProcess[] = [];
    for (let i = 0; i < topology.ingest; i++) ingests.push(await pipeline.start('ingest'));
    for (let i = 0; i < topology.correlator; i++)
      correlators.push(await pipeline.start('correlator', CORRELATOR_ENV));
    // Produce only once the groups have settled, so every instance is seen to take part.
    const assignments = {
      ingest: await settledAssignment(ingests, 3 * PARTITIONS), // three input topics
      correlator: await settledAssignment(correlators, PARTITIONS),
    };

    await produceTraffic({ kafka, simulation, pacing: PACING, topicPrefix: pipeline.prefix });
    const reference = await waitForReference(pipeline);
    const alerts = await pipeline.waitForAlerts((current) => sameIds(current, reference), 120_000);
    await pipeline.stopAll();
    return { alerts, reference, assignments };
  }

  it('three correlators and two ingests raise exactly the alerts of one instance each', async () => {
    const simulation = labelledTraffic(17);
    const single = await run(simulation, { ingest: 1, correlator: 1 });
    const scaled = await run(simulation, { ingest: 2, correlator: 3 });

    // Every instance owned partitions while the traffic flowed.
    expect(scaled.assignments.ingest).toHaveLength(2);
    expect(scaled.assignments.correlator).toHaveLength(3);
    for (const owned of [...scaled.assignments.ingest, ...scaled.assignments.correlator])
      expect(owned).toBeGreaterThan(0);

    // Each run equals an uninterrupted single engine per partition over its own entity events…
    expect(ids(single.alerts)).toEqual(single.reference);
    expect(ids(scaled.alerts)).toEqual(scaled.reference);
    // …and the scaled run equals the single-instance run, alert for alert.
    expect(single.reference.size).toBeGreaterThan(0);
    expect(ids(scaled.alerts)).toEqual(ids(single.alerts));
    expect(scaled.alerts).toHaveLength(single.alerts.length); // no duplicates either

    // Against the scenario labels: nothing missed, nothing raised on a benign look-alike, in both runs.
    for (const result of [single, scaled]) {
      const score = scoreAlerts(simulation.labels, result.alerts);
      expect(score.missed.map((label) => `${label.typology} ${label.scenarioId}`)).toEqual([]);
      expect(score.falseAlerts.map(({ alert }) => `${alert.typology} ${alert.entity}`)).toEqual([]);
    }
  }, 600_000);
});

function ids(alerts: readonly AlertV1[]): Set<string> {
  return new Set(alerts.map((alert) => alert.alertId));
}

function sameIds(alerts: readonly AlertV1[], expected: Set<string>): boolean {
  const current = ids(alerts);
  return current.size === expected.size && [...expected].every((id) => current.has(id));
}

/**
 * Waits until the group's instances together own all `total` partitions and each owns at least one (joins
 * trigger rebalances; the last join settles them), then returns each instance's share.
 */
async function settledAssignment(
  instances: ServiceProcess[],
  total: number,
  timeoutMs = 60_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owned = await Promise.all(instances.map((i) => i.metric('vigil_kafka_assigned_partitions')));
    const settled = owned.every((n) => n > 0) && owned.reduce((sum, n) => sum + n, 0) === total;
    if (settled || Date.now() > deadline) return owned;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until ingest has written every entity event (the topic stops growing), then computes the reference. */
async function waitForReference(pipeline: TestPipeline): Promise<Set<string>> {
  const admin = pipeline.kafka.admin();
  await admin.connect();
  let previous = -1n;
  for (;;) {
    const offsets = await admin.fetchTopicOffsets(pipeline.topics.entityEvents);
    const total = offsets.reduce((sum, p) => sum + BigInt(p.high), 0n);
    if (total === previous) break;
    previous = total;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  await admin.disconnect();
  return pipeline.referenceAlertIds();
}
