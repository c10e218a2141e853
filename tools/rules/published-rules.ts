import type { Kafka } from '@vigil/kafka';
import { randomUUID } from 'node:crypto';
import { rulePublicationV1, type RulePublicationV1 } from '@vigil/contracts';

/** The latest publication per rule id on the compacted rules topic (withdrawn rules absent). */
export async function readPublishedRules(
  kafka: Kafka,
  topic: string,
): Promise<Map<string, RulePublicationV1>> {
  const published = new Map<string, RulePublicationV1>();
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
    if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
  }
  await admin.disconnect();
  if (ends.size === 0) return published;
  const consumer = kafka.consumer({ groupId: `vigil-rules-cli-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const ruleId = message.key?.toString('utf8');
        if (ruleId) {
          if (message.value === null) published.delete(ruleId);
          else published.set(ruleId, rulePublicationV1.deserialize(message.value));
        }
        if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) ends.delete(partition);
        if (ends.size === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  return published;
}
