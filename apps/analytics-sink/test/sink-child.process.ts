// The sink pipeline as a separate process, for tests that kill it (`kill -9`) or take its ClickHouse away:
// the shared BatchConsumer feeding the AnalyticsSink core, exactly as the Nest app wires them, minus HTTP.
// Run: node --import tsx apps/analytics-sink/test/sink-child.process.ts (configuration from the environment).
// Test-only: SINK_TEST_HOLD_AFTER_INSERT_MS delays the acknowledgement of each successful insert and prints
// `HELD <table> <rows>` first, so a test can kill the process after an insert and before the commit that follows.
// Every acknowledged insert prints `INSERTED <table> <rows>`.
import {
  AnalyticsSink,
  HttpTabSeparatedExecutor,
  SubscriberPseudonymizer,
  type TabSeparatedInsert,
} from '@vigil/analytics';
import { type SqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC, topicNames } from '@vigil/contracts';
import { BatchConsumer, Murmur2Partitioner, type StructuredLogger, createKafka } from '@vigil/kafka';

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger: StructuredLogger = {
  error: (entry) => console.error(JSON.stringify({ level: 'error', entry })),
  warn: (entry) => console.error(JSON.stringify({ level: 'warn', entry })),
  log: () => undefined,
};

function holdingAfterInsert(
  executor: SqlExecutor & TabSeparatedInsert,
  holdMs: number,
): SqlExecutor & TabSeparatedInsert {
  const hold = async (table: string, rows: number): Promise<void> => {
    console.log(`HELD ${table} ${rows}`);
    await new Promise((resolve) => setTimeout(resolve, holdMs));
  };
  return {
    command: (sql) => executor.command(sql),
    query: (sql) => executor.query(sql),
    close: () => executor.close(),
    insertRows: async (table, rows) => {
      await executor.insertRows(table, rows);
      await hold(table, rows.length);
    },
    insertTabSeparated: async (table, columns, chunks) => {
      await executor.insertTabSeparated(table, columns, chunks);
      await hold(
        table,
        chunks.reduce((rows, chunk) => rows + chunk.toString('utf8').split('\n').length - 1, 0),
      );
    },
  };
}

async function main(): Promise<void> {
  const prefix = env.VIGIL_TOPIC_PREFIX ?? '';
  const kafka = createKafka(
    { clientId: 'vigil-analytics-sink-child', brokers: required('KAFKA_BROKERS').split(',') },
    { error: () => undefined, warn: () => undefined, log: () => undefined }, // kafkajs' own logs: none, as before
  );
  const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
  await producer.connect();
  const http = new HttpTabSeparatedExecutor(
    createClickHouseClient({
      url: required('CLICKHOUSE_URL'),
      requestTimeoutMs: Number(env.SINK_INSERT_TIMEOUT_MS ?? 5_000),
    }),
  );
  const holdMs = Number(env.SINK_TEST_HOLD_AFTER_INSERT_MS ?? 0);
  const concurrency = Number(env.SINK_PARTITIONS_CONCURRENTLY ?? 4); // as the app's default
  const sink = new AnalyticsSink(
    {
      executor: holdMs > 0 ? holdingAfterInsert(http, holdMs) : http,
      pseudonyms: new SubscriberPseudonymizer(required('ANALYTICS_PSEUDONYM_SECRET')),
      listener: {
        onInserted: (table, rows) => console.log(`INSERTED ${table} ${rows}`),
        onInsertFailed: (table, rows, error) =>
          console.log(`INSERT_FAILED ${table} ${rows} ${error.message.slice(0, 80)}`),
      },
    },
    {
      database: required('CLICKHOUSE_DATABASE'),
      maxRowsPerInsert: Number(env.SINK_MAX_ROWS_PER_INSERT ?? 20_000),
      maxConcurrentBatches: concurrency,
    },
  );
  const consumer = new BatchConsumer(
    { kafka, producer, logger, textHashKey: 'vigil-test-dlq-text-hash-key' },
    {
      groupId: required('SINK_GROUP_ID'),
      topics: [ENTITY_EVENTS_TOPIC, ALERTS_TOPIC],
      topicPrefix: prefix,
      serviceName: 'analytics-sink',
      deadLetterTopic: topicNames(prefix).dlq,
      maxWaitTimeMs: 200,
      maxBytesPerPartition: Number(env.SINK_MAX_BYTES_PER_PARTITION ?? 1_048_576),
      partitionsConsumedConcurrently: concurrency,
      retryBackoffMs: 500,
      maxRetryBackoffMs: Number(env.SINK_MAX_RETRY_BACKOFF_MS ?? 5_000),
    },
  );
  await consumer.start((batch) =>
    batch.topic === ALERTS_TOPIC ? sink.handleAlerts(batch) : sink.handleEntityEvents(batch),
  );
  console.log('READY');
  const stop = async (): Promise<void> => {
    await consumer.stop();
    await sink.drain();
    await producer.disconnect();
    await http.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
