// Traffic simulator CLI: synthetic operator traffic with labelled scam scenarios, produced to Kafka.
//   npx tsx tools/simulator/simulate.ts --as-fast-as-possible --scenarios 2000 --labels labels.jsonl
//   npx tsx tools/simulator/simulate.ts --speed 60 --subscribers 500 --scenarios 200
//   npx tsx tools/simulator/simulate.ts --rate 2000 --duration 6h
// Environment: KAFKA_BROKERS (default 127.0.0.1:9092), VIGIL_TOPIC_PREFIX (default '').
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { TYPOLOGIES } from '@vigil/contracts';
import { parseDurationMs } from '@vigil/correlation';
import { createKafka } from '@vigil/kafka';
import {
  labelsToJsonl,
  simulateTraffic,
  simulationDefaults,
  type SimulationOptions,
} from '@vigil/simulation';
import { produceTraffic, type ProduceProgress } from './produce-traffic';
import { defaultStartMs, type TrafficPacing } from './traffic-pacing';

const USAGE = `Usage: npx tsx tools/simulator/simulate.ts [pacing] [options]
Pacing (one of):
  --as-fast-as-possible        no waiting (default)
  --rate <events/s>            fixed target of raw records per second
  --speed <factor>             simulated time runs <factor> times faster than wall time (1 = real time)
Options:
  --seed <n>                   PRNG seed (default 1)
  --subscribers <n>            background subscribers (default ${simulationDefaults.subscribers})
  --scenarios <n>              labelled scenarios in total, half scam and half benign (default 10 scam + 10 benign per typology)
  --per-typology <n>           scam scenarios per typology (instead of --scenarios)
  --benign-per-typology <n>    benign look-alikes per typology
  --duration <d>               simulated span, e.g. 24h, 90m (default 24h)
  --warm-up <d>                first part of the span for known contacts (default 1h)
  --start <RFC 3339>           event time of the first record (default: so that nothing is in the future)
  --events-per-subscriber-per-day <n>   background volume (default ${simulationDefaults.backgroundEventsPerSubscriberPerDay})
  --duplicate-rate <r>         share of records delivered twice (default ${simulationDefaults.duplicateRate})
  --labels <path.jsonl>        write ground-truth labels here
  --batch-size <n>             records per sendBatch (default 500)
  --help`;

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`--${name} must be a number ≥ 0, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'as-fast-as-possible': { type: 'boolean' },
      rate: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      subscribers: { type: 'string' },
      scenarios: { type: 'string' },
      'per-typology': { type: 'string' },
      'benign-per-typology': { type: 'string' },
      duration: { type: 'string' },
      'warm-up': { type: 'string' },
      start: { type: 'string' },
      'events-per-subscriber-per-day': { type: 'string' },
      'duplicate-rate': { type: 'string' },
      labels: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rate = positive('rate', values.rate);
  const speed = positive('speed', values.speed);
  if ([values['as-fast-as-possible'], rate, speed].filter((v) => v !== undefined).length > 1) {
    throw new RangeError('choose one of --as-fast-as-possible, --rate, --speed');
  }
  const pacing: TrafficPacing =
    rate !== undefined && rate > 0
      ? { mode: 'rate', eventsPerSecond: rate }
      : speed !== undefined && speed > 0
        ? { mode: 'speed', factor: speed }
        : { mode: 'as-fast-as-possible' };

  const durationMs =
    values.duration !== undefined ? parseDurationMs(values.duration) : simulationDefaults.durationMs;
  const total = positive('scenarios', values.scenarios);
  const perTypology = positive('per-typology', values['per-typology']);
  const options: Partial<SimulationOptions> = {
    seed: positive('seed', values.seed) ?? simulationDefaults.seed,
    subscribers: positive('subscribers', values.subscribers),
    scenarios: total !== undefined ? { total } : perTypology !== undefined ? { perTypology } : undefined,
    benignPerTypology: positive('benign-per-typology', values['benign-per-typology']),
    durationMs,
    warmUpMs: values['warm-up'] !== undefined ? parseDurationMs(values['warm-up']) : undefined,
    startMs:
      values.start !== undefined ? Date.parse(values.start) : defaultStartMs(pacing, durationMs, Date.now()),
    backgroundEventsPerSubscriberPerDay: positive(
      'events-per-subscriber-per-day',
      values['events-per-subscriber-per-day'],
    ),
    duplicateRate: positive('duplicate-rate', values['duplicate-rate']),
  };
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<SimulationOptions>;
  if (Number.isNaN(defined.startMs)) throw new RangeError(`--start is not a date-time: ${values.start}`);
  const simulation = simulateTraffic(defined);

  if (values.labels !== undefined) {
    mkdirSync(dirname(values.labels), { recursive: true });
    writeFileSync(values.labels, labelsToJsonl(simulation.labels));
  }
  const scams = simulation.labels.filter((l) => !l.benign).length;
  console.log(
    `simulator: seed ${simulation.options.seed}, ${simulation.options.subscribers} subscribers, ` +
      `${scams} scam + ${simulation.labels.length - scams} benign scenarios over ${TYPOLOGIES.length} typologies, ` +
      `event time ${new Date(simulation.startMs).toISOString()} .. ${new Date(simulation.endMs).toISOString()}, pacing ${JSON.stringify(pacing)}` +
      (values.labels !== undefined ? `, labels -> ${values.labels}` : ''),
  );

  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const kafka = createKafka(
    { clientId: 'vigil-simulator', brokers },
    { error: (entry) => console.error(entry), warn: (entry) => console.warn(entry), log: () => undefined },
  );
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const show = (p: ProduceProgress): void =>
    console.log(
      `  sent ${p.sent} (sms ${p.byTopic.sms}, calls ${p.byTopic.calls}, payments ${p.byTopic.payments}), ` +
        `simulated ${new Date(p.simulatedAtMs).toISOString()}, elapsed ${(p.elapsedMs / 1000).toFixed(1)} s, lag ${p.lagMs} ms`,
    );
  const summary = await produceTraffic({
    kafka,
    simulation,
    pacing,
    topicPrefix: process.env.VIGIL_TOPIC_PREFIX ?? '',
    batchSize: positive('batch-size', values['batch-size']),
    onProgress: show,
    signal: controller.signal,
  });
  console.log(
    `simulator: ${summary.aborted ? 'stopped' : 'done'}: ${summary.sent} records in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
      `(${Math.round(summary.eventsPerSecond)} records/s)`,
  );
}

main().catch((error: unknown) => {
  console.error(`simulator: ${(error as Error).message}`);
  process.exitCode = 1;
});
