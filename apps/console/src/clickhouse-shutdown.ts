import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlExecutor } from '@vigil/clickhouse';
import { SQL_EXECUTOR } from './console.constants';

/** Closes the ClickHouse client once the HTTP server has stopped taking requests. */
@Injectable()
export class ClickHouseShutdown implements OnApplicationShutdown {
  constructor(@Inject(SQL_EXECUTOR) private readonly executor: SqlExecutor) {}

  async onApplicationShutdown(): Promise<void> {
    await this.executor.close();
  }
}
