import { z } from 'zod';
import { envFields } from './env-fields';

/** Where the brokers are and the prefix of Vigil's topic names on them: what every app that talks to Kafka reads. */
export const brokerFields = {
  KAFKA_BROKERS: envFields.kafkaBrokers,
  VIGIL_TOPIC_PREFIX: z.string().default(''),
};

/** What every consuming service reads: the broker fields and the dead-letter text key. */
export const kafkaServiceFields = {
  ...brokerFields,
  /** HMAC key for the hash that replaces SMS text in dead letters. */
  DLQ_TEXT_HASH_KEY: envFields.secret('vigil-dev-dlq-text-hash-key'),
};

/** Where a service serves its health and metrics endpoints, and how much it logs. */
export function httpEndpointFields(defaultPort: number) {
  return {
    HTTP_HOST: envFields.httpHost,
    HTTP_PORT: envFields.httpPort(defaultPort),
    LOG_LEVEL: envFields.logLevel,
  };
}

/**
 * The environment schema of a service on the broker: the broker fields first, then the service's own `fields`, then
 * its HTTP endpoint (health and metrics, on `defaultHttpPort`) and log level.
 */
export function kafkaServiceEnvSchema<Fields extends z.ZodRawShape>(defaultHttpPort: number, fields: Fields) {
  return z.object({ ...kafkaServiceFields, ...fields, ...httpEndpointFields(defaultHttpPort) });
}

/**
 * The tuning of a service's batch consumer. The defaults that depend on the service are its own: at least the
 * partitions one instance owns, so every batch of a fetch is handled together (its output shares produce requests and
 * its offsets one commit, a round trip per fetch instead of per partition), and as many bytes a fetch as it handles
 * well before the next heartbeat.
 */
export function batchConsumerFields(defaults: {
  partitionsConsumedConcurrently: number;
  fetchMaxBytes: number;
}) {
  return {
    /** Broker-side fetch wait: bounds how long an arriving event waits for its batch. */
    FETCH_MAX_WAIT_MS: envFields.positiveInt(10),
    /** Partitions whose batches are handled at once. */
    PARTITIONS_CONSUMED_CONCURRENTLY: envFields.positiveInt(defaults.partitionsConsumedConcurrently),
    /** Bytes one fetch returns over all partitions; its batches are handled together before the next heartbeat. */
    FETCH_MAX_BYTES: envFields.positiveInt(defaults.fetchMaxBytes),
    /** A crashed instance's partitions move to the others after this long without heartbeats. */
    KAFKA_SESSION_TIMEOUT_MS: envFields.positiveInt(10_000), // 10 s
  };
}

/** The validated values of `batchConsumerFields`. */
export type BatchConsumerEnv = z.infer<z.ZodObject<ReturnType<typeof batchConsumerFields>>>;

/** The batch consumer's options from those values: a heartbeat every tenth of the session timeout, 500 ms at the least. */
export function batchConsumerSettings(env: BatchConsumerEnv) {
  return {
    maxWaitTimeMs: env.FETCH_MAX_WAIT_MS,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: Math.max(500, Math.floor(env.KAFKA_SESSION_TIMEOUT_MS / 10)),
    partitionsConsumedConcurrently: env.PARTITIONS_CONSUMED_CONCURRENTLY,
    maxBytesPerFetch: env.FETCH_MAX_BYTES,
  };
}
