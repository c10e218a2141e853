import { z } from 'zod';
import { ConfigError } from './config.errors';
import { envFields } from './env-fields';
import { loadConfig } from './load-config';

const schema = z.object({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  HTTP_PORT: envFields.httpPort(3000),
  BATCH_MAX_ROWS: envFields.positiveInt(5_000),
  FEATURE_ON: envFields.boolean(false),
});

describe(loadConfig.name, () => {
  it('applies defaults and converts types', () => {
    expect(loadConfig('svc', schema, {})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      HTTP_PORT: 3000,
      BATCH_MAX_ROWS: 5_000,
      FEATURE_ON: false,
    });
    expect(loadConfig('svc', schema, { KAFKA_BROKERS: 'a:1, b:2', FEATURE_ON: '1' })).toMatchObject({
      KAFKA_BROKERS: ['a:1', 'b:2'],
      FEATURE_ON: true,
    });
  });

  it('names every invalid variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig('svc', schema, { KAFKA_BROKERS: 'no-port', HTTP_PORT: '99999', BATCH_MAX_ROWS: '-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('BATCH_MAX_ROWS');
    expect((caught as ConfigError).problems).toHaveLength(3);
  });
});
