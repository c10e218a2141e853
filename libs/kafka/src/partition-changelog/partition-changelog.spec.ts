import type { Kafka } from 'kafkajs';
import type { CoalescedSendOptions } from '../coalescing-producer';
import { PartitionChangelog } from './partition-changelog';
import type { ChangelogEntry, ChangelogProducer } from './partition-changelog.options';

interface Sent {
  keys: string[];
  partitions: number[];
  atomic: boolean;
}

/** Records each send and acknowledges it at once. */
function recordingProducer(maxRequestBytes: number) {
  const sent: Sent[] = [];
  const producer: ChangelogProducer = {
    maxRequestBytes,
    send: async (_topic, messages, options: CoalescedSendOptions = {}) => {
      sent.push({
        keys: messages.map((message) => String(message.key)),
        partitions: messages.map((message) => message.partition ?? -1),
        atomic: options.atomic ?? false,
      });
    },
  };
  return { producer, sent };
}

const table = { empty: () => new Map<string, string>(), apply: () => undefined };

function entries(count: number, valueBytes: number): ChangelogEntry[] {
  return Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(valueBytes) }));
}

function changelogOver(producer: ChangelogProducer): PartitionChangelog<Map<string, string>> {
  const kafka = {} as Kafka; // writes never touch the client
  return new PartitionChangelog(kafka, producer, { topic: 't', restoreGroupPrefix: 'g', table });
}

describe(PartitionChangelog.name, () => {
  it('writes a partition in one atomic request when everything fits', async () => {
    const { producer, sent } = recordingProducer(10_000);
    const changelog = changelogOver(producer);

    await changelog.write(4, entries(3, 100));

    expect(sent).toEqual([{ keys: ['k0', 'k1', 'k2'], partitions: [4, 4, 4], atomic: true }]);
  });

  it('sends what does not fit with the last entry first, then the last entry with as many as fit, atomically', async () => {
    // 1,000-byte values and 64 bytes of overhead: three records fit a 3,500-byte request, four do not.
    const { producer, sent } = recordingProducer(3_500);
    const changelog = changelogOver(producer);

    await changelog.write(0, entries(5, 1_000));

    expect(sent.map(({ keys, atomic }) => [keys, atomic])).toEqual([
      [['k0', 'k1'], false],
      [['k2', 'k3', 'k4'], true],
    ]);
  });

  it('does not send the tail before the entries ahead of it are acknowledged', async () => {
    let acknowledge!: () => void;
    const order: string[] = [];
    const producer: ChangelogProducer = {
      maxRequestBytes: 1_100,
      send: (_topic, messages, options = {}) => {
        order.push(options.atomic ? 'tail' : 'head');
        if (options.atomic) return Promise.resolve();
        return new Promise<void>((resolve) => (acknowledge = resolve));
      },
    };
    const changelog = changelogOver(producer);

    const written = changelog.write(0, entries(2, 1_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['head']);
    acknowledge();
    await written;
    expect(order).toEqual(['head', 'tail']);
  });

  it('writes nothing for no entries', async () => {
    const { producer, sent } = recordingProducer(1_000);
    await changelogOver(producer).write(0, []);
    expect(sent).toEqual([]);
  });
});
