import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { type RetainedTable, dropExpiredPartitions, partitionExpiredBefore } from './partition-retention';

describe(partitionExpiredBefore.name, () => {
  const cutoff = new Date('2026-03-10T12:00:00Z');

  it('drops a day partition only when the whole day is before the cutoff day', () => {
    expect(partitionExpiredBefore('20260309', 'day', cutoff)).toBe(true);
    expect(partitionExpiredBefore('20260310', 'day', cutoff)).toBe(false);
  });

  it('drops a month partition only once the cutoff is in a later month', () => {
    expect(partitionExpiredBefore('202602', 'month', cutoff)).toBe(true);
    expect(partitionExpiredBefore('202603', 'month', cutoff)).toBe(false);
  });
});

describe(dropExpiredPartitions.name, () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const events: RetainedTable = { table: 'events', granularity: 'day', retentionDays: 7 };

  it('on a cluster, finds partitions on every shard and drops them from the shard tables ON CLUSTER', async () => {
    const executor = new RecordingSqlExecutor(() => [{ partition: '20260101' }, { partition: '20260309' }]);
    const dropped = await dropExpiredPartitions(executor, 'vigil', [events], now, { cluster: 'vigil' });
    expect(executor.statements).toEqual([
      "SELECT DISTINCT partition FROM cluster('vigil', system.parts) WHERE database = 'vigil' " +
        "AND table = 'events_local' AND active",
      'ALTER TABLE `vigil`.`events_local` ON CLUSTER `vigil` DROP PARTITION 20260101',
    ]);
    expect(dropped).toEqual([{ table: 'events', partition: '20260101' }]);
  });
});
