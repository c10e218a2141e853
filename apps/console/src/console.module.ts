import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import {
  AlertFeedbackRepository,
  BlocklistDecisionRepository,
  DashboardQueries,
  RuleHistoryRepository,
  SubscriberPseudonymizer,
} from '@vigil/analytics';
import type { BacktestStore } from '@vigil/backtest';
import { HttpSqlExecutor, type SqlExecutor, answersQueries, createClickHouseClient } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import { createKafka } from '@vigil/kafka';
import { ObservabilityModule, ReadinessRegistry } from '@vigil/observability';
import { AlertFeedController } from './api/alert-feed.controller';
import { AlertsController } from './api/alerts.controller';
import { NetworksController } from './api/networks.controller';
import { ChartsController } from './api/charts.controller';
import { PipelineController } from './api/pipeline.controller';
import { RulesController } from './api/rules.controller';
import { SubscriberLookupAudit } from './api/subscriber-lookup.audit';
import { SubscribersController } from './api/subscribers.controller';
import { ApiKeyRegistry } from './auth/api-key-registry';
import { AuthController } from './auth/auth.controller';
import { budgetKey, isSubscriberLookup, lookupTracker } from './auth/request-budgets';
import { SessionGuard } from './auth/session.guard';
import { SessionTokens } from './auth/session-tokens';
import type { ConsoleEnv } from './console.config';
import {
  API_KEY_REGISTRY,
  BACKTEST_STORE,
  BLOCKLIST_DECISION_REPOSITORY,
  BLOCKLIST_DECISIONS,
  CONSOLE_ENV,
  CONSOLE_KAFKA,
  DASHBOARD_QUERIES,
  FEEDBACK_REPOSITORY,
  RULE_HISTORY,
  SESSION_TOKENS,
  SQL_EXECUTOR,
  SUBSCRIBER_PSEUDONYMIZER,
} from './console.constants';
import { ClickHouseShutdown } from './clickhouse-shutdown';
import { RouterFeedRelay } from './feed/router-feed.relay';
import { ConsoleExceptionFilter } from './http/console-exception.filter';
import { MsisdnMaskingInterceptor } from './http/msisdn-masking.interceptor';
import { BlocklistDecisionsService } from './networks/blocklist-decisions.service';
import { BlocklistTopicsService } from './networks/blocklist-topics.service';
import { isOpsRoute } from './http/ops-routes';
import { PipelineHealthService } from './pipeline/pipeline-health.service';
import { BacktestJobsService } from './rules/backtest-jobs.service';
import { RuleCatalogService } from './rules/rule-catalog.service';

const MINUTE_MS = 60_000;
const BACKTEST_QUERY_TIMEOUT_MS = 10 * MINUTE_MS; // one hour's slice of a busy day sorts for a while

/** Composition root of the console: an HTTP-only app over the analytics store, Kafka admin and the router's feed. */
@Module({})
export class ConsoleModule {
  static forRoot(env: ConsoleEnv): DynamicModule {
    const sessionTokens = new SessionTokens(env.CONSOLE_SESSION_SECRET, env.CONSOLE_SESSION_TTL_MS);
    const pseudonyms = new SubscriberPseudonymizer(env.ANALYTICS_PSEUDONYM_SECRET);
    return {
      module: ConsoleModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'console', logLevel: env.LOG_LEVEL }),
        ThrottlerModule.forRoot([
          {
            name: 'api',
            ttl: MINUTE_MS,
            limit: env.CONSOLE_RATE_LIMIT_PER_MINUTE,
            skipIf: isOpsRoute,
            generateKey: budgetKey,
          },
          {
            // A viewer could otherwise de-mask a number by trying every completion of its masked form.
            name: 'lookup',
            ttl: MINUTE_MS,
            limit: env.CONSOLE_LOOKUP_LIMIT_PER_MINUTE,
            skipIf: (context) => !isSubscriberLookup(context),
            getTracker: lookupTracker(sessionTokens),
            generateKey: budgetKey,
          },
          {
            // API keys must not be guessable by volume: sign-in gets its own, much lower budget.
            name: 'sign-in',
            ttl: MINUTE_MS,
            limit: env.CONSOLE_SIGN_IN_LIMIT_PER_MINUTE,
            skipIf: (context) =>
              context.getClass() !== AuthController || context.getHandler().name !== 'signIn',
            generateKey: budgetKey,
          },
        ]),
      ],
      controllers: [
        AuthController,
        AlertFeedController,
        AlertsController,
        SubscribersController,
        ChartsController,
        PipelineController,
        RulesController,
        NetworksController,
      ],
      providers: [
        { provide: CONSOLE_ENV, useValue: env },
        {
          provide: SQL_EXECUTOR,
          inject: [ReadinessRegistry],
          useFactory: (readiness: ReadinessRegistry): SqlExecutor => {
            const executor = new HttpSqlExecutor(
              createClickHouseClient(clickhouseConnection(env, env.CLICKHOUSE_QUERY_TIMEOUT_MS)),
            );
            readiness.register('clickhouse', answersQueries(executor));
            return executor;
          },
        },
        {
          provide: DASHBOARD_QUERIES,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) =>
            new DashboardQueries(executor, env.CLICKHOUSE_DATABASE, pseudonyms),
        },
        {
          provide: FEEDBACK_REPOSITORY,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) =>
            new AlertFeedbackRepository(executor, env.CLICKHOUSE_DATABASE),
        },
        {
          provide: RULE_HISTORY,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) => new RuleHistoryRepository(executor, env.CLICKHOUSE_DATABASE),
        },
        {
          // Back-tests stream a range of stored events for minutes: their own client, without the dashboards' timeout.
          provide: BACKTEST_STORE,
          useFactory: (): BacktestStore => {
            const client = createClickHouseClient(clickhouseConnection(env, BACKTEST_QUERY_TIMEOUT_MS));
            return { client, executor: new HttpSqlExecutor(client), database: env.CLICKHOUSE_DATABASE };
          },
        },
        {
          provide: API_KEY_REGISTRY,
          useFactory: () =>
            ApiKeyRegistry.fromFile(env.CONSOLE_API_KEYS_FILE, env.VIGIL_ENV !== 'development'),
        },
        { provide: SESSION_TOKENS, useValue: sessionTokens },
        { provide: SUBSCRIBER_PSEUDONYMIZER, useValue: pseudonyms },
        SubscriberLookupAudit,
        {
          provide: CONSOLE_KAFKA,
          useFactory: () =>
            createKafka({ brokers: env.KAFKA_BROKERS, clientId: 'vigil-console' }, new Logger('kafkajs')),
        },
        {
          provide: BLOCKLIST_DECISION_REPOSITORY,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) =>
            new BlocklistDecisionRepository(executor, env.CLICKHOUSE_DATABASE, pseudonyms),
        },
        BlocklistTopicsService,
        {
          provide: BLOCKLIST_DECISIONS,
          inject: [BlocklistTopicsService, BLOCKLIST_DECISION_REPOSITORY],
          useFactory: (topics: BlocklistTopicsService, audit: BlocklistDecisionRepository) =>
            new BlocklistDecisionsService(topics, audit, topics),
        },
        RouterFeedRelay,
        PipelineHealthService,
        RuleCatalogService,
        BacktestJobsService,
        ClickHouseShutdown,
        // Order matters: rate limits count every attempt, including unauthenticated ones.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_INTERCEPTOR, useClass: MsisdnMaskingInterceptor },
        { provide: APP_FILTER, useClass: ConsoleExceptionFilter },
      ],
    };
  }
}
