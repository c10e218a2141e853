import type { Kafka } from 'kafkajs';
import type { TopicSpec } from '@vigil/contracts';

/** Creates the topics of `specs` that do not exist yet; returns the names it created. Idempotent. */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  defaultPartitions: number,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions ?? defaultPartitions,
        replicationFactor: 1,
        configEntries: [
          { name: 'cleanup.policy', value: spec.cleanupPolicy },
          ...(spec.retentionMs !== undefined
            ? [{ name: 'retention.ms', value: String(spec.retentionMs) }]
            : []),
        ],
      })),
    });
    return missing.map((spec) => spec.name);
  } finally {
    await admin.disconnect();
  }
}
