import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { isWatermarkRecord } from '@vigil/contracts';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** A source watermark control record (see @vigil/contracts isWatermarkRecord), not a data record. */
  watermark: boolean;
}

/** Reads every record currently in `topics` (from the beginning up to each partition's end offset). */
export async function readTopicsToEnd(
  kafka: Kafka,
  topics: string[],
  timeoutMs = 20_000,
): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) remaining.set(`${topic}/${partition}`, BigInt(high));
    }
  }
  await admin.disconnect();
  const records: ReadRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `vigil-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`topics not read to the end in ${timeoutMs} ms`)),
      timeoutMs,
    );
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          watermark: isWatermarkRecord(message.headers),
        });
        const key = `${topic}/${partition}`;
        if (BigInt(message.offset) + 1n >= (remaining.get(key) ?? 0n)) remaining.delete(key);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  return records;
}
