import { ConfigError } from '@vigil/config';
import { loadIngestEnv } from './ingest.config';

const REAL_SECRETS = {
  DLQ_TEXT_HASH_KEY: 'dlq-text-hash-key-0123456789abcdef',
};

describe(loadIngestEnv.name, () => {
  it('refuses to start without its secrets unless VIGIL_ENV=development', () => {
    for (const env of [{}, { NODE_ENV: 'production' }, { VIGIL_ENV: 'production' }]) {
      const load = () => loadIngestEnv(env);
      expect(load).toThrow(ConfigError);
      for (const variable of ['DLQ_TEXT_HASH_KEY'])
        expect(load).toThrow(`${variable}: required outside development`);
    }
  });

  it('refuses the published development secrets outside development', () => {
    const published = loadIngestEnv({ VIGIL_ENV: 'development' });
    const load = () =>
      loadIngestEnv({ VIGIL_ENV: 'production', DLQ_TEXT_HASH_KEY: published.DLQ_TEXT_HASH_KEY });
    for (const variable of ['DLQ_TEXT_HASH_KEY'])
      expect(load).toThrow(`${variable}: a published development secret`);
  });

  it('starts with real secrets in production and with its development defaults in development', () => {
    expect(loadIngestEnv(REAL_SECRETS)).toMatchObject(REAL_SECRETS);
    expect(loadIngestEnv({ VIGIL_ENV: 'development' })).toMatchObject({
      DLQ_TEXT_HASH_KEY: expect.stringMatching(/^vigil-dev-/),
    });
  });
});
