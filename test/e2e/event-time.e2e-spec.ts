import type { Kafka } from '@vigil/kafka';
import type { AlertV1 } from '@vigil/contracts';
import {
  evaluateInProcess,
  scoreAlerts,
  simulateTraffic,
  type SimulationOptions,
  type TrafficSimulation,
} from '@vigil/simulation';
import { produceTraffic } from '../../tools/simulator/produce-traffic';
import type { ServiceProcess } from '../../tools/support/service-process';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Alerts whose evidence ends this long before the traffic's end: every window around them has closed by then. */
const SETTLED_MS = 2 * HOUR_MS;
/**
 * Once read to its end, an input partition must go quiet for the idle timeout before it stops holding event time
 * back; the sparsest partitions end before the others, and the last windows close only then. A short idle timeout
 * keeps the tests short (the default is a minute).
 */
const INGEST_ENV = { IDLE_TIMEOUT_MS: '5000' };

/**
 * Three operator days of contact history, then the scams in the last hours (the simulator keeps a 3 h tail of
 * background after them). Entirely in the past, as a backlog after an outage is.
 */
function threeDaysOptions(seed: number): Partial<SimulationOptions> {
  const durationMs = 3 * DAY_MS + 6 * HOUR_MS;
  return {
    seed,
    subscribers: 300,
    scenarios: { perTypology: 2 },
    benignPerTypology: 2,
    warmUpMs: 3 * DAY_MS,
    durationMs,
    startMs: Math.floor((Date.now() - durationMs - 2 * HOUR_MS) / 1000) * 1000,
    backgroundEventsPerSubscriberPerDay: 12,
  };
}

/** Ids of the alerts whose evidence ended before the traffic's last `SETTLED_MS`. */
function settledIds(alerts: readonly AlertV1[], simulation: TrafficSimulation): string[] {
  const settledBeforeMs = simulation.endMs - SETTLED_MS;
  return alerts
    .filter(
      (alert) => Math.max(...alert.evidence.map((step) => Date.parse(step.occurredAt))) < settledBeforeMs,
    )
    .map((alert) => alert.alertId)
    .sort();
}

/** The settled alerts one side has and the other lacks, described for a readable failure. */
function describeDifference(
  actual: readonly AlertV1[],
  expected: readonly AlertV1[],
  simulation: TrafficSimulation,
): string[] {
  const actualIds = new Set(settledIds(actual, simulation));
  const expectedIds = new Set(settledIds(expected, simulation));
  const describe = (alert: AlertV1, side: string) =>
    `${side} ${alert.ruleId}/${alert.stage} ${alert.entity} ${alert.evidence.map((step) => `${step.kind}@${step.occurredAt}`).join(' ')}`;
  return [
    ...expected
      .filter((a) => expectedIds.has(a.alertId) && !actualIds.has(a.alertId))
      .map((a) => describe(a, 'missing')),
    ...actual
      .filter((a) => actualIds.has(a.alertId) && !expectedIds.has(a.alertId))
      .map((a) => describe(a, 'extra')),
  ];
}

