import type { Kafka } from 'kafkajs';
import {
  alertV1,
  entityEventV1,
  prefixedTopicSpecs,
  topicNames,
  type AlertV1,
  type TopicNames,
} from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet } from '@vigil/correlation';
import { ensureTopics } from '@vigil/kafka';
import { freePort, ServiceProcess } from '../../tools/support/service-process';
import { readTopicsToEnd } from './kafka-topic-reader';
import { uniqueTestName } from './test-names';

/** A private set of Vigil topics on the shared broker, plus the services started on it. */
export class TestPipeline {
  readonly prefix = `${uniqueTestName('e2e')}.`;
  readonly topics: TopicNames = topicNames(this.prefix);
  private readonly services: ServiceProcess[] = [];

  constructor(
    readonly kafka: Kafka,
    private readonly partitions = 4,
  ) {}

  async createTopics(): Promise<void> {
    await ensureTopics(this.kafka, prefixedTopicSpecs(this.prefix), this.partitions);
  }

  /** Starts a built service on this pipeline's topics and waits until it is ready. */
  async start(app: 'ingest' | 'correlator', env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = new ServiceProcess(
      app,
      {
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
        VIGIL_TOPIC_PREFIX: this.prefix,
        INGEST_GROUP_ID: `${this.prefix}ingest`,
        CORRELATOR_GROUP_ID: `${this.prefix}correlator`,
        LOG_LEVEL: 'info',
        ...env,
      },
      await freePort(),
    );
    this.services.push(service);
    await service.start(60_000);
    return service;
  }

  async alerts(): Promise<AlertV1[]> {
    return (await readTopicsToEnd(this.kafka, [this.topics.alerts])).map((record) =>
      alertV1.deserialize(record.value),
    );
  }

  /** Polls until `done(alerts)` holds or the time runs out; returns the last alerts read. */
  async waitForAlerts(done: (alerts: AlertV1[]) => boolean, timeoutMs: number): Promise<AlertV1[]> {
    const deadline = Date.now() + timeoutMs;
    let alerts = await this.alerts();
    while (!done(alerts) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      alerts = await this.alerts();
    }
    return alerts;
  }

  /**
   * The alert ids an uninterrupted correlator produces from the entity events now in the topic: one engine per
   * partition, events in offset order, then event time flushed past every window.
   */
  async referenceAlertIds(rulesDir = 'rules'): Promise<Set<string>> {
    const records = await readTopicsToEnd(this.kafka, [this.topics.entityEvents]);
    records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    const rules = loadRuleSet(rulesDir);
    const engines = new Map<number, CorrelationEngine>();
    const ids = new Set<string>();
    for (const record of records) {
      let engine = engines.get(record.partition);
      if (!engine) engines.set(record.partition, (engine = new CorrelationEngine(rules)));
      for (const alert of engine.process(entityEventV1.deserialize(record.value)).alerts)
        ids.add(alert.alertId);
    }
    const farFuture = Date.now() + 365 * 24 * 3_600_000;
    for (const engine of engines.values()) {
      engine.advanceWatermark(farFuture); // anchors the idle clock
      for (const alert of engine.advanceWatermark(farFuture + 24 * 3_600_000).alerts) ids.add(alert.alertId);
    }
    return ids;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
  }

  async deleteTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}
