import { z } from 'zod';
import { batchConsumerFields, envFields, kafkaServiceEnvSchema, loadConfig } from '@vigil/config';

const ingestEnvSchema = kafkaServiceEnvSchema(3001, {
  INGEST_GROUP_ID: z.string().min(1).default('vigil-ingest'),
  INGEST_CONFIG_DIR: z.string().min(1).default('config/ingest'),
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
  ...batchConsumerFields({
    // The input partitions one instance owns (3 feeds × 12).
    partitionsConsumedConcurrently: 36,
    // ≈ 9,000 raw events, under a second of work even on a busy core.
    fetchMaxBytes: 2_097_152, // 2 MiB
  }),
});

export type IngestEnv = z.infer<typeof ingestEnvSchema>;

export function loadIngestEnv(env: Record<string, string | undefined>): IngestEnv {
  return loadConfig('ingest', ingestEnvSchema, env);
}
