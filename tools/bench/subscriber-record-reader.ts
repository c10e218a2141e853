import { randomUUID } from 'node:crypto';
import type { Kafka } from '@vigil/kafka';

/** What a probe reader needs of a record: its create time (set by the producing service) and its value. */
export interface ProbeRecord {
  timestamp: string;
  value: Buffer | null;
}

/**
 * Follows `topic` from its beginning in a consumer group of its own (`<groupPrefix>-<random>`), with a 10 ms fetch
 * wait so a probe's record is seen within milliseconds, and hands over each record with the subscriber number its
 * `msisdn:<number>` key names. The handler runs synchronously per record, batch by batch, so a busy topic does not
 * hold up another reader. Resolves once the reader runs; `disconnect` it at the end.
 */
export async function followSubscriberRecords(
  kafka: Kafka,
  topic: string,
  groupPrefix: string,
  onRecord: (subscriber: string, record: ProbeRecord) => void,
): Promise<{ disconnect(): Promise<void> }> {
  const reader = kafka.consumer({
    groupId: `${groupPrefix}-${randomUUID()}`,
    maxWaitTimeInMs: 10,
  });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages)
        onRecord(message.key?.toString('utf8').replace('msisdn:', '') ?? '', message);
    },
  });
  return reader;
}
