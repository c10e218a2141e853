import { z } from 'zod';
import { clickhouseConnectionFields, envFields, loadConfig } from '@vigil/config';

const migrateEnvSchema = z.object({
  ...clickhouseConnectionFields,
  CLICKHOUSE_CLUSTER: envFields.clickhouseCluster,
});

const retentionEnvSchema = migrateEnvSchema.extend({
  RETENTION_EVENTS_DAYS: envFields.positiveInt(90),
  RETENTION_ALERTS_DAYS: envFields.positiveInt(400),
});

/** The environment of `tools/db/migrate.ts`: where the schema goes. */
export type MigrateEnv = z.infer<typeof migrateEnvSchema>;
/** The environment of `tools/db/retention.ts`: where, and how many days to keep. */
export type RetentionEnv = z.infer<typeof retentionEnvSchema>;

export function loadMigrateEnv(env: Record<string, string | undefined>): MigrateEnv {
  return loadConfig('db:migrate', migrateEnvSchema, env);
}

export function loadRetentionEnv(env: Record<string, string | undefined>): RetentionEnv {
  return loadConfig('db:retention', retentionEnvSchema, env);
}
