import { z } from 'zod';
import { analyticsSinkTuningFields } from '@vigil/analytics';
import { clickhouseConnectionFields, envFields, kafkaServiceEnvSchema, loadConfig } from '@vigil/config';

const analyticsSinkEnvSchema = kafkaServiceEnvSchema(3004, {
  SINK_GROUP_ID: z.string().min(1).default('vigil-analytics-sink'),
  ...clickhouseConnectionFields,
  CLICKHOUSE_CLUSTER: envFields.clickhouseCluster,
  /** HMAC key of subscriber pseudonyms; the console must use the same key to look numbers up. */
  ANALYTICS_PSEUDONYM_SECRET: envFields.secret('vigil-dev-analytics-pseudonym-secret'),
  ...analyticsSinkTuningFields,
  /** Below the session timeout, so a hung server cannot hold a batch long enough to cost the group membership. */
  SINK_INSERT_TIMEOUT_MS: envFields.positiveInt(10_000),
  SINK_RETRY_BACKOFF_MS: envFields.positiveInt(500),
  SINK_MAX_RETRY_BACKOFF_MS: envFields.positiveInt(10_000),
  /** Apply pending migrations at boot (idempotent); `npm run db:migrate` does the same by hand. */
  SINK_MIGRATE_ON_START: envFields.boolean(true),
  RETENTION_EVENTS_DAYS: envFields.positiveInt(90),
  RETENTION_ALERTS_DAYS: envFields.positiveInt(400),
  /** 0 disables the in-process retention job (run `tools/db/retention.ts` from cron instead). */
  RETENTION_INTERVAL_MS: envFields.nonNegativeInt(3_600_000), // 1 h
});

export type AnalyticsSinkEnv = z.infer<typeof analyticsSinkEnvSchema>;

export function loadAnalyticsSinkEnv(env: Record<string, string | undefined>): AnalyticsSinkEnv {
  return loadConfig('analytics-sink', analyticsSinkEnvSchema, env);
}
