import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { applyAnalyticsRetention } from '@vigil/analytics';
import type { SqlExecutor } from '@vigil/clickhouse';
import type { AnalyticsSinkEnv } from './analytics-sink.config';
import { SINK_ENV, SQL_EXECUTOR } from './analytics-sink.constants';

/** Drops expired partitions on a fixed interval (ClickHouse 18.16 has no TTL). Idempotent, so every replica may run it. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SQL_EXECUTOR) private readonly executor: SqlExecutor,
    @Inject(SINK_ENV) private readonly env: AnalyticsSinkEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.RETENTION_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.run(), this.env.RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One retention pass; failures are logged and retried at the next interval. */
  async run(): Promise<void> {
    try {
      const dropped = await applyAnalyticsRetention(
        this.executor,
        this.env.CLICKHOUSE_DATABASE,
        {
          events: this.env.RETENTION_EVENTS_DAYS,
          alerts: this.env.RETENTION_ALERTS_DAYS,
        },
        new Date(),
        { cluster: this.env.CLICKHOUSE_CLUSTER },
      );
      if (dropped.length > 0) this.logger.log({ msg: 'expired partitions dropped', dropped });
    } catch (error) {
      this.logger.warn({
        msg: 'retention pass failed; retrying next interval',
        error: (error as Error).message,
      });
    }
  }
}
