import { z } from 'zod';
import { clickhouseConnectionFields, envFields, loadConfig } from '@vigil/config';

const rulesEnvSchema = z.object({
  ...clickhouseConnectionFields,
  // The back-test reads the names services read, which on a cluster are the Distributed tables: nothing else changes.
  CLICKHOUSE_CLUSTER: envFields.clickhouseCluster,
  VIGIL_TOPIC_PREFIX: z.string().default(''),
});

/** The environment of `npm run rules`: where rule history and stored events live, which topics to use. */
export type RulesEnv = z.infer<typeof rulesEnvSchema>;

export function loadRulesEnv(env: Record<string, string | undefined>): RulesEnv {
  return loadConfig('rules', rulesEnvSchema, env);
}
