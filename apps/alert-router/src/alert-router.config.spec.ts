import { ConfigError } from '@vigil/config';
import { loadAlertRouterSettings } from './alert-router.config';

describe(loadAlertRouterSettings.name, () => {
  it('loads defaults and the repository routing files', () => {
    const settings = loadAlertRouterSettings({ ALERT_ROUTER_CONFIG_DIR: 'config/alert-router' });
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
});
