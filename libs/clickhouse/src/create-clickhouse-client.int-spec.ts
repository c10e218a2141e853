import { createTestDatabase } from '../../../test/support/clickhouse-test-kit';
import { createClickHouseClient } from './create-clickhouse-client';
import { quoteString } from './sql-literals';

describe(createClickHouseClient.name, () => {
  it('writes rows with ISO-8601 and Unix timestamps and reads them back', async () => {
    const testDb = await createTestDatabase();
    const client = createClickHouseClient({ url: process.env.CLICKHOUSE_URL!, database: testDb.database });
    try {
      await client.command({
        query:
          'CREATE TABLE events (event_id String, occurred_at DateTime, kind String) ENGINE = MergeTree ORDER BY event_id',
      });
      await client.insert({
        table: 'events',
        format: 'JSONEachRow',
        values: [
          { event_id: 'e1', occurred_at: '2026-11-25T08:00:00Z', kind: 'sms_in' },
          { event_id: 'e2', occurred_at: 1_795_600_800, kind: "call'in" },
        ],
      });
      const result = await client.query({
        query: `SELECT event_id, toUnixTimestamp(occurred_at) AS ts, kind FROM events WHERE kind != ${quoteString('x')} ORDER BY event_id`,
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([
        { event_id: 'e1', ts: 1_795_593_600, kind: 'sms_in' },
        { event_id: 'e2', ts: 1_795_600_800, kind: "call'in" },
      ]);
      const filtered = await client.query({
        query: `SELECT count() AS n FROM events WHERE kind = ${quoteString("call'in")}`,
        format: 'JSONEachRow',
      });
      expect(await filtered.json()).toEqual([{ n: '1' }]);
    } finally {
      await client.close();
      await testDb.drop();
    }
  });
});
