import { ConfigError } from '@vigil/config';
import { loadAnalyticsSinkEnv } from './analytics-sink.config';

const REAL_SECRETS = {
  ANALYTICS_PSEUDONYM_SECRET: 'analytics-pseudonym-secret-0123456789abcdef',
  DLQ_TEXT_HASH_KEY: 'dlq-text-hash-key-0123456789abcdef',
};

describe(loadAnalyticsSinkEnv.name, () => {
  it('refuses to start without its secrets unless VIGIL_ENV=development', () => {
    for (const env of [{}, { NODE_ENV: 'production' }, { VIGIL_ENV: 'production' }]) {
      const load = () => loadAnalyticsSinkEnv(env);
      expect(load).toThrow(ConfigError);
      for (const variable of ['ANALYTICS_PSEUDONYM_SECRET', 'DLQ_TEXT_HASH_KEY'])
        expect(load).toThrow(`${variable}: required outside development`);
    }
  });

  it('refuses the published development secrets outside development', () => {
    const published = loadAnalyticsSinkEnv({ VIGIL_ENV: 'development' });
    const load = () =>
      loadAnalyticsSinkEnv({
        VIGIL_ENV: 'production',
        ANALYTICS_PSEUDONYM_SECRET: published.ANALYTICS_PSEUDONYM_SECRET,
        DLQ_TEXT_HASH_KEY: published.DLQ_TEXT_HASH_KEY,
      });
    for (const variable of ['ANALYTICS_PSEUDONYM_SECRET', 'DLQ_TEXT_HASH_KEY'])
      expect(load).toThrow(`${variable}: a published development secret`);
  });

  it('starts with real secrets in production and with its development defaults in development', () => {
    expect(loadAnalyticsSinkEnv(REAL_SECRETS)).toMatchObject(REAL_SECRETS);
    expect(loadAnalyticsSinkEnv({ VIGIL_ENV: 'development' })).toMatchObject({
      ANALYTICS_PSEUDONYM_SECRET: expect.stringMatching(/^vigil-dev-/),
    });
  });
});
