import fc from 'fast-check';
import { Partitioners } from 'kafkajs';
import { Murmur2Partitioner } from './murmur2-partitioner';
import { singleBrokerPartitions } from './testing/partition-metadata.fixture';

describe('Murmur2Partitioner', () => {
  const fast = Murmur2Partitioner();
  const stock = Partitioners.DefaultPartitioner();

  it('sends every keyed message to the partition kafkajs (and the Java client) would', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 12 }),
          fc.constantFrom('msisdn:77021234567', 'sender:kaspibank', 'card:tok_abc', ''),
          fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
        ),
        fc.integer({ min: 1, max: 64 }),
        (key, partitions) => {
          const args = {
            topic: 't',
            partitionMetadata: singleBrokerPartitions(partitions),
            message: { key, value: 'v' },
          };
          expect(fast(args)).toBe(stock(args));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('keeps an explicit partition and spreads keyless messages over the partitions', () => {
    const partitionMetadata = singleBrokerPartitions(12);
    expect(fast({ topic: 't', partitionMetadata, message: { key: 'k', value: 'v', partition: 7 } })).toBe(7);
    const chosen = new Set(
      Array.from({ length: 24 }, () => fast({ topic: 't', partitionMetadata, message: { value: 'v' } })),
    );
    expect(chosen.size).toBe(12);
  });
});
