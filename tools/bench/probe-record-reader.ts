import { randomUUID } from 'node:crypto';
import type { Kafka } from '@vigil/kafka';

/** What a probe reader needs of a record: its create time (set by the producing service) and its value. */
export interface ProbeRecord {
  timestamp: string;
  value: Buffer | null;
}

/**
 * Follows `topic` from its beginning in a consumer group of its own (`<groupPrefix>-<random>`), with a 10 ms fetch
 * wait so a probe's record is seen within milliseconds, and hands over each record whose `msisdn:<number>` key names
 * a probe of `startedAt`, with the probe's number and start time; the other records are skipped undecoded, so a busy
 * topic costs the reader little. The handler runs synchronously per record, batch by batch, so a busy topic does not
 * hold up another reader. Resolves once the reader runs; `disconnect` it at the end.
 */
export async function followProbeRecords(
  kafka: Kafka,
  topic: string,
  groupPrefix: string,
  startedAt: ReadonlyMap<string, number>,
  onProbeRecord: (probe: string, startedAtMs: number, record: ProbeRecord) => void,
): Promise<{ disconnect(): Promise<void> }> {
  const reader = kafka.consumer({
    groupId: `${groupPrefix}-${randomUUID()}`,
    maxWaitTimeInMs: 10,
  });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        const probe = message.key?.toString('utf8').replace('msisdn:', '') ?? '';
        const startedAtMs = startedAt.get(probe);
        if (startedAtMs !== undefined) onProbeRecord(probe, startedAtMs, message);
      }
    },
  });
  return reader;
}
