import { ConfigError } from '@vigil/config';
import { loadSignalEnv } from './signal.config';
import { ClientRegistry } from './auth/client-registry';

const SECRETS = ['ANALYTICS_PSEUDONYM_SECRET', 'SIGNAL_TOKEN_SECRET'];
const REAL_SECRETS = {
  ANALYTICS_PSEUDONYM_SECRET: 'pseudonym-secret-0123456789abcdef',
  SIGNAL_TOKEN_SECRET: 'token-secret-0123456789abcdef0123',
};

describe(loadSignalEnv.name, () => {
  it('refuses to start without its secrets, or with the published ones, outside development', () => {
    const load = () => loadSignalEnv({ VIGIL_ENV: 'production' });
    for (const variable of SECRETS) expect(load).toThrow(`${variable}: required outside development`);
    const published = loadSignalEnv({ VIGIL_ENV: 'development' });
    const withPublished = () =>
      loadSignalEnv({
        VIGIL_ENV: 'production',
        ANALYTICS_PSEUDONYM_SECRET: published.ANALYTICS_PSEUDONYM_SECRET,
        SIGNAL_TOKEN_SECRET: published.SIGNAL_TOKEN_SECRET,
      });
    expect(withPublished).toThrow(ConfigError);
    for (const variable of SECRETS)
      expect(withPublished).toThrow(`${variable}: a published development secret`);
  });

  it('starts with real secrets and short-lived tokens by default', () => {
    expect(loadSignalEnv(REAL_SECRETS)).toMatchObject({ ...REAL_SECRETS, SIGNAL_TOKEN_TTL_MS: 300_000 });
  });

  it('ships only development clients, which production refuses', () => {
    const file = loadSignalEnv({ VIGIL_ENV: 'development' }).SIGNAL_CLIENTS_FILE;
    expect(
      ClientRegistry.fromFile(file, false).authenticate('demo-bank', 'vigil-dev-signal-bank-secret'),
    ).toMatchObject({
      clientId: 'demo-bank',
      scopes: ['scam-signal:check'],
    });
    expect(() => ClientRegistry.fromFile(file, true)).toThrow('no usable client');
  });
});
