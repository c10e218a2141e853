import { z } from 'zod';
import { brokerFields, clickhouseConnectionFields, envFields, loadConfig } from '@vigil/config';

const MINUTE_MS = 60_000;

const consoleEnvSchema = z.object({
  /** development: published secrets and demo keys accepted, cookies without `Secure`; production (the default): not. */
  VIGIL_ENV: envFields.deploymentMode,
  ...brokerFields,
  ...clickhouseConnectionFields,
  /** Dashboard queries give up after this long: a slow query must not hold a request forever. */
  CLICKHOUSE_QUERY_TIMEOUT_MS: envFields.positiveInt(15_000),
  /** HMAC key of subscriber pseudonyms: the analytics sink's key, so a typed number finds its rows. */
  ANALYTICS_PSEUDONYM_SECRET: envFields.secret('vigil-dev-analytics-pseudonym-secret'),
  /** HMAC key signing session tokens; rotate it to sign everyone out. */
  CONSOLE_SESSION_SECRET: envFields.secret('vigil-dev-console-session-secret'),
  CONSOLE_SESSION_TTL_MS: envFields.positiveInt(8 * 60 * MINUTE_MS), // 8 h: one analyst shift
  /** YAML list of API keys as SHA-256 hashes with a name and a role. */
  CONSOLE_API_KEYS_FILE: z.string().min(1).default('config/console/api-keys.yaml'),
  /**
   * Marks the session cookie `Secure` and sends HSTS. Unset: on, except in development (http://localhost). Turn it
   * off outside development only behind a proxy that terminates TLS and strips nothing.
   */
  CONSOLE_SECURE_COOKIE: z.enum(['true', 'false', '1', '0']).optional(),
  /** Requests per client IP per minute over the whole API (one budget); sign-in has its own, much lower limit. */
  CONSOLE_RATE_LIMIT_PER_MINUTE: envFields.positiveInt(600),
  CONSOLE_SIGN_IN_LIMIT_PER_MINUTE: envFields.positiveInt(10),
  /** Subscriber lookups by number per user per minute (analysts only): with the masked form, see README arithmetic. */
  CONSOLE_LOOKUP_LIMIT_PER_MINUTE: envFields.positiveInt(20),
  /** The bundled web UI (`npx tsx apps/console/web/build.ts`). */
  CONSOLE_WEB_DIR: z.string().min(1).default('dist/apps/console/web'),
  /** The alert router's HTTP base URL: the live feed relays its `GET /alerts/stream`. */
  ALERT_ROUTER_URL: z.url().default('http://127.0.0.1:3003'),
  /** The router's feed token (the router's own `ALERT_FEED_TOKEN`): its feed carries full numbers. */
  ALERT_FEED_TOKEN: envFields.secret('vigil-dev-alert-feed-token'),
  /** Wait before reconnecting to the router's feed; doubles up to 30 s. */
  FEED_RECONNECT_MS: envFields.positiveInt(1_000),
  /** Consumer groups whose lag the pipeline page shows: the same variables the services read. */
  INGEST_GROUP_ID: z.string().min(1).default('vigil-ingest'),
  CORRELATOR_GROUP_ID: z.string().min(1).default('vigil-correlator'),
  ALERT_ROUTER_GROUP_ID: z.string().min(1).default('vigil-alert-router'),
  SINK_GROUP_ID: z.string().min(1).default('vigil-analytics-sink'),
  /** Days an approved block-list entry lasts unless the analyst sets `expiresInDays` (1..365). */
  BLOCKLIST_EXPIRY_DAYS: envFields.positiveInt(30),
  /** Rule files in force until a version is published (the correlator's fallback). */
  RULES_DIR: z.string().min(1).default('rules'),
  HTTP_HOST: envFields.httpHost,
  HTTP_PORT: envFields.httpPort(3005),
  LOG_LEVEL: envFields.logLevel,
});

/** The console's validated environment; `CONSOLE_SECURE_COOKIE` resolved against the deployment mode. */
export type ConsoleEnv = Omit<z.infer<typeof consoleEnvSchema>, 'CONSOLE_SECURE_COOKIE'> & {
  CONSOLE_SECURE_COOKIE: boolean;
};

/** Validates the console's environment once, at boot; throws naming every invalid variable or refused secret. */
export function loadConsoleEnv(env: Record<string, string | undefined>): ConsoleEnv {
  const parsed = loadConfig('console', consoleEnvSchema, env);
  const secure = parsed.CONSOLE_SECURE_COOKIE;
  return {
    ...parsed,
    CONSOLE_SECURE_COOKIE:
      secure === undefined ? parsed.VIGIL_ENV !== 'development' : secure === 'true' || secure === '1',
  };
}
