import { randomUUID } from 'node:crypto';
import { isWatermarkRecord } from '@vigil/contracts';
import { readCompactedTopicToEnd, type Kafka } from '@vigil/kafka';

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
  const byTopic = await Promise.all(
    topics.map(async (topic) => {
      const records: ReadRecord[] = [];
      await readCompactedTopicToEnd(kafka, {
        topic,
        groupId: `vigil-reader-${randomUUID()}`,
        catchUpTimeoutMs: timeoutMs,
        onRecord: ({ partition, offset, key, value, headers }) =>
          records.push({
            topic,
            partition,
            offset,
            key,
            value: value?.toString('utf8') ?? null,
            watermark: isWatermarkRecord(headers),
          }),
      });
      return records;
    }),
  );
  return byTopic.flat();
}
