import { createHash } from 'node:crypto';
import { ClickHouseError, clickHouseErrorCodes } from '../clickhouse.errors';
import type { SqlExecutor } from '../sql-executor';
import { quoteNumber, quoteString } from '../sql-literals';
import { schemaTarget } from './cluster-schema-target';
import type { Migration, MigrationReport, MigrationRunOptions } from './migration.types';
import type { ClusterOptions } from './schema-target';

/** Table recording applied migrations, inside the migrated database. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Checksum of a migration's statements; an applied migration whose checksum changed is refused. Rendered for a
 * placeholder database (and cluster), so it depends only on the migration and on one server vs a cluster.
 */
export function migrationChecksum(migration: Migration, options: ClusterOptions = {}): string {
  const target = schemaTarget('db', { cluster: options.cluster ? 'cluster' : undefined });
  return createHash('sha256').update(migration.statements(target).join(';\n')).digest('hex').slice(0, 16);
}

/**
 * Creates the database if needed and applies, in version order, every migration not yet recorded in
 * `schema_migrations`. Idempotent: a second run applies nothing; a crash mid-migration re-runs that migration's
 * (idempotent) statements next time. With `options.cluster` every statement runs `ON CLUSTER` and the ledger is
 * replicated to every server, so any server answers which migrations ran.
 */
export async function runMigrations(
  executor: SqlExecutor,
  databaseName: string,
  migrations: readonly Migration[],
  options: MigrationRunOptions = {},
): Promise<MigrationReport> {
  assertOrdered(migrations);
  const now = options.now ?? (() => new Date());
  const target = schemaTarget(databaseName, options);
  const { database, onCluster } = target;
  await executor.command(`CREATE DATABASE IF NOT EXISTS ${database}${onCluster}`);
  await executor.command(
    `CREATE TABLE IF NOT EXISTS ${database}.${MIGRATIONS_TABLE}${onCluster} ` +
      '(version UInt32, name String, checksum String, applied_at DateTime) ' +
      `ENGINE = ${target.everywhereEngine(MIGRATIONS_TABLE, 'ReplacingMergeTree')} ORDER BY version`,
  );
  const rows = await executor.query<{ version: number | string; checksum: string }>(
    `SELECT version, checksum FROM ${database}.${MIGRATIONS_TABLE} FINAL`,
  );
  const applied = new Map(rows.map((row) => [Number(row.version), row.checksum]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const checksum = migrationChecksum(migration, options);
    const recorded = applied.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== checksum) {
        throw new ClickHouseError(
          clickHouseErrorCodes.MIGRATION_CHANGED,
          `migration ${migration.version} (${migration.name}) changed after it was applied; add a new migration ` +
            'instead (or the database was migrated with a different cluster setting, which is not converted)',
        );
      }
      report.alreadyApplied += 1;
      continue;
    }
    for (const statement of migration.statements(target)) await runIdempotently(executor, statement);
    await executor.command(
      `INSERT INTO ${database}.${MIGRATIONS_TABLE} (version, name, checksum, applied_at) VALUES ` +
        `(${quoteNumber(migration.version)}, ${quoteString(migration.name)}, ${quoteString(checksum)}, ` +
        `${quoteNumber(Math.floor(now().getTime() / 1000))})`,
    );
    report.applied.push({ version: migration.version, name: migration.name });
  }
  return report;
}

// ClickHouse 18.16 has no `ADD COLUMN IF NOT EXISTS`: an ADD COLUMN re-run after a crash (before the ledger insert)
// finds its column there, which means it was applied (18.16 answers code 44, current releases 15).
const ADD_COLUMN = /^\s*ALTER TABLE\s.*\sADD COLUMN\s/s;
const COLUMN_EXISTS = /already exists/;

async function runIdempotently(executor: SqlExecutor, statement: string): Promise<void> {
  try {
    await executor.command(statement);
  } catch (error) {
    const applied =
      ADD_COLUMN.test(statement) &&
      error instanceof ClickHouseError &&
      (error.serverCode === 44 || error.serverCode === 15) &&
      COLUMN_EXISTS.test(error.message);
    if (!applied) throw error;
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (index > 0 && migration.version <= migrations[index - 1].version) {
      throw new RangeError(`migration versions must strictly increase (at ${migration.version})`);
    }
  });
}
