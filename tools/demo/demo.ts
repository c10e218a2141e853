/**
 * `npm run demo`: the local stack, every Vigil service, a simulated operator day with scams sped up 120x, and the
 * alerts streamed here. Ctrl-C stops the simulator, the services and the stack.
 * Options: --speed F (simulated ms per ms, default 120), --subscribers N, --per-typology N, --keep-stack.
 */
import { Kafka, logLevel } from 'kafkajs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertV1 } from '@vigil/contracts';
import { simulateTraffic } from '@vigil/simulation';
import { produceTraffic } from '../simulator/produce-traffic';
import { defaultStartMs } from '../simulator/traffic-pacing';
import { LocalPipeline, type VigilApp } from '../support/local-pipeline';
import { ensureStackAndBuild } from '../support/stack-prerequisites';
import { localBrokers } from '../support/local-brokers';
import { formatAlert } from './alert-printer';

const repoRoot = path.resolve(__dirname, '../..');
const PORTS: Record<VigilApp, number> = {
  ingest: 3001,
  correlator: 3002,
  'alert-router': 3003,
  'analytics-sink': 3004,
  console: 3005,
};

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
  const apps: VigilApp[] = ['ingest', 'correlator', 'alert-router', 'analytics-sink'];
  const hasConsole = existsSync(path.join(repoRoot, 'apps/console/src/main.ts'));
  if (hasConsole) apps.push('console');
  ensureStackAndBuild(apps);
  execFileSync('npx', ['tsx', 'tools/rules/rules-cli.ts', 'publish', '--by', 'demo'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });

  const kafka = new Kafka({
    clientId: 'vigil-demo',
    brokers: localBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const logDir = path.join(repoRoot, '.vigil/logs');
  mkdirSync(logDir, { recursive: true });
  const pipeline = new LocalPipeline(kafka, '', 12);
  const abort = new AbortController();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[demo] stopping the simulator, the services and the stack…');
    abort.abort();
    await pipeline.stopAll();
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

  const alerts = kafka.consumer({ groupId: `vigil-demo-printer-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await alerts.connect();
  await alerts.subscribe({ topic: pipeline.topics.alerts, fromBeginning: false });
  let firstAlertShown = false;
  await alerts.run({
    eachMessage: async ({ message }) => {
      const alert = alertV1.deserialize(message.value);
      if (!firstAlertShown) {
        firstAlertShown = true;
        console.log(
          `[demo] first alert ${((Date.now() - started) / 1000).toFixed(0)} s after \`npm run demo\` started`,
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
  const speed = Number(values.speed);
  const durationMs = 24 * 3_600_000;
  const pacing = { mode: 'speed', factor: speed } as const;
  const simulation = simulateTraffic({
    seed: Date.now() % 100_000,
    subscribers: Number(values.subscribers),
    scenarios: { perTypology: Number(values['per-typology']) },
    durationMs,
    startMs: defaultStartMs(pacing, durationMs, Date.now()),
  });
  console.log(
    `[demo] simulating one operator day for ${values.subscribers} subscribers at ${speed}x (about ${Math.round(durationMs / speed / 60_000)} min); Ctrl-C stops everything\n`,
  );
  const summary = await produceTraffic({ kafka, simulation, pacing, signal: abort.signal });
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
