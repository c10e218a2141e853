import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  AnalyticsSink,
  HttpTabSeparatedExecutor,
  SubscriberPseudonymizer,
  analyticsMigrations,
} from '@vigil/analytics';
import { type SqlExecutor, answersQueries, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import {
  ALERTS_TOPIC,
  BLOCKLIST_PROPOSALS_TOPIC,
  ENTITY_EVENTS_TOPIC,
  NETWORK_FINDINGS_TOPIC,
} from '@vigil/contracts';
import { kafkaServiceModules } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/observability';
import type { AnalyticsSinkEnv } from './analytics-sink.config';
import { ANALYTICS_SINK, SINK_ENV, SQL_EXECUTOR } from './analytics-sink.constants';
import { AnalyticsSinkController } from './analytics-sink.controller';
import { analyticsSinkMetricsListener } from './analytics-sink.metrics';
import { RetentionScheduler } from './retention.scheduler';

/** Closes the ClickHouse client after the transport has finished its last batch. */
@Injectable()
class ClickHouseShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(ANALYTICS_SINK) private readonly sink: AnalyticsSink,
    @Inject(SQL_EXECUTOR) private readonly executor: SqlExecutor,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sink.drain();
    await this.executor.close();
  }
}

/** Composition root of the analytics sink, built from its validated environment. */
@Module({})
export class AnalyticsSinkModule {
  static forRoot(env: AnalyticsSinkEnv): DynamicModule {
    return {
      module: AnalyticsSinkModule,
      imports: kafkaServiceModules('analytics-sink', env, {
        groupId: env.SINK_GROUP_ID,
        topics: [ENTITY_EVENTS_TOPIC, ALERTS_TOPIC, NETWORK_FINDINGS_TOPIC, BLOCKLIST_PROPOSALS_TOPIC],
        minBytes: env.SINK_FETCH_MIN_BYTES,
        maxWaitTimeMs: env.SINK_FETCH_MAX_WAIT_MS,
        maxBytesPerPartition: env.SINK_MAX_BYTES_PER_PARTITION,
        maxBytesPerFetch: env.SINK_MAX_BYTES_PER_FETCH,
        partitionsConsumedConcurrently: env.SINK_PARTITIONS_CONCURRENTLY,
        retryBackoffMs: env.SINK_RETRY_BACKOFF_MS,
        maxRetryBackoffMs: env.SINK_MAX_RETRY_BACKOFF_MS,
      }),
      controllers: [AnalyticsSinkController],
      providers: [
        { provide: SINK_ENV, useValue: env },
        {
          provide: SQL_EXECUTOR,
          inject: [ReadinessRegistry],
          useFactory: async (readiness: ReadinessRegistry) => {
            const executor = new HttpTabSeparatedExecutor(
              createClickHouseClient(clickhouseConnection(env, env.SINK_INSERT_TIMEOUT_MS)),
            );
            if (env.SINK_MIGRATE_ON_START)
              await runMigrations(executor, env.CLICKHOUSE_DATABASE, analyticsMigrations, {
                cluster: env.CLICKHOUSE_CLUSTER,
              });
            readiness.register('clickhouse', answersQueries(executor));
            return executor;
          },
        },
        {
          provide: ANALYTICS_SINK,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) =>
            new AnalyticsSink(
              {
                executor,
                pseudonyms: new SubscriberPseudonymizer(env.ANALYTICS_PSEUDONYM_SECRET, {
                  cacheSize: env.SINK_PSEUDONYM_CACHE_SIZE,
                }),
                listener: analyticsSinkMetricsListener,
              },
              {
                database: env.CLICKHOUSE_DATABASE,
                maxRowsPerInsert: env.SINK_MAX_ROWS_PER_INSERT,
                lingerMs: env.SINK_LINGER_MS,
                maxConcurrentBatches: env.SINK_PARTITIONS_CONCURRENTLY,
              },
            ),
        },
        ClickHouseShutdown,
        RetentionScheduler,
      ],
    };
  }
}
