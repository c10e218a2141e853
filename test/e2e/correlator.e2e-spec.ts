import type { Kafka } from '@vigil/kafka';
import { TYPOLOGIES } from '@vigil/contracts';
import { scoreAlerts, simulateTraffic, type TrafficSimulation } from '@vigil/simulation';
import { produceTraffic } from '../../tools/simulator/produce-traffic';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';

const HOUR_MS = 3_600_000;
// Short idle timeout: once the traffic stops, partitions' watermarks move to the wall clock within seconds, so
// threshold and absence rules fire without waiting a minute.
const CORRELATOR_ENV = { IDLE_TIMEOUT_MS: '15000', WATERMARK_TICK_MS: '500' };
// Five simulated hours in about 30 s. Paced, not as fast as possible: a backlog would let ingest drain one input
// partition hours of event time ahead of another, and the correlator would rightly call the stragglers late.
const PACING = { mode: 'speed', factor: 600 } as const;

/** A small labelled day of traffic with every typology, entirely in the past so every window can close. */
function labelledTraffic(seed: number, perTypology: number): TrafficSimulation {
  return simulateTraffic({
    seed,
    subscribers: 300,
    scenarios: { perTypology },
    benignPerTypology: perTypology,
    durationMs: 5 * HOUR_MS,
    startMs: Date.now() - 8 * HOUR_MS,
    backgroundEventsPerSubscriberPerDay: 12,
  });
}

describe('correlator (ingest → correlator on the real broker)', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;

  beforeEach(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
  });

  afterEach(async () => {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  });

  it('raises the expected alerts for every typology and none for the benign look-alikes', async () => {
    const simulation = labelledTraffic(7, 2);
    await pipeline.start('ingest');
    await pipeline.start('correlator', CORRELATOR_ENV);
    await produceTraffic({
      kafka,
      simulation,
      pacing: PACING,
      topicPrefix: pipeline.prefix,
    });

    const scams = simulation.labels.filter((label) => !label.benign);
    const alerts = await pipeline.waitForAlerts(
      (current) => scoreAlerts(simulation.labels, current).missed.length === 0,
      120_000,
    );
    const score = scoreAlerts(simulation.labels, alerts);

    expect(new Set(scams.map((label) => label.typology))).toEqual(new Set(TYPOLOGIES));
    expect(score.missed.map((label) => `${label.typology} ${label.scenarioId}`)).toEqual([]);
    expect(score.falseAlerts.map(({ alert }) => `${alert.typology} ${alert.entity}`)).toEqual([]);
    for (const label of scams.filter((scam) => scam.expectedStages.includes('early_warning'))) {
      expect(
        alerts.some(
          (a) => a.entity === label.entity && a.typology === label.typology && a.stage === 'early_warning',
        ),
      ).toBe(true);
    }
    for (const alert of alerts) expect(alert.ruleVersion).toBeGreaterThanOrEqual(1);
  }, 240_000);

  it('yields the alert ids of an uninterrupted run although it is killed -9 twice while traffic flows', async () => {
    const simulation = labelledTraffic(11, 2);
    await pipeline.start('ingest');
    let correlator = await pipeline.start('correlator', CORRELATOR_ENV);
    const traffic = produceTraffic({
      kafka,
      simulation,
      pacing: PACING,
      topicPrefix: pipeline.prefix,
    });
    for (const delayMs of [4_000, 5_000]) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await correlator.kill();
      correlator = await pipeline.start('correlator', CORRELATOR_ENV);
    }
    const summary = await traffic;
    expect(summary.sent).toBeGreaterThan(2_000);

    const expected = await waitForReference(pipeline);
    const alerts = await pipeline.waitForAlerts((current) => sameIds(current, expected), 120_000);
    expect(new Set(alerts.map((alert) => alert.alertId))).toEqual(expected);
    // The last instance resumed mid-stream from the state its killed predecessor left in the changelog.
    expect(await correlator.metric('vigil_correlator_restored_entities_total')).toBeGreaterThan(0);
    expect(await correlator.metric('vigil_correlator_events_processed_total')).toBeGreaterThan(0);
  }, 300_000);

  it('yields the same alert ids when a second instance joins mid-stream and later leaves', async () => {
    const simulation = labelledTraffic(13, 2);
    await pipeline.start('ingest');
    await pipeline.start('correlator', CORRELATOR_ENV);
    const traffic = produceTraffic({
      kafka,
      simulation,
      pacing: PACING,
      topicPrefix: pipeline.prefix,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const second = await pipeline.start('correlator', CORRELATOR_ENV);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await second.metric('vigil_kafka_assigned_partitions')).toBeGreaterThan(0);
    await second.stop();
    await traffic;

    const expected = await waitForReference(pipeline);
    const alerts = await pipeline.waitForAlerts((current) => sameIds(current, expected), 120_000);
    expect(new Set(alerts.map((alert) => alert.alertId))).toEqual(expected);
  }, 300_000);
});

function sameIds(alerts: { alertId: string }[], expected: Set<string>): boolean {
  const ids = new Set(alerts.map((alert) => alert.alertId));
  return ids.size === expected.size && [...expected].every((id) => ids.has(id));
}

/** Waits until ingest has written every entity event (the topic stops growing), then computes the reference. */
async function waitForReference(pipeline: TestPipeline): Promise<Set<string>> {
  const admin = pipeline.kafka.admin();
  await admin.connect();
  let previous = -1n;
  for (;;) {
    const total = (await admin.fetchTopicOffsets(pipeline.topics.entityEvents)).reduce(
      (sum, p) => sum + BigInt(p.high),
      0n,
    );
    if (total === previous) break;
    previous = total;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  await admin.disconnect();
  return pipeline.referenceAlertIds();
}
