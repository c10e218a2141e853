import { z } from 'zod';
import { envFields, loadConfig } from '@vigil/config';

const correlatorEnvSchema = z.object({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  VIGIL_TOPIC_PREFIX: z.string().default(''),
  CORRELATOR_GROUP_ID: z.string().min(1).default('vigil-correlator'),
  /** Rules used until the first version is published to vigil.rules.v1. */
  RULES_DIR: z.string().min(1).default('rules'),
  DLQ_TEXT_HASH_KEY: envFields.secret('vigil-dev-dlq-text-hash-key'),
  /** Event-time lateness an event may have and still be matched. */
  ALLOWED_LATENESS_MS: envFields.positiveInt(600_000), // 10 min
  /** How often quiet partitions write their changelog and sample their state gauges. */
  WATERMARK_TICK_MS: envFields.positiveInt(1_000), // 1 s
  FIRST_CONTACT_WINDOW_MS: envFields.positiveInt(2_592_000_000), // 30 days
  MAX_CONTACTS_PER_ENTITY: envFields.positiveInt(512),
  /** Broker-side fetch wait: bounds how long an arriving event waits for its batch. */
  FETCH_MAX_WAIT_MS: envFields.positiveInt(10),
  /**
   * Partitions whose batches are handled at once (each partition's engine stays single-file). At least the
   * partitions one instance owns (12), so every batch of a fetch is handled together: their alerts, changelog
   * writes and offset commits share one request each, round trips per fetch instead of per partition.
   */
  PARTITIONS_CONSUMED_CONCURRENTLY: envFields.positiveInt(12),
  /**
   * Bytes one fetch returns over all partitions; its batches are handled together before the next heartbeat.
   * 4 MiB ≈ 10,000 entity events: big enough that an entity hit twice is written to the changelog once, small enough for a
   * timely heartbeat.
   */
  FETCH_MAX_BYTES: envFields.positiveInt(4_194_304), // 4 MiB
  /**
   * Minimum time between two changelog writes of a partition (alerts still go out with every batch). An entity
   * changed in between is written once, and input offsets are committed only as far as the last write: a crash
   * replays at most this much more input, whose alerts come again with the same ids.
   */
  CHANGELOG_INTERVAL_MS: envFields.nonNegativeInt(5_000), // 5 s
  /** A crashed instance's partitions move to the others after this long without heartbeats. */
  KAFKA_SESSION_TIMEOUT_MS: envFields.positiveInt(10_000), // 10 s
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3002),
  LOG_LEVEL: envFields.logLevel,
});

export type CorrelatorEnv = z.infer<typeof correlatorEnvSchema>;

export function loadCorrelatorEnv(env: Record<string, string | undefined>): CorrelatorEnv {
  return loadConfig('correlator', correlatorEnvSchema, env);
}
