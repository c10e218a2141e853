import { ConfigError } from '@vigil/config';
import { loadConsoleEnv } from './console.config';

const REAL_SECRETS = {
  ANALYTICS_PSEUDONYM_SECRET: 'analytics-pseudonym-secret-0123456789',
  CONSOLE_SESSION_SECRET: 'console-session-secret-0123456789',
  ALERT_FEED_TOKEN: 'alert-feed-token-0123456789',
};
const SECRETS = Object.keys(REAL_SECRETS) as (keyof typeof REAL_SECRETS)[];

describe(loadConsoleEnv.name, () => {
  it('refuses to start without its secrets unless VIGIL_ENV=development, whatever NODE_ENV says', () => {
    for (const env of [{}, { NODE_ENV: 'Production' }, { NODE_ENV: 'prod' }, { VIGIL_ENV: 'production' }]) {
      const load = () => loadConsoleEnv(env);
      expect(load).toThrow(ConfigError);
      for (const variable of SECRETS) expect(load).toThrow(`${variable}: required outside development`);
    }
  });

  it('refuses the published development secrets and a misspelt mode', () => {
    const published = loadConsoleEnv({ VIGIL_ENV: 'development' });
    const load = () =>
      loadConsoleEnv(Object.fromEntries(SECRETS.map((variable) => [variable, published[variable]])));
    for (const variable of SECRETS) expect(load).toThrow(`${variable}: a published development secret`);
    expect(() => loadConsoleEnv({ ...REAL_SECRETS, VIGIL_ENV: 'prod' })).toThrow('VIGIL_ENV');
  });

  it('marks cookies Secure (and sends HSTS) by default outside development only', () => {
    expect(loadConsoleEnv(REAL_SECRETS)).toMatchObject({
      VIGIL_ENV: 'production',
      CONSOLE_SECURE_COOKIE: true,
    });
    expect(loadConsoleEnv({ VIGIL_ENV: 'development' }).CONSOLE_SECURE_COOKIE).toBe(false);
    expect(loadConsoleEnv({ ...REAL_SECRETS, CONSOLE_SECURE_COOKIE: 'false' }).CONSOLE_SECURE_COOKIE).toBe(
      false,
    );
  });

  it('keeps an approved block-list entry 30 days unless configured, and refuses a lifetime of no days', () => {
    expect(loadConsoleEnv(REAL_SECRETS).BLOCKLIST_EXPIRY_DAYS).toBe(30);
    expect(loadConsoleEnv({ ...REAL_SECRETS, BLOCKLIST_EXPIRY_DAYS: '7' }).BLOCKLIST_EXPIRY_DAYS).toBe(7);
    expect(() => loadConsoleEnv({ ...REAL_SECRETS, BLOCKLIST_EXPIRY_DAYS: '0' })).toThrow(
      'BLOCKLIST_EXPIRY_DAYS',
    );
  });
});
