import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { analyticsMigrations } from '@vigil/analytics';
import { runMigrations, type SqlExecutor } from '@vigil/clickhouse';
import { ReadinessRegistry } from '@vigil/observability';
import { SIGNAL_ENV, SQL_EXECUTOR } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { CheckAuditLog } from './check-audit.log';

/**
 * Migrates the analytics schema (its audit table) at start, runs the audit's flush timer, and at shutdown writes what
 * is pending before the ClickHouse client closes (Nest calls this after the HTTP server stopped taking checks).
 */
@Injectable()
export class CheckAuditLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckAuditLifecycle.name);

  constructor(
    @Inject(CheckAuditLog) private readonly audit: CheckAuditLog,
    @Inject(SQL_EXECUTOR) private readonly executor: SqlExecutor,
    @Inject(SIGNAL_ENV) private readonly env: SignalEnv,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SIGNAL_MIGRATE) {
      const report = await runMigrations(this.executor, this.env.CLICKHOUSE_DATABASE, analyticsMigrations, {
        cluster: this.env.CLICKHOUSE_CLUSTER,
      });
      if (report.applied.length > 0)
        this.logger.log({ msg: 'analytics schema migrated', applied: report.applied });
    }
    this.readiness.register('audit', () => this.audit.healthy);
    this.audit.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.audit.close();
    await this.executor.close();
  }
}
