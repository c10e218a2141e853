import { z } from 'zod';
import { deploymentModeField } from './deployment-mode';
import { secretField } from './secret-fields';

/** Reusable environment fields with their defaults and units; services compose them into their own schema. */
export const envFields = {
  kafkaBrokers: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port[,host:port…]')).min(1)),
  clickhouseUrl: z.url().default('http://127.0.0.1:8123'),
  /**
   * Empty: one server. Otherwise a cluster of the servers' `remote_servers` (the ClickHouseInstallation's cluster):
   * DDL `ON CLUSTER`, Replicated tables per shard, Distributed tables under the names the services use.
   */
  clickhouseCluster: z
    .string()
    .regex(/^([A-Za-z_][A-Za-z0-9_-]*)?$/, 'a cluster name from remote_servers, or empty for one server')
    .default(''),
  httpPort: (defaultPort: number) => z.coerce.number().int().min(0).max(65_535).default(defaultPort),
  httpHost: z.string().default('127.0.0.1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Durations and sizes are plain integers in the unit their name says (…_MS, …_BYTES). */
  positiveInt: (defaultValue: number) => z.coerce.number().int().positive().default(defaultValue),
  nonNegativeInt: (defaultValue: number) => z.coerce.number().int().min(0).default(defaultValue),
  /** A secret: required outside `VIGIL_ENV=development`, where its published development default is refused. */
  secret: secretField,
  /** `VIGIL_ENV`: development or production (the default). */
  deploymentMode: deploymentModeField,
  boolean: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(defaultValue ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
};

/** Where a service reaches ClickHouse: the fields every ClickHouse user spreads into its schema. */
export const clickhouseConnectionFields = {
  CLICKHOUSE_URL: envFields.clickhouseUrl,
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default('vigil'),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
};

/** The validated values of `clickhouseConnectionFields`. */
export type ClickHouseConnectionEnv = z.infer<z.ZodObject<typeof clickhouseConnectionFields>>;

/** The ClickHouse client's connection from those values; queries name `CLICKHOUSE_DATABASE` themselves. */
export function clickhouseConnection(env: ClickHouseConnectionEnv, requestTimeoutMs?: number) {
  return {
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    requestTimeoutMs,
  };
}
