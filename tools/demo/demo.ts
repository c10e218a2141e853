/**
 * `npm run demo`: the local stack, every Vigil service, a simulated operator day with scams sped up 120x, and the
 * alerts streamed here. Ctrl-C stops the simulator, the services and the stack.
 * Options: --speed F (simulated ms per ms, default 120), --subscribers N, --per-typology N, --keep-stack.
 *
 * Each run has topics and consumer groups of its own (prefix `vigil-demo-<id>.`, given to every service, the rules
 * CLI and the simulator) and deletes them at Ctrl-C. Why: event time is per topic. A run's simulated day ends about
 * now and so starts about 24 h / speed before it, earlier than where the previous run left event time; on shared
 * topics the correlator would restore that later event time from its changelog (and ingest's sources would carry
 * it) and every event of the new run would be late. A fresh set of topics is what a fresh demo means; the live
 * system never rewinds its clock. Topics a run could not delete (killed without Ctrl-C) are removed by the next
 * run, once its fixed ports show that no other demo is running. ClickHouse is shared between runs: the console
 * shows earlier runs' alerts too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertV1 } from '@vigil/contracts';
import { createKafka, type Kafka } from '@vigil/kafka';
import { simulateTraffic } from '@vigil/simulation';
import { produceTraffic } from '../simulator/produce-traffic';
import { defaultStartMs } from '../simulator/traffic-pacing';
import { LocalPipeline, type VigilApp } from '../support/local-pipeline';
import { ensureStackAndBuild } from '../support/stack-prerequisites';
import { localBrokers } from '../support/local-brokers';
import { formatAlert } from './alert-printer';

const repoRoot = path.resolve(__dirname, '../..');
/** Every demo run's topics and consumer groups start with this. */
const DEMO_PREFIX = 'vigil-demo-';
const PORTS: Record<VigilApp, number> = {
  ingest: 3001,
  correlator: 3002,
  'alert-router': 3003,
  'analytics-sink': 3004,
  console: 3005,
  signal: 3006,
  networks: 3007,
};

/** Resolves false when something already listens on the port (another demo, most likely). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Deletes the topics and consumer groups whose names start with `prefix`; failures are reported, not thrown. */
async function deleteDemoResources(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((groupId) => groupId.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } catch (error) {
    console.error(`[demo] could not delete the ${prefix}* topics and groups: ${(error as Error).message}`);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      speed: { type: 'string', default: '120' },
      subscribers: { type: 'string', default: '2000' },
      'per-typology': { type: 'string', default: '12' },
      'keep-stack': { type: 'boolean', default: false },
    },
  });
  const started = Date.now();
  const apps: VigilApp[] = ['ingest', 'correlator', 'alert-router', 'analytics-sink', 'networks'];
  const hasConsole = existsSync(path.join(repoRoot, 'apps/console/src/main.ts'));
  if (hasConsole) apps.push('console');
  for (const app of apps) {
    if (!(await portIsFree(PORTS[app])))
      throw new Error(`port ${PORTS[app]} (${app}) is in use: is another \`npm run demo\` running?`);
  }
  ensureStackAndBuild(apps);

  const kafka = createKafka({ clientId: 'vigil-demo', brokers: localBrokers() });
  // The ports are free, so no other demo runs: whatever a demo left behind can go.
  await deleteDemoResources(kafka, DEMO_PREFIX);
  const prefix = `${DEMO_PREFIX}${randomBytes(4).toString('hex')}.`;
  const logDir = path.join(repoRoot, '.vigil/logs');
  mkdirSync(logDir, { recursive: true });
  const pipeline = new LocalPipeline(kafka, prefix, 12);
  await pipeline.createTopics();
  console.log(`[demo] this run's topics: ${prefix}* (deleted at Ctrl-C)`);
  execFileSync('npx', ['tsx', 'tools/rules/rules-cli.ts', 'publish', '--by', 'demo'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, VIGIL_TOPIC_PREFIX: prefix },
  });
  // Created here so that Ctrl-C can leave its group before the group is deleted (a group with members cannot be).
  const alerts = kafka.consumer({ groupId: `${prefix}printer-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const abort = new AbortController();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\n[demo] stopping the simulator and the services, deleting this run's topics…");
    abort.abort();
    await Promise.all([pipeline.stopAll(), alerts.disconnect().catch(() => undefined)]);
    await deleteDemoResources(kafka, prefix);
    if (!values['keep-stack'])
      execFileSync('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), 'down'], { stdio: 'inherit' });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  for (const app of apps) {
    console.log(`[demo] starting ${app} on http://127.0.0.1:${PORTS[app]} (log: .vigil/logs/${app}.log)`);
    await pipeline.start(app, { LOG_LEVEL: 'info' }, PORTS[app], path.join(logDir, `${app}.log`));
  }

  await alerts.connect();
  await alerts.subscribe({ topic: pipeline.topics.alerts, fromBeginning: false });
  let firstAlertShown = false;
  // When the traffic started: the first alert's delay from there leaves out the stack, a build and service starts.
  const traffic: { startedAt?: number } = {};
  await alerts.run({
    eachMessage: async ({ message }) => {
      const alert = alertV1.deserialize(message.value);
      if (!firstAlertShown) {
        firstAlertShown = true;
        console.log(
          `[demo] first alert ${((Date.now() - started) / 1000).toFixed(0)} s after \`npm run demo\` started${
            traffic.startedAt === undefined
              ? ''
              : ` (${((Date.now() - traffic.startedAt) / 1000).toFixed(0)} s after the traffic started)`
          }`,
        );
      }
      console.log(formatAlert(alert, process.stdout.isTTY));
    },
  });

  console.log('');
  if (hasConsole) {
    console.log(
      `[demo] console: http://127.0.0.1:${PORTS.console}  sign in with the analyst demo key vigil-demo-analyst-key-2026`,
    );
    // Development-only keys, documented in apps/console/README.md and refused outside VIGIL_ENV=development.
    console.log('[demo] viewer and admin demo keys: apps/console/README.md');
  }
  console.log(
    '[demo] metrics: http://127.0.0.1:3002/metrics (correlator), health: /health/ready on every port',
  );
  console.log(`[demo] live rule updates: VIGIL_TOPIC_PREFIX=${prefix} npm run rules -- publish`);
  const speed = Number(values.speed);
  const durationMs = 24 * 3_600_000;
  const pacing = { mode: 'speed', factor: speed } as const;
  const simulation = simulateTraffic({
    seed: Date.now() % 100_000,
    subscribers: Number(values.subscribers),
    scenarios: { perTypology: Number(values['per-typology']) },
    // A few scam networks and their look-alikes, for the networks service (and the console's Networks view).
    networks: {
      callerCampaigns: 3,
      senderCampaigns: 2,
      phishingPairs: 1,
      mules: 3,
      busyCallers: 3,
      allowListedShops: 2,
      familyPots: 3,
      smallSellers: 3,
    },
    durationMs,
    startMs: defaultStartMs(pacing, durationMs, Date.now()),
  });
  console.log(
    `[demo] simulating one operator day for ${values.subscribers} subscribers at ${speed}x (about ${Math.round(durationMs / speed / 60_000)} min); Ctrl-C stops everything\n`,
  );
  traffic.startedAt = Date.now();
  const summary = await produceTraffic({
    kafka,
    simulation,
    pacing,
    topicPrefix: prefix,
    signal: abort.signal,
  });
  if (!stopping) {
    console.log(
      `[demo] simulated day finished: ${summary.sent} raw events. Services keep running; Ctrl-C stops everything.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