describe('event time (sources → ingest → watermark → correlator on the real broker)', () => {
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

  /**
   * Writes the whole traffic while no service runs, starts the correlator and `startIngest`'s instances, waits for
   * the drain, and checks the alerts against the same traffic delivered as it happened (the real ingest step and
   * engine in delivery order, no Kafka) and against the labels; nothing may be late.
   */
  async function drainBacklog(
    seed: number,
    startIngest: () => Promise<ServiceProcess[]>,
  ): Promise<{ correlator: ServiceProcess; ingests: ServiceProcess[] }> {
    const options = threeDaysOptions(seed);
    const simulation = simulateTraffic(options);
    const summary = await produceTraffic({
      kafka,
      simulation,
      pacing: { mode: 'as-fast-as-possible' },
      topicPrefix: pipeline.prefix,
    });
    expect(summary.sent).toBeGreaterThan(1_500);
    expect(summary.simulatedAtMs - simulation.startMs).toBeGreaterThan(3 * DAY_MS);

    const correlator = await pipeline.start('correlator');
    const ingests = await startIngest();
    const alerts = await pipeline.waitForQuietAlerts(20_000, 240_000);

    const delivered = evaluateInProcess({ simulation: options });
    expect(delivered.lateEvents).toBe(0);
    expect(await correlator.metric('vigil_correlator_late_events_total')).toBe(0);
    expect(describeDifference(alerts, delivered.alerts, simulation)).toEqual([]);
    const score = scoreAlerts(simulation.labels, alerts);
    expect(score.missed.map((label) => `${label.typology} ${label.scenarioId}`)).toEqual([]);
    expect(score.falseAlerts.map(({ alert }) => `${alert.typology} ${alert.entity}`)).toEqual([]);
    return { correlator, ingests };
  }

  it('drains a three-day backlog into the alerts of the same traffic delivered as it happened, none late', async () => {
    const { ingests } = await drainBacklog(41, async () => [await pipeline.start('ingest', INGEST_ENV)]);
    // Alignment held the input partitions that ran ahead while the others caught up.
    expect(await ingests[0].metric('vigil_ingest_watermarks_out_total')).toBeGreaterThan(0);
  }, 420_000);

  it('yields the same alerts when ingest is killed with SIGKILL mid-drain and restarted', async () => {
    const { correlator } = await drainBacklog(43, async () => {
      const first = await pipeline.start('ingest', INGEST_ENV);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await first.kill();
      return [await pipeline.start('ingest', INGEST_ENV)];
    });
    // What the killed instance had produced but not committed came again, and was recognised as a replay.
    expect(await correlator.metric('vigil_correlator_events_processed_total')).toBeGreaterThan(0);
  }, 420_000);

  it('yields the same alerts with two ingest instances sharing the input partitions', async () => {
    const { ingests } = await drainBacklog(47, async () =>
      Promise.all([pipeline.start('ingest', INGEST_ENV), pipeline.start('ingest', INGEST_ENV)]),
    );
    for (const ingest of ingests)
      expect(await ingest.metric('vigil_ingest_sources_owned')).toBeGreaterThan(0);
  }, 420_000);

  it('gives the same alerts at 600x as at 480x through a six-hour quiet spell in event time', async () => {
    const durationMs = 16 * HOUR_MS;
    const options: Partial<SimulationOptions> = {
      seed: 53,
      subscribers: 300,
      scenarios: { perTypology: 1 },
      benignPerTypology: 1,
      warmUpMs: 9 * HOUR_MS,
      durationMs,
      startMs: Math.floor((Date.now() - durationMs - 2 * HOUR_MS) / 1000) * 1000,
    };
    // Nothing at all between the first hour and the seventh: the night after the contacts were made.
    const quietFromMs = options.startMs! + HOUR_MS;
    const quietToMs = quietFromMs + 6 * HOUR_MS;
    const withQuietNight = (simulation: TrafficSimulation): TrafficSimulation => ({
      ...simulation,
      options: simulation.options,
      labels: simulation.labels,
      startMs: simulation.startMs,
      endMs: simulation.endMs,
      *records() {
        for (const record of simulation.records())
          if (record.deliverAtMs < quietFromMs || record.deliverAtMs >= quietToMs) yield record;
      },
    });

    const runAt = async (speed: number, run: TestPipeline): Promise<string[]> => {
      const simulation = withQuietNight(simulateTraffic(options));
      // The quiet night lasts 36 s of wall time at 600x: the sources do go idle in it, and must not fast-forward.
      await run.start('ingest', INGEST_ENV);
      const correlator = await run.start('correlator');
      await produceTraffic({
        kafka,
        simulation,
        pacing: { mode: 'speed', factor: speed },
        topicPrefix: run.prefix,
      });
      const alerts = await run.waitForQuietAlerts(15_000, 120_000);
      expect(await correlator.metric('vigil_correlator_late_events_total')).toBe(0);
      expect(alerts.length).toBeGreaterThan(0);
      return settledIds(alerts, simulation);
    };

    // Both speeds side by side on their own topics and services: paced traffic waits on the wall clock, not the CPU.
    const second = new TestPipeline(kafka);
    await second.createTopics();
    try {
      const [fast, slow] = await Promise.all([runAt(600, pipeline), runAt(480, second)]);
      expect(slow).toEqual(fast);
    } finally {
      await second.stopAll();
      await second.deleteTopics();
    }
  }, 600_000);
});
