/**
 * `npm run eval`: a labelled scenario set through the real pipeline (ingest → correlator on the local broker),
 * scored per typology: precision, recall, early warnings, lead time before the loss, detection latency.
 * Prints a table and the late-event count, writes test-artifacts/eval/eval.json, and ends with
 * `EVAL {"typologies":{"<typology>":{"precision":…,"recall":…,"typologyPrecision":…,"alertsPerScam":…}},"networks":{"campaign":{"precision":…,"recall":…},"mule":{…}},"delivery":…,"lateEntityEvents":…}`.
 * Scam networks: labelled campaigns, mules and their look-alikes (libs/simulation/src/networks) go through the
 * networks service as well; its findings are scored by number, and the alerts about their subscribers are left out
 * of the typology table (they belong to no typology scenario).
 * Options: --scenarios N (labelled scenarios, half scams; default 2000), --seed N, --subscribers N,
 * --keep-topics (leave the run's topics on the broker for inspection; their prefix is printed),
 * --speed F (simulated ms per ms, paced delivery only), --delivery paced|backlog:
 * - `paced` (default): the services run first and the traffic is produced at --speed, as a live feed would come.
 * - `backlog`: the whole simulated day is produced to the input topics before ingest and the correlator start,
 *   as after an ingest outage or a redeploy; they then drain it as fast as they can. The simulation lies wholly in
 *   the past (ingest rejects events ahead of its clock).
 * The end: ingest has read every raw record, the correlator has processed every entity event ingest produced,
 * and no alert came for 40 s. Nothing waits for event time to reach the wall clock (after the input ends a source
 * goes idle after ingest's IDLE_TIMEOUT_MS and then only creeps on at wall-clock pace): what closes the last
 * scenarios' windows is the simulator's 3 h of background traffic after them.
 * Lead time and detection latency: paced, from the alerts' detectedAt mapped into simulated time; backlog,
 * detection latency is null (wall time during a drain says nothing about the traffic) and lead time is taken in
 * event time, from the warning's last event to the loss (see AlertClock in quality-table.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { networkFindingV1 } from '@vigil/contracts';
import { createKafka } from '@vigil/kafka';
import {
  networkScenarioEntities,
  scoreAlerts,
  scoreNetworkFindings,
  simulateTraffic,
  type NetworkScenarioCounts,
} from '@vigil/simulation';
import { readTopicsToEnd } from '../support/kafka-topic-reader';
import { produceTraffic } from '../simulator/produce-traffic';
import { defaultStartMs, type TrafficPacing } from '../simulator/traffic-pacing';
import { LocalPipeline } from '../support/local-pipeline';
import type { ServiceProcess } from '../support/service-process';
import { ensureStackAndBuild } from '../support/stack-prerequisites';
import { localBrokers } from '../support/local-brokers';
import { qualityTable, type AlertClock } from './quality-table';

const HOUR_MS = 3_600_000;
const DELIVERIES = ['paced', 'backlog'] as const;
type Delivery = (typeof DELIVERIES)[number];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The scam-network scenarios of every run: scams to find and, as many again, look-alikes that must not be found. */
const NETWORK_SCENARIOS: NetworkScenarioCounts = {
  callerCampaigns: 12,
  senderCampaigns: 8,
  phishingPairs: 5,
  mules: 20,
  busyCallers: 20,
  allowListedShops: 10,
  familyPots: 20,
  smallSellers: 20,
};

/**
 * Waits until ingest has read `rawRecords` and the correlator has handled every entity event ingest produced
 * (processed, or skipped as an ingest replay). Watermark records are not entity events: neither side counts them.
 */
