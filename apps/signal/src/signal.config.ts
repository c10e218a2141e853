import { z } from 'zod';
import { brokerFields, clickhouseConnectionFields, envFields, loadConfig } from '@vigil/config';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const signalEnvSchema = z.object({
  /** development: published secrets and demo clients accepted; production (the default): not. */
  VIGIL_ENV: envFields.deploymentMode,
  ...brokerFields,
  ...clickhouseConnectionFields,
  CLICKHOUSE_CLUSTER: envFields.clickhouseCluster,
  /** HMAC key of subscriber pseudonyms (the analytics sink's key): the audit stores the number only as its hash. */
  ANALYTICS_PSEUDONYM_SECRET: envFields.secret('vigil-dev-analytics-pseudonym-secret'),
  /** HMAC key signing access tokens (HS256); rotate it to revoke every token at once. */
  SIGNAL_TOKEN_SECRET: envFields.secret('vigil-dev-signal-token-secret'),
  /** Lifetime of an access token: short, so a leaked token is worth little. */
  SIGNAL_TOKEN_TTL_MS: envFields.positiveInt(5 * MINUTE_MS), // 5 min
  /** YAML list of registered clients: id, SHA-256 of the secret, scopes, declared purpose, rate limit. */
  SIGNAL_CLIENTS_FILE: z.string().min(1).default('config/signal/clients.yaml'),
  /** Token requests per client IP per minute: client secrets must not be guessable by volume. */
  SIGNAL_TOKEN_LIMIT_PER_MINUTE: envFields.positiveInt(30),
  /** The number plan (home prefixes): numbers outside the home network are not ours to answer for. */
  INGEST_CONFIG_DIR: z.string().min(1).default('config/ingest'),
  /** Longest wait for the risk topic to be read to its end at start; not ready until then. */
  SIGNAL_CATCH_UP_TIMEOUT_MS: envFields.positiveInt(2 * MINUTE_MS), // 2 min
  /** A call with an unknown number that opened a pattern counts as "recent" for this long after it ended. */
  SIGNAL_UNKNOWN_CALL_RECENT_MS: envFields.positiveInt(30 * MINUTE_MS), // 30 min
  /** Most mule numbers held in memory per standing (approved, undecided); more are left out and counted. */
  SIGNAL_MULE_NUMBERS_MAX: envFields.positiveInt(1_000_000),
  /** A mule proposal nobody decided counts for a payee this long after it was proposed. */
  SIGNAL_UNDECIDED_MULE_MAX_AGE_MS: envFields.positiveInt(30 * DAY_MS), // 30 days
  /** Audit rows are written to ClickHouse at least this often. */
  SIGNAL_AUDIT_FLUSH_MS: envFields.positiveInt(1_000), // 1 s
  /** Checks are refused (503) while this many audit rows wait for ClickHouse: no answer goes unaudited for long. */
  SIGNAL_AUDIT_MAX_PENDING: envFields.positiveInt(50_000),
  /** Applies the analytics migrations at start (the audit table); off where db:migrate runs separately. */
  SIGNAL_MIGRATE: envFields.boolean(true),
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3006),
  LOG_LEVEL: envFields.logLevel,
});

export type SignalEnv = z.infer<typeof signalEnvSchema>;

/** Validates the signal service's environment once, at boot; throws naming every invalid variable or refused secret. */
export function loadSignalEnv(env: Record<string, string | undefined>): SignalEnv {
  return loadConfig('signal', signalEnvSchema, env);
}
