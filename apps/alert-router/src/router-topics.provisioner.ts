import { Logger } from '@nestjs/common';
import type { Kafka } from '@vigil/kafka';
import type { AlertRouterSettings } from './alert-router.config';

const SEVEN_DAYS_MS = 7 * 86_400_000;

/**
 * Creates the router's own topics: the state changelog (compact,delete: latest value per key, gone after the
 * retention that outlives every window) and the webhook outbox, both with the alerts topic's partition count, and
 * refuses to start when an existing changelog is not co-partitioned with the alerts.
 */
export class RouterTopicsProvisioner {
  private readonly logger = new Logger(RouterTopicsProvisioner.name);

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: AlertRouterSettings,
  ) {}

  async provision(): Promise<void> {
    const { topics, state } = this.settings;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const partitionCount = async (topic: string): Promise<number | undefined> => {
        const existing = await admin.listTopics();
        if (!existing.includes(topic)) return undefined;
        return (await admin.fetchTopicOffsets(topic)).length;
      };
      const alertPartitions = await partitionCount(topics.alerts);
      if (alertPartitions === undefined) throw new Error(`alerts topic ${topics.alerts} does not exist`);
      const wanted = [
        {
          topic: topics.routerState,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact,delete' },
            { name: 'retention.ms', value: String(state.topicRetentionMs) },
          ],
        },
        {
          topic: topics.webhookOutbox,
          configEntries: [{ name: 'retention.ms', value: String(SEVEN_DAYS_MS) }],
        },
      ];
      const missing = [];
      for (const spec of wanted) {
        const count = await partitionCount(spec.topic);
        if (count === undefined) missing.push(spec);
        else if (spec.topic === topics.routerState && count !== alertPartitions) {
          throw new Error(
            `${topics.routerState} has ${count} partitions, ${topics.alerts} has ${alertPartitions}: state must be co-partitioned`,
          );
        }
      }
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({ ...spec, numPartitions: alertPartitions, replicationFactor: 1 })),
      });
      this.logger.log({
        msg: 'router topics created',
        topics: missing.map((spec) => spec.topic),
        partitions: alertPartitions,
      });
    } finally {
      await admin.disconnect();
    }
  }
}
