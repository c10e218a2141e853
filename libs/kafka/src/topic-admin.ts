import type { Admin, Kafka } from 'kafkajs';
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
    const createdTopics = {
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
    };
    try {
      await admin.createTopics(createdTopics);
    } catch (error) {
      // A loaded broker may answer the post-create metadata request before it knows the new partitions
      // (UNKNOWN_TOPIC_OR_PARTITION); the topics exist by then, only their leaders are not visible yet.
      if (!isUnknownTopicOrPartition(error)) throw error;
      await waitForLeaders(
        admin,
        missing.map((spec) => spec.name),
      );
    }
    return missing.map((spec) => spec.name);
  } finally {
    await admin.disconnect();
  }
}

const LEADER_WAIT_MS = 30_000;

function isUnknownTopicOrPartition(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      if (metadata.topics.every((topic) => topic.partitions.every((partition) => partition.leader >= 0)))
        return;
    } catch (error) {
      if (!isUnknownTopicOrPartition(error) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`no leaders for ${topics.join(', ')} after ${LEADER_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
