import { ConfigError } from '@vigil/config';
import { loadAlertRouterSettings } from './alert-router.config';

describe(loadAlertRouterSettings.name, () => {
  it('loads defaults and the repository routing files', () => {
    const settings = loadAlertRouterSettings({
      VIGIL_ENV: 'development',
      ALERT_ROUTER_CONFIG_DIR: 'config/alert-router',
    });
    expect(settings.topics).toMatchObject({
      alerts: 'vigil.alerts.v1',
      routerState: 'vigil.alert-router-state.v1',
    });
    expect(settings.webhooks.retry).toEqual({ maxAttempts: 5, baseBackoffMs: 500, maxBackoffMs: 10_000 });
    expect(settings.routing.config.notifications.callCentre).toEqual({ primary: '9090', secondary: '3030' });
  });

  it('names every invalid variable at once', () => {
    const load = () =>
      loadAlertRouterSettings({ WEBHOOK_MAX_ATTEMPTS: '0', WEBHOOK_SIGNING_SECRET: 'short', HTTP_PORT: 'x' });
    expect(load).toThrow(ConfigError);
    for (const variable of ['WEBHOOK_MAX_ATTEMPTS', 'WEBHOOK_SIGNING_SECRET', 'HTTP_PORT']) {
      expect(load).toThrow(variable);
    }
  });

  it('refuses to start without its secrets, or with the published ones, unless VIGIL_ENV=development', () => {
    const missing = () => loadAlertRouterSettings({ NODE_ENV: 'production' });
    for (const variable of ['WEBHOOK_SIGNING_SECRET', 'DLQ_TEXT_HASH_KEY', 'ALERT_FEED_TOKEN'])
      expect(missing).toThrow(`${variable}: required outside development`);
    const published = loadAlertRouterSettings({ VIGIL_ENV: 'development' });
    const withPublished = () =>
      loadAlertRouterSettings({
        WEBHOOK_SIGNING_SECRET: published.webhooks.signingSecret,
        DLQ_TEXT_HASH_KEY: published.kafka.textHashKey,
        ALERT_FEED_TOKEN: published.feed.token,
      });
    for (const variable of ['WEBHOOK_SIGNING_SECRET', 'DLQ_TEXT_HASH_KEY', 'ALERT_FEED_TOKEN'])
      expect(withPublished).toThrow(`${variable}: a published development secret`);
    const real = loadAlertRouterSettings({
      WEBHOOK_SIGNING_SECRET: 'webhook-signing-secret-0123456789',
      DLQ_TEXT_HASH_KEY: 'dlq-text-hash-key-0123456789',
      ALERT_FEED_TOKEN: 'alert-feed-token-0123456789',
    });
    expect(real.webhooks.signingSecret).toBe('webhook-signing-secret-0123456789');
  });
});
