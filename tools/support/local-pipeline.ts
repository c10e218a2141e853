import { alertV1, prefixedTopicSpecs, topicNames, type AlertV1, type TopicNames } from '@vigil/contracts';
import { ensureTopics, type Kafka } from '@vigil/kafka';
import { readTopicsToEnd } from './kafka-topic-reader';
import { freePort, ServiceProcess } from './service-process';
import { localBrokers, localClickHouseUrl } from './local-brokers';

export type VigilApp =
  'ingest' | 'correlator' | 'alert-router' | 'analytics-sink' | 'console' | 'signal' | 'networks';

/**
 * Vigil's services as child processes on one set of topics (an optional prefix gives a run its own topics on a
 * shared broker). Used by the e2e tests, `npm run eval`, `npm run bench:e2e` and `npm run demo`.
 */
export class LocalPipeline {
  readonly topics: TopicNames;
  readonly services: ServiceProcess[] = [];

  constructor(
    readonly kafka: Kafka,
    readonly prefix: string,
    private readonly partitions = 4,
    private readonly baseEnv: Record<string, string> = {},
  ) {
    this.topics = topicNames(prefix);
  }

  async createTopics(): Promise<void> {
    await ensureTopics(this.kafka, prefixedTopicSpecs(this.prefix), this.partitions);
  }

  /** Starts a built service on this pipeline's topics and waits until it is ready. */
  async start(
    app: VigilApp,
    env: Record<string, string> = {},
    httpPort?: number,
    logFile?: string,
  ): Promise<ServiceProcess> {
    const service = new ServiceProcess(
      app,
      {
        KAFKA_BROKERS: localBrokers().join(','),
        CLICKHOUSE_URL: localClickHouseUrl(),
        VIGIL_TOPIC_PREFIX: this.prefix,
        INGEST_GROUP_ID: `${this.prefix}vigil-ingest`,
        CORRELATOR_GROUP_ID: `${this.prefix}vigil-correlator`,
        ALERT_ROUTER_GROUP_ID: `${this.prefix}vigil-alert-router`,
        WEBHOOK_GROUP_ID: `${this.prefix}vigil-alert-router-webhooks`,
        SINK_GROUP_ID: `${this.prefix}vigil-analytics-sink`,
        NETWORKS_REPARTITION_GROUP_ID: `${this.prefix}vigil-networks-repartition`,
        NETWORKS_DETECTION_GROUP_ID: `${this.prefix}vigil-networks-detection`,
        LOG_LEVEL: 'info',
        ...this.baseEnv,
        ...env,
      },
      httpPort ?? (await freePort()),
      logFile,
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

  /** Waits until the alerts topic has not grown for `quietMs`; returns its alerts. */
  async waitForQuietAlerts(quietMs: number, timeoutMs: number): Promise<AlertV1[]> {
    const deadline = Date.now() + timeoutMs;
    let previous = -1;
    let stableSince = Date.now();
    for (;;) {
      const alerts = await this.alerts();
      if (alerts.length !== previous) {
        previous = alerts.length;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= quietMs || Date.now() > deadline) {
        return alerts;
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  /** True once `groupId` has committed every partition of `topics` to its current end. */
  async groupCaughtUp(groupId: string, topics: string[]): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const ends = await admin.fetchTopicOffsets(topic);
        const behind = ends.some(
          (end) =>
            end.high !== '0' &&
            committed.partitions.find((partition) => partition.partition === end.partition)?.offset !==
              end.high,
        );
        if (behind) return false;
      }
      return true;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Waits until the networks service has repartitioned every entity event and alert now in their topics and its
   * detection stage has handled every observation (start it with this pipeline's group names).
   */
  async waitForNetworks(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const repartitioned = await this.groupCaughtUp(`${this.prefix}vigil-networks-repartition`, [
        this.topics.entityEvents,
        this.topics.alerts,
      ]);
      if (
        repartitioned &&
        (await this.groupCaughtUp(`${this.prefix}vigil-networks-detection`, [
          this.topics.networkObservations,
        ]))
      )
        return;
      if (Date.now() > deadline) throw new Error(`networks service not caught up in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
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
