import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { applyAnalyticsRetention } from './analytics-retention';

describe(applyAnalyticsRetention.name, () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const days = { events: 30, alerts: 400 };
  const partitionsOnServer = () => [
    { partition: '20260101' },
    { partition: '20260309' },
    { partition: '202501' },
  ];

  it('sends a single server exactly the statements it always sent', async () => {
    const executor = new RecordingSqlExecutor(partitionsOnServer);
    await applyAnalyticsRetention(executor, 'vigil', days, now);
    expect(executor.statements).toMatchSnapshot();
  });

  it('on a cluster, drops every shard table partition ON CLUSTER and reports the names the services use', async () => {
    const executor = new RecordingSqlExecutor(partitionsOnServer);
    const dropped = await applyAnalyticsRetention(executor, 'vigil', days, now, { cluster: 'vigil' });
    const drops = executor.statements.filter((statement) => statement.startsWith('ALTER'));
    expect(drops).toHaveLength(dropped.length);
    for (const drop of drops)
      expect(drop).toMatch(/^ALTER TABLE `vigil`\.`\w+_local` ON CLUSTER `vigil` DROP /);
    for (const query of executor.statements.filter((statement) => statement.startsWith('SELECT'))) {
      expect(query).toMatch(/FROM cluster\('vigil', system\.parts\) .* AND table = '\w+_local'/);
    }
    expect(dropped).toContainEqual({ table: 'entity_events', partition: '20260101' });
  });
});
