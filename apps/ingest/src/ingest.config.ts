import { z } from 'zod';
import { envFields, loadConfig } from '@vigil/config';

const ingestEnvSchema = z.object({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  INGEST_GROUP_ID: z.string().min(1).default('vigil-ingest'),
  VIGIL_TOPIC_PREFIX: z.string().default(''),
  INGEST_CONFIG_DIR: z.string().min(1).default('config/ingest'),
  /** HMAC key for the hash that replaces SMS text in dead letters. */
  DLQ_TEXT_HASH_KEY: envFields.secret('vigil-dev-dlq-text-hash-key'),
  /** How far an event time may lead this service's clock before it is rejected. */
  MAX_CLOCK_SKEW_MS: envFields.positiveInt(300_000), // 5 min
  /** A repeated source eventId within this window produces nothing new. */
  DUPLICATE_WINDOW_MS: envFields.positiveInt(600_000), // 10 min
  DUPLICATE_MAX_ENTRIES: envFields.positiveInt(1_000_000),
  /**
   * Wall time an input partition read to its end must stay quiet before it stops holding event time back; from
   * then on its event time goes on at the wall clock's pace from its last record.
   */
  IDLE_TIMEOUT_MS: envFields.positiveInt(10_000), // 10 s
  /** Between two source watermark records (to every entity-events partition) while a source is active. */
  WATERMARK_INTERVAL_MS: envFields.positiveInt(200),
  /** Between two source watermark records while every source this instance reads is idle. */
  IDLE_WATERMARK_INTERVAL_MS: envFields.positiveInt(5_000), // 5 s
  /** Event time an input partition may run ahead of the slowest one with records left before it is paused. */
  ALIGNMENT_MAX_DRIFT_MS: envFields.positiveInt(300_000), // 5 min
  /** Broker-side fetch wait: bounds how long an arriving event waits for its batch. */
  FETCH_MAX_WAIT_MS: envFields.positiveInt(10),
  /**
   * Partitions whose batches are handled at once. At least the input partitions one instance owns (3 feeds × 12),
   * so every batch of a fetch is handled together: their entity events share produce requests and their offsets
   * one commit, a round trip per fetch instead of per partition.
   */
  PARTITIONS_CONSUMED_CONCURRENTLY: envFields.positiveInt(36),
  /**
   * Bytes one fetch returns over all partitions; its batches are handled together before the next heartbeat.
   * 2 MiB ≈ 9,000 raw events, under a second of work even on a busy core.
   */
  FETCH_MAX_BYTES: envFields.positiveInt(2_097_152), // 2 MiB
  /** A crashed instance's partitions move to the others after this long without heartbeats. */
  KAFKA_SESSION_TIMEOUT_MS: envFields.positiveInt(10_000), // 10 s
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3001),
  LOG_LEVEL: envFields.logLevel,
});

export type IngestEnv = z.infer<typeof ingestEnvSchema>;

export function loadIngestEnv(env: Record<string, string | undefined>): IngestEnv {
  return loadConfig('ingest', ingestEnvSchema, env);
}
