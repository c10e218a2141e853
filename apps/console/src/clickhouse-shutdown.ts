import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { BacktestStore } from '@vigil/backtest';
import type { SqlExecutor } from '@vigil/clickhouse';
import { BACKTEST_STORE, SQL_EXECUTOR } from './console.constants';

/** Closes the ClickHouse clients once the HTTP server has stopped taking requests. */
@Injectable()
export class ClickHouseShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(SQL_EXECUTOR) private readonly executor: SqlExecutor,
    @Inject(BACKTEST_STORE) private readonly backtestStore: BacktestStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.executor.close();
    await this.backtestStore.executor.close();
  }
}
