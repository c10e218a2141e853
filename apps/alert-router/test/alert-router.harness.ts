import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AlertV1 } from '@vigil/contracts';
import { bootstrapKafkaService, type Kafka, type Producer } from '@vigil/kafka';
import { testKafka, TestTopics } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { loadAlertRouterSettings, type AlertRouterSettings } from '../src/alert-router.config';
import { ALERT_ROUTER_SETTINGS } from '../src/alert-router.constants';
import { AlertRouterModule } from '../src/alert-router.module';

const CONFIG_DIR = join(__dirname, '../../../config/alert-router');

/** A record read back from a topic. */
export interface ReadRecord {
  partition: number;
  key: string | null;
  value: string;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Real-broker fixture of one router test: random topics (deleted afterwards), random groups, settings pointing at
 * them, and routers started and stopped as real Nest applications.
 */
export class AlertRouterHarness {
  readonly kafka: Kafka = testKafka();
  private readonly topics = new TestTopics(this.kafka);
  private readonly apps: INestApplication[] = [];
  private producer?: Producer;
  env: Record<string, string> = {};

  /** Creates the topics (3 partitions; the state changelog compact,delete) and the environment naming them. */
  async setUp(extraEnv: Record<string, string> = {}): Promise<void> {
    const alerts = await this.topics.create('alerts');
    const state = await this.topics.create('router-state', {
      configEntries: [{ name: 'cleanup.policy', value: 'compact,delete' }],
    });
    this.env = {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      ALERTS_TOPIC: alerts,
      NOTIFICATIONS_TOPIC: await this.topics.create('notifications'),
      DLQ_TOPIC: await this.topics.create('dlq', { numPartitions: 1 }),
      SUBSCRIBER_PREFERENCES_TOPIC: await this.topics.create('preferences', {
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      }),
      ROUTER_STATE_TOPIC: state,
      WEBHOOK_OUTBOX_TOPIC: await this.topics.create('webhook-outbox'),
      ALERT_ROUTER_GROUP_ID: uniqueTestName('router'),
      WEBHOOK_GROUP_ID: uniqueTestName('webhooks'),
      ALERT_ROUTER_CONFIG_DIR: CONFIG_DIR,
      VIGIL_ENV: 'development', // the DLQ hash key stays at its development default
      WEBHOOK_SIGNING_SECRET: 'integration-test-signing-secret',
      LOG_LEVEL: 'silent',
      ...extraEnv,
    };
    this.producer = this.kafka.producer();
    await this.producer.connect();
  }

  settings(adjust: (settings: AlertRouterSettings) => AlertRouterSettings = (s) => s): AlertRouterSettings {
    return adjust(loadAlertRouterSettings(this.env));
  }

  /** Starts a router as its main does, on a random local port; resolves once it consumes. */
  async startRouter(settings: AlertRouterSettings): Promise<INestApplication> {
    const app = await bootstrapKafkaService({
      module: AlertRouterModule.forRoot(settings),
      httpHost: '127.0.0.1',
      httpPort: 0,
    });
    this.apps.push(app);
    return app;
  }

  async stopRouter(app: INestApplication): Promise<void> {
    this.apps.splice(this.apps.indexOf(app), 1);
    await app.close();
  }

  /** Produces alerts keyed by entity, as the correlator does. */
  async produceAlerts(alerts: AlertV1[]): Promise<void> {
    await this.producer!.send({
      topic: this.env.ALERTS_TOPIC,
      messages: alerts.map((alert) => ({ key: alert.entity, value: JSON.stringify(alert) })),
    });
  }

  async produce(topic: string, messages: { key: string; value: string | null }[]): Promise<void> {
    await this.producer!.send({ topic, messages });
  }

  /** Every record of `topic` up to its end offsets at the time of the call. */
  async readToEnd(topic: string): Promise<ReadRecord[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter((offset) => Number(offset.high) > Number(offset.low))
        .map((offset) => [offset.partition, Number(offset.high)]),
    );
    await admin.disconnect();
    const records: ReadRecord[] = [];
    if (ends.size === 0) return records;
    const consumer = this.kafka.consumer({ groupId: uniqueTestName('reader'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (Number(message.offset) >= (ends.get(partition) ?? 0)) return;
        records.push({
          partition,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
        });
        if (Number(message.offset) + 1 >= (ends.get(partition) ?? 0)) ends.delete(partition);
      },
    });
    await waitFor(() => ends.size === 0);
    await consumer.disconnect();
    return records;
  }

  /** True once `groupId` has committed every partition of `topic` to its end. */
  async committedToEnd(groupId: string, topic: string): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      return ends.every(
        (end) =>
          end.high === '0' ||
          committed.partitions.find((partition) => partition.partition === end.partition)?.offset ===
            end.high,
      );
    } finally {
      await admin.disconnect();
    }
  }

  async tearDown(): Promise<void> {
    for (const app of this.apps.splice(0)) await app.close();
    await this.producer?.disconnect();
    await this.topics.deleteAll();
  }
}

/** One server-sent event as received. */
export interface ReceivedEvent {
  type: string;
  data: unknown;
}

/** Subscribes to the router's live feed over real HTTP and collects its events until `close`. */
export async function subscribeFeed(
  app: INestApplication,
  query = '',
): Promise<{ events: ReceivedEvent[]; close(): void }> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const events: ReceivedEvent[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(
      `http://127.0.0.1:${port}/alerts/stream${query}`,
      {
        headers: {
          authorization: `Bearer ${app.get<AlertRouterSettings>(ALERT_ROUTER_SETTINGS).feed.token}`,
        },
      },
      resolve,
    ).on('error', reject);
  });
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .filter((line) => line.startsWith(`${name}: `))
          .map((line) => line.slice(name.length + 2))
          .join('\n');
      if (field('data')) events.push({ type: field('event') || 'message', data: JSON.parse(field('data')) });
      end = buffer.indexOf('\n\n');
    }
  });
  return { events, close: () => response.destroy() };
}
