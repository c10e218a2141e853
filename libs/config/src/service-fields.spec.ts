import { loadConfig } from './load-config';
import { batchConsumerFields, batchConsumerSettings, kafkaServiceEnvSchema } from './service-fields';

const development = { VIGIL_ENV: 'development' };

describe(kafkaServiceEnvSchema.name, () => {
  it('gives a service the broker fields, its own fields and its HTTP endpoint on its default port', () => {
    const schema = kafkaServiceEnvSchema(
      3009,
      batchConsumerFields({ partitionsConsumedConcurrently: 4, fetchMaxBytes: 1_024 }),
    );
    expect(loadConfig('svc', schema, development)).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      VIGIL_TOPIC_PREFIX: '',
      DLQ_TEXT_HASH_KEY: 'vigil-dev-dlq-text-hash-key',
      FETCH_MAX_WAIT_MS: 10,
      PARTITIONS_CONSUMED_CONCURRENTLY: 4,
      FETCH_MAX_BYTES: 1_024,
      KAFKA_SESSION_TIMEOUT_MS: 10_000,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3009,
      LOG_LEVEL: 'info',
    });
  });

  it('refuses the dead-letter text key outside development when it is missing', () => {
    expect(() => loadConfig('svc', kafkaServiceEnvSchema(3009, {}), {})).toThrow(
      /DLQ_TEXT_HASH_KEY: required/,
    );
  });
});

describe(batchConsumerSettings.name, () => {
  const tuning = { FETCH_MAX_WAIT_MS: 10, PARTITIONS_CONSUMED_CONCURRENTLY: 12, FETCH_MAX_BYTES: 2_048 };

  it('heartbeats every tenth of the session timeout', () => {
    expect(batchConsumerSettings({ ...tuning, KAFKA_SESSION_TIMEOUT_MS: 10_000 })).toEqual({
      maxWaitTimeMs: 10,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
      partitionsConsumedConcurrently: 12,
      maxBytesPerFetch: 2_048,
    });
  });

  it('never heartbeats more often than every 500 ms', () => {
    expect(batchConsumerSettings({ ...tuning, KAFKA_SESSION_TIMEOUT_MS: 3_000 }).heartbeatIntervalMs).toBe(
      500,
    );
  });
});
