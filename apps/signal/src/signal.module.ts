import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SubscriberPseudonymizer } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, type SqlExecutor } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import { topicNames } from '@vigil/contracts';
import { loadIngestConfig } from '@vigil/ingest';
import { createKafka } from '@vigil/kafka';
import { ObservabilityModule } from '@vigil/observability';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AccessTokens } from './auth/access-tokens';
import { ClientRegistry } from './auth/client-registry';
import { TokenController } from './auth/token.controller';
import { CheckAuditLifecycle } from './audit/check-audit.lifecycle';
import { CheckAuditLog } from './audit/check-audit.log';
import { ScamSignalController } from './check/scam-signal.controller';
import { ScamSignalService } from './check/scam-signal.service';
import { OpenApiController } from './http/openapi.controller';
import { ClientRateGuard, TokenRateGuard } from './http/rate-limit.guards';
import { SignalExceptionFilter } from './http/signal-exception.filter';
import { MuleNumbersFollower } from './payee/mule-numbers.follower';
import { MuleNumbersStore } from './payee/mule-numbers.store';
import { RiskStateFollower } from './risk/risk-state.follower';
import { RiskStateStore } from './risk/risk-state.store';
import type { SignalEnv } from './signal.config';
import {
  MULE_TOPICS,
  NUMBER_PLAN,
  RISK_TOPIC,
  SIGNAL_ENV,
  SIGNAL_KAFKA,
  SQL_EXECUTOR,
  SUBSCRIBER_PSEUDONYMIZER,
} from './signal.constants';

/** Composition root of the scam-signal service: risk state from Kafka in memory, audit to ClickHouse, OAuth2. */
@Module({})
export class SignalModule {
  static forRoot(env: SignalEnv): DynamicModule {
    const clients = ClientRegistry.fromFile(env.SIGNAL_CLIENTS_FILE, env.VIGIL_ENV !== 'development');
    const pseudonyms = new SubscriberPseudonymizer(env.ANALYTICS_PSEUDONYM_SECRET);
    const topics = topicNames(env.VIGIL_TOPIC_PREFIX);
    return {
      module: SignalModule,
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'signal',
          logLevel: env.LOG_LEVEL,
          unboundRoutes: 'all',
        }),
      ],
      controllers: [TokenController, ScamSignalController, OpenApiController],
      providers: [
        { provide: SIGNAL_ENV, useValue: env },
        { provide: RISK_TOPIC, useValue: topics.subscriberRisk },
        {
          provide: MULE_TOPICS,
          useValue: { blocklist: topics.blocklist, proposals: topics.blocklistProposals },
        },
        {
          provide: MuleNumbersStore,
          useValue: new MuleNumbersStore({
            maxNumbers: env.SIGNAL_MULE_NUMBERS_MAX,
            undecidedMaxAgeMs: env.SIGNAL_UNDECIDED_MULE_MAX_AGE_MS,
          }),
        },
        MuleNumbersFollower,
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
        ClientRateGuard,
        TokenRateGuard,
        ScamSignalService,
        { provide: APP_FILTER, useClass: SignalExceptionFilter },
      ],
    };
  }
}
