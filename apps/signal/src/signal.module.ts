import { type DynamicModule, Logger, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { SubscriberPseudonymizer } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, type SqlExecutor } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import { topicNames } from '@vigil/contracts';
import { loadIngestConfig } from '@vigil/ingest';
import { createKafka } from '@vigil/kafka';
import { ObservabilityModule } from '@vigil/observability';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AccessTokens } from './auth/access-tokens';
import type { SignalRequest } from './auth/authenticated-client';
import { ClientRegistry } from './auth/client-registry';
import { TokenController } from './auth/token.controller';
import { CheckAuditLifecycle } from './audit/check-audit.lifecycle';
import { CheckAuditLog } from './audit/check-audit.log';
import { ScamSignalController } from './check/scam-signal.controller';
import { ScamSignalService } from './check/scam-signal.service';
import { OpenApiController } from './http/openapi.controller';
import { SignalExceptionFilter } from './http/signal-exception.filter';
import { RiskStateFollower } from './risk/risk-state.follower';
import { RiskStateStore } from './risk/risk-state.store';
import type { SignalEnv } from './signal.config';
import {
  NUMBER_PLAN,
  RISK_TOPIC,
  SIGNAL_ENV,
  SIGNAL_KAFKA,
  SQL_EXECUTOR,
  SUBSCRIBER_PSEUDONYMIZER,
} from './signal.constants';

const MINUTE_MS = 60_000;

/** Composition root of the scam-signal service: risk state from Kafka in memory, audit to ClickHouse, OAuth2. */
@Module({})
export class SignalModule {
  static forRoot(env: SignalEnv): DynamicModule {
    const clients = ClientRegistry.fromFile(env.SIGNAL_CLIENTS_FILE, env.VIGIL_ENV !== 'development');
    const pseudonyms = new SubscriberPseudonymizer(env.ANALYTICS_PSEUDONYM_SECRET);
    return {
      module: SignalModule,
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'signal',
          logLevel: env.LOG_LEVEL,
          unboundRoutes: [{ path: 'scam-signal/v1/check', method: RequestMethod.POST }],
        }),
        ThrottlerModule.forRoot([
          {
            // Per client, at its registered rate: a partner cannot starve the others.
            name: 'check',
            ttl: MINUTE_MS,
            limit: (context) =>
              context.switchToHttp().getRequest<SignalRequest>().signalClient?.rateLimitPerMinute ?? 1,
            getTracker: (request) => (request as SignalRequest).signalClient?.clientId ?? 'anonymous',
            // One route: the client id alone is the key (the default hashes route and tracker for every check).
            generateKey: (_context, tracker) => `check:${tracker}`,
            skipIf: (context) => context.getClass() !== ScamSignalController,
          },
          {
            // Per IP: client secrets must not be guessable by volume.
            name: 'token',
            ttl: MINUTE_MS,
            limit: env.SIGNAL_TOKEN_LIMIT_PER_MINUTE,
            skipIf: (context) => context.getClass() !== TokenController,
          },
        ]),
      ],
      controllers: [TokenController, ScamSignalController, OpenApiController],
      providers: [
        { provide: SIGNAL_ENV, useValue: env },
        { provide: RISK_TOPIC, useValue: topicNames(env.VIGIL_TOPIC_PREFIX).subscriberRisk },
        { provide: ClientRegistry, useValue: clients },
        {
          provide: AccessTokens,
          useValue: new AccessTokens(env.SIGNAL_TOKEN_SECRET, env.SIGNAL_TOKEN_TTL_MS),
        },
        { provide: NUMBER_PLAN, useFactory: () => loadIngestConfig(env.INGEST_CONFIG_DIR).numberPlan },
        { provide: SUBSCRIBER_PSEUDONYMIZER, useValue: pseudonyms },
        {
          provide: SIGNAL_KAFKA,
          useFactory: () =>
            createKafka({ brokers: env.KAFKA_BROKERS, clientId: 'vigil-signal' }, new Logger('kafkajs')),
        },
        {
          provide: SQL_EXECUTOR,
          useFactory: (): SqlExecutor =>
            new HttpSqlExecutor(createClickHouseClient(clickhouseConnection(env))),
        },
        {
          provide: CheckAuditLog,
          inject: [SQL_EXECUTOR],
          useFactory: (executor: SqlExecutor) =>
            new CheckAuditLog(executor, CheckAuditLog.tableIn(env.CLICKHOUSE_DATABASE), pseudonyms, {
              flushIntervalMs: env.SIGNAL_AUDIT_FLUSH_MS,
              maxPending: env.SIGNAL_AUDIT_MAX_PENDING,
            }),
        },
        RiskStateStore,
        RiskStateFollower,
        CheckAuditLifecycle,
        AccessTokenGuard,
        ScamSignalService,
        { provide: APP_FILTER, useClass: SignalExceptionFilter },
      ],
    };
  }
}
