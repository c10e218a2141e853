import type { ClickHouseClient } from '@clickhouse/client';
import { RuleHistoryRepository } from '@vigil/analytics';
import type { BacktestStore } from '@vigil/backtest';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import type { RulesEnv } from './rules-env';

/** The CLI's ClickHouse side, connected on first use (validate and diff never touch it). */
export class RulesStore {
  private client?: ClickHouseClient;
  private executor?: HttpSqlExecutor;

  constructor(private readonly env: RulesEnv) {}

  history(): RuleHistoryRepository {
    return new RuleHistoryRepository(this.connect().executor, this.env.CLICKHOUSE_DATABASE);
  }

  backtestStore(): BacktestStore {
    const { client, executor } = this.connect();
    return { client, executor, database: this.env.CLICKHOUSE_DATABASE };
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  private connect(): { client: ClickHouseClient; executor: HttpSqlExecutor } {
    // A slice of a busy day sorts for a while on a small server: 10 min.
    this.client ??= createClickHouseClient(clickhouseConnection(this.env, 600_000));
    this.executor ??= new HttpSqlExecutor(this.client);
    return { client: this.client, executor: this.executor };
  }
}
