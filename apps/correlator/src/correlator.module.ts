import { type DynamicModule, Module } from '@nestjs/common';
import { ENTITY_EVENTS_TOPIC, topicNames } from '@vigil/contracts';
import {
  BATCH_CONSUMER,
  type BatchConsumer,
  COALESCING_PRODUCER,
  type CoalescingProducer,
  KAFKA_CLIENT,
  type Kafka,
  kafkaServiceModules,
  PartitionChangelog,
} from '@vigil/kafka';
import { batchConsumerSettings } from '@vigil/config';
import { correlatorChangelogTable } from './correlator-changelog';
import type { CorrelatorEnv } from './correlator.config';
import { CORRELATOR_ENV } from './correlator.constants';
import { CorrelatorController } from './correlator.controller';
import { CorrelatorLifecycle } from './correlator-lifecycle';
import { PartitionRegistry } from './partition-registry';
import { RulesFeed } from './rules-feed';
import { StatePublisher } from './state-publisher';
import { SubscriberRiskWriter } from './subscriber-risk-publication';

/** Composition root of the correlator service, built from its validated environment. */
@Module({})
export class CorrelatorModule {
  static forRoot(env: CorrelatorEnv): DynamicModule {
    const topics = topicNames(env.VIGIL_TOPIC_PREFIX);
    return {
      module: CorrelatorModule,
      imports: kafkaServiceModules('correlator', env, {
        groupId: env.CORRELATOR_GROUP_ID,
        topics: [ENTITY_EVENTS_TOPIC],
        ...batchConsumerSettings(env),
      }),
      controllers: [CorrelatorController],
      providers: [
        { provide: CORRELATOR_ENV, useValue: env },
        {
          provide: RulesFeed,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => new RulesFeed(kafka, topics.rules, env.RULES_DIR),
        },
        {
          provide: PartitionRegistry,
          inject: [KAFKA_CLIENT, COALESCING_PRODUCER, BATCH_CONSUMER, RulesFeed],
          useFactory: (
            kafka: Kafka,
            producer: CoalescingProducer,
            consumer: BatchConsumer,
            rules: RulesFeed,
          ) => {
            const changelog = new PartitionChangelog(kafka, producer, {
              topic: topics.correlatorState,
              restoreGroupPrefix: 'vigil-correlator-restore',
              table: correlatorChangelogTable,
              // A large changelog may take minutes to read; the partition stays owned meanwhile (keepAlive).
              restoreTimeoutMs: Infinity,
              maxBytesPerPartition: 10_485_760, // 10 MiB
            });
            return PartitionRegistry.following(
              consumer,
              changelog,
              new StatePublisher(producer, topics.alerts, changelog),
              rules,
              {
                allowedLatenessMs: env.ALLOWED_LATENESS_MS,
                firstContactWindowMs: env.FIRST_CONTACT_WINDOW_MS,
                maxContactsPerEntity: env.MAX_CONTACTS_PER_ENTITY,
              },
              env.CHANGELOG_INTERVAL_MS,
              new SubscriberRiskWriter(producer, topics.subscriberRisk),
            );
          },
        },
        CorrelatorLifecycle,
      ],
    };
  }
}
