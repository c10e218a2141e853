import fc from 'fast-check';
import type { Message } from 'kafkajs';
import { groupMessagesPerPartition } from './message-grouping';
import { singleBrokerPartitions } from '../testing/partition-metadata.fixture';

const stockGrouping =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the kafkajs original, the reference
  require('kafkajs/src/producer/groupMessagesPerPartition') as typeof groupMessagesPerPartition;

describe(groupMessagesPerPartition.name, () => {
  it('groups exactly as kafkajs does: same partitions, same messages in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 11 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 12 }),
        (targets, count) => {
          const messages: Message[] = targets.map((partition, i) => ({
            key: `k${i}`,
            value: 'v',
            partition,
          }));
          const args = {
            topic: 't',
            partitionMetadata: singleBrokerPartitions(count),
            messages,
            partitioner: ({ message }: { message: Message }) => message.partition!,
          };
          expect(groupMessagesPerPartition(args)).toEqual(stockGrouping(args));
        },
      ),
    );
  });
});