async function waitForDrain(
  ingest: ServiceProcess,
  correlator: ServiceProcess,
  rawRecords: number,
  timeoutMs: number,
): Promise<void> {
  const startedAt = Date.now();
  let lastReportAt = startedAt;
  for (;;) {
    const rawIn = await ingest.metric('vigil_ingest_events_in_total');
    const produced = await ingest.metric('vigil_ingest_entity_events_out_total');
    const handled =
      (await correlator.metric('vigil_correlator_events_processed_total')) +
      (await correlator.metric('vigil_correlator_source_replays_skipped_total'));
    if (rawIn >= rawRecords && handled >= produced) return;
    const now = Date.now();
    if (now - startedAt > timeoutMs)
      throw new Error(
        `not drained in ${timeoutMs} ms: ${rawIn}/${rawRecords} raw in, ${handled}/${produced} correlated`,
      );
    if (now - lastReportAt >= 10_000) {
      lastReportAt = now;
      console.log(
        `  drain: ${rawIn}/${rawRecords} raw records read by ingest, ${handled}/${produced} entity events correlated (${Math.round((now - startedAt) / 1000)} s)`,
      );
    }
    await sleep(500);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '2026' },
      // 480x: 10 simulated minutes of allowed lateness are 1.25 s of wall time, enough for ingest's skew between
      // input topics on a loaded 2-core machine; much faster and contacts start arriving late.
      speed: { type: 'string', default: '480' },
      subscribers: { type: 'string', default: '3000' },
      delivery: { type: 'string', default: 'paced' },
      'keep-topics': { type: 'boolean', default: false },
    },
  });
  const speed = Number(values.speed);
  const delivery = values.delivery as Delivery;
  if (!DELIVERIES.includes(delivery))
    throw new RangeError(`--delivery must be one of ${DELIVERIES.join(', ')}, got ${values.delivery}`);
  ensureStackAndBuild(['ingest', 'correlator', 'networks']);
  const kafka = createKafka(
    { clientId: 'vigil-eval', brokers: localBrokers() },
    { error: (entry) => console.error(entry), warn: () => undefined, log: () => undefined }, // errors only
  );
  const pipeline = new LocalPipeline(kafka, `eval-${randomBytes(4).toString('hex')}.`, 6);
  const durationMs = 24 * HOUR_MS;
  const simulation = simulateTraffic({
    seed: Number(values.seed),
    subscribers: Number(values.subscribers),
    scenarios: { total: Number(values.scenarios) },
    networks: NETWORK_SCENARIOS,
    durationMs,
    // Paced: ends well in the past once produced, so that nothing is ahead of ingest's clock. Backlog: produced at
    // once, so the whole span (follow-ups included) lies before now.
    startMs:
      delivery === 'paced'
        ? Date.now() - durationMs - 2 * HOUR_MS - (durationMs + HOUR_MS) / speed
        : defaultStartMs({ mode: 'as-fast-as-possible' }, durationMs, Date.now()),
  });
  const firstRecord = simulation.records().next();
  const firstDeliverAtMs = firstRecord.done ? simulation.startMs : firstRecord.value.deliverAtMs;

  try {
    await pipeline.createTopics();
    const produce = (pacing: TrafficPacing) =>
      produceTraffic({
        kafka,
        simulation,
        pacing,
        topicPrefix: pipeline.prefix,
        batchSize: pacing.mode === 'as-fast-as-possible' ? 2_000 : 500,
        onProgress: (progress) =>
          console.log(`  produced ${progress.sent} raw events (${Math.round(progress.elapsedMs / 1000)} s)`),
      });
    console.log(
      `eval: ${simulation.labels.length} labelled scenarios, ${values.subscribers} subscribers, 24 simulated hours, ${
        delivery === 'paced' ? `paced at ${speed}x` : 'as a backlog produced before the services start'
      }`,
    );
    // Backlog: every record is in the input topics before a service runs.
    const backlog = delivery === 'backlog' ? await produce({ mode: 'as-fast-as-possible' }) : undefined;
    if (backlog)
      console.log(
        `eval: backlog of ${backlog.sent} raw events produced in ${(backlog.elapsedMs / 1000).toFixed(0)} s`,
      );
    const ingest = await pipeline.start('ingest', { LOG_LEVEL: 'warn' });
    const correlator = await pipeline.start('correlator', { LOG_LEVEL: 'warn' });
    await pipeline.start('networks', { LOG_LEVEL: 'warn' });
    const wallStartMs = Date.now();
    const summary = backlog ?? (await produce({ mode: 'speed', factor: speed }));
    if (!backlog)
      console.log(`eval: produced ${summary.sent} raw events in ${(summary.elapsedMs / 1000).toFixed(0)} s`);
    await waitForDrain(ingest, correlator, summary.sent, 1_800_000);
    const drainedMs = Date.now() - wallStartMs;
    console.log(
      `eval: every record ingested and correlated ${(drainedMs / 1000).toFixed(0)} s after the services started; waiting for the last alerts`,
    );
    const allAlerts = await pipeline.waitForQuietAlerts(40_000, 300_000);
    await pipeline.waitForNetworks(300_000);
    const findings = (await readTopicsToEnd(kafka, [pipeline.topics.networkFindings])).map((record) =>
      networkFindingV1.deserialize(record.value),
    );
    const networkScore = scoreNetworkFindings(simulation.networkLabels, findings);
    const networkEntities = networkScenarioEntities(simulation.networkLabels);
    const alerts = allAlerts.filter((alert) => !networkEntities.has(alert.entity));
    console.log(
      `eval: ${findings.length} network findings; campaign ${JSON.stringify(networkScore.campaign)}; mule ${JSON.stringify(networkScore.mule)}; campaigns grouped ${networkScore.campaignGrouping}`,
    );
    const lateEvents = await correlator.metric('vigil_correlator_late_events_total');
    const rejected = await ingest.metric('vigil_ingest_rejected_total');
    console.log(
      `eval: ${alerts.length} alerts; ${rejected} raw events rejected by ingest; ${lateEvents} entity events late at the correlator`,
    );
    if (lateEvents > 0)
      console.log(
        `eval: WARNING ${lateEvents} late entity events were dead-lettered (see the correlator's "late events dead-lettered" warnings)`,
      );
    const clock: AlertClock =
      delivery === 'paced'
        ? { delivery, toSimulatedMs: (wallMs) => firstDeliverAtMs + (wallMs - wallStartMs) * speed }
        : { delivery };
    const table = qualityTable(simulation.labels, alerts, clock);
    console.table(table);
    const typologies = Object.fromEntries(
      table.map((row) => [
        row.typology,
        {
          precision: row.precision,
          recall: row.recall,
          typologyPrecision: row.typologyPrecision,
          alertsPerScam: row.alertsPerScam,
        },
      ]),
    );
    const score = scoreAlerts(simulation.labels, alerts);
    mkdirSync('test-artifacts/eval', { recursive: true });
    writeFileSync(
      'test-artifacts/eval/eval.json',
      JSON.stringify(
        {
          scenarios: simulation.labels.length,
          rawEvents: summary.sent,
          delivery,
          speed: delivery === 'paced' ? speed : null,
          drainedSeconds: Math.round(drainedMs / 1000),
          rejectedRawEvents: rejected,
          lateEntityEvents: lateEvents,
          alerts: alerts.length,
          networkAlerts: allAlerts.length - alerts.length,
          table,
          networks: networkScore,
          // What an analyst would look at first: the alerts no scam scenario explains, with their evidence.
          falseAlerts: score.falseAlerts.map(({ alert, benignScenarioId }) => ({
            benignScenarioId,
            typology: alert.typology,
            ruleId: alert.ruleId,
            entity: alert.entity,
            evidence: alert.evidence,
          })),
          missed: score.missed.map(({ scenarioId, typology, variant, entity, startedAt, endedAt }) => ({
            scenarioId,
            typology,
            variant,
            entity,
            startedAt,
            endedAt,
          })),
        },
        null,
        2,
      ),
    );
    console.log('eval: written to test-artifacts/eval/eval.json');
    const networks = {
      campaign: { precision: networkScore.campaign.precision, recall: networkScore.campaign.recall },
      mule: { precision: networkScore.mule.precision, recall: networkScore.mule.recall },
      campaignGrouping: networkScore.campaignGrouping,
    };
    console.log(`EVAL ${JSON.stringify({ typologies, networks, delivery, lateEntityEvents: lateEvents })}`);
  } finally {
    await pipeline.stopAll();
    // The services' own account (late events are logged with how late they were), for whoever reads eval.json.
    mkdirSync('test-artifacts/eval', { recursive: true });
    for (const service of pipeline.services)
      writeFileSync(`test-artifacts/eval/${delivery}-${service.app}.log`, service.logs);
    if (values['keep-topics']) console.log(`eval: topics kept: ${pipeline.prefix}*`);
    else await pipeline.deleteTopics();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
