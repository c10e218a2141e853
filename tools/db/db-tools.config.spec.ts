import { ConfigError } from '@vigil/config';
import { loadMigrateEnv, loadRetentionEnv } from './db-tools.config';

describe(loadMigrateEnv.name, () => {
  it('targets one server when CLICKHOUSE_CLUSTER is unset', () => {
    expect(loadMigrateEnv({})).toMatchObject({ CLICKHOUSE_DATABASE: 'vigil', CLICKHOUSE_CLUSTER: '' });
  });

  it('takes the cluster name of the ClickHouseInstallation, dashes included', () => {
    expect(loadMigrateEnv({ CLICKHOUSE_CLUSTER: 'vigil-prod' }).CLICKHOUSE_CLUSTER).toBe('vigil-prod');
  });

  it('refuses a cluster name that is not one identifier', () => {
    expect(() => loadMigrateEnv({ CLICKHOUSE_CLUSTER: 'vigil ON CLUSTER x' })).toThrow(ConfigError);
  });
});

describe(loadRetentionEnv.name, () => {
  it('keeps events 90 days and alerts 400 days unless told otherwise', () => {
    expect(loadRetentionEnv({ RETENTION_EVENTS_DAYS: '30' })).toMatchObject({
      RETENTION_EVENTS_DAYS: 30,
      RETENTION_ALERTS_DAYS: 400,
      CLICKHOUSE_CLUSTER: '',
    });
  });
});
