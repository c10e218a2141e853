import { z } from 'zod';
import { clickhouseConnectionFields, envFields, loadConfig } from '@vigil/config';

const analyticsSinkEnvSchema = z.object({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  SINK_GROUP_ID: z.string().min(1).default('vigil-analytics-sink'),
  VIGIL_TOPIC_PREFIX: z.string().default(''),
  ...clickhouseConnectionFields,
  CLICKHOUSE_CLUSTER: envFields.clickhouseCluster,
  /** HMAC key of subscriber pseudonyms; the console must use the same key to look numbers up. */
  ANALYTICS_PSEUDONYM_SECRET: envFields.secret('vigil-dev-analytics-pseudonym-secret'),
  /** HMAC key for the hash that replaces SMS text in dead letters. */
  DLQ_TEXT_HASH_KEY: envFields.secret('vigil-dev-dlq-text-hash-key'),
  /**
   * Each insert costs ClickHouse tens of ms of CPU whatever its size (18.16: a new part for entity_events and for
   * each of its views, 74 files, 70 MB of write buffers), so larger inserts cost it less per row.
   */
  SINK_MAX_ROWS_PER_INSERT: envFields.positiveInt(50_000),
  /** 0: an insert leaves as soon as the batches handed over together are buffered (see AnalyticsSinkOptions). */
  SINK_LINGER_MS: envFields.nonNegativeInt(0),
  /**
   * Partition batches decoded and inserted at once (kafkajs partitionsConsumedConcurrently): batches handed over
   * together share one insert, and the next batches are decoded while an insert runs.
   */
  SINK_PARTITIONS_CONCURRENTLY: envFields.positiveInt(4),
  /** Parties (subscriber numbers, senders) whose pseudonyms stay cached (≤ 2× this many entries of ~200 B each). */
  SINK_PSEUDONYM_CACHE_SIZE: envFields.positiveInt(150_000),
  /** The broker holds a fetch until this many bytes are ready or the wait is over: batching before the sink. */
  SINK_FETCH_MIN_BYTES: envFields.positiveInt(262_144), // 256 KiB
  SINK_FETCH_MAX_WAIT_MS: envFields.positiveInt(1_000),
  /** One partition's batch: 16 MiB ≈ 35k entity events, so a batch alone nearly fills an insert. */
  SINK_MAX_BYTES_PER_PARTITION: envFields.positiveInt(16_777_216), // 16 MiB
  /** A whole fetch: room for every partition consumed concurrently to bring a full batch (kafkajs' default: 10 MiB). */
  SINK_MAX_BYTES_PER_FETCH: envFields.positiveInt(67_108_864), // 64 MiB
  /** Below the session timeout, so a hung server cannot hold a batch long enough to cost the group membership. */
  SINK_INSERT_TIMEOUT_MS: envFields.positiveInt(10_000),
  SINK_RETRY_BACKOFF_MS: envFields.positiveInt(500),
  SINK_MAX_RETRY_BACKOFF_MS: envFields.positiveInt(10_000),
  /** Apply pending migrations at boot (idempotent); `npm run db:migrate` does the same by hand. */
  SINK_MIGRATE_ON_START: envFields.boolean(true),
  RETENTION_EVENTS_DAYS: envFields.positiveInt(90),
  RETENTION_ALERTS_DAYS: envFields.positiveInt(400),
  /** 0 disables the in-process retention job (run `tools/db/retention.ts` from cron instead). */
  RETENTION_INTERVAL_MS: envFields.nonNegativeInt(3_600_000), // 1 h
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3004),
  LOG_LEVEL: envFields.logLevel,
});

export type AnalyticsSinkEnv = z.infer<typeof analyticsSinkEnvSchema>;

export function loadAnalyticsSinkEnv(env: Record<string, string | undefined>): AnalyticsSinkEnv {
  return loadConfig('analytics-sink', analyticsSinkEnvSchema, env);
}
