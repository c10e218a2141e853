import { type DynamicModule, Module } from '@nestjs/common';
import { ENTITY_EVENTS_TOPIC, INPUT_TOPICS, SMS_TOPIC, topicNames } from '@vigil/contracts';
import { IngestProcessor, SourceProgress, loadIngestConfig } from '@vigil/ingest';
import {
  BATCH_CONSUMER,
  type BatchConsumer,
  COALESCING_PRODUCER,
  type CoalescingProducer,
  KAFKA_CLIENT,
  kafkaServiceModules,
  PartitionOffsets,
  type Kafka,
} from '@vigil/kafka';
import { batchConsumerSettings } from '@vigil/config';
import type { IngestEnv } from './ingest.config';
import { INGEST_ENV, INGEST_PROCESSOR, SOURCE_PROGRESS, TOPICS } from './ingest.constants';
import { IngestController } from './ingest.controller';
import { IngestLifecycle } from './ingest-lifecycle';
import { SourceWatermarkEmitter } from './source-watermark.emitter';

/** Composition root of the ingest service, built from its validated environment. */
@Module({})
export class IngestModule {
  static forRoot(env: IngestEnv): DynamicModule {
    const topics = topicNames(env.VIGIL_TOPIC_PREFIX);
    return {
      module: IngestModule,
      imports: kafkaServiceModules('ingest', env, {
        groupId: env.INGEST_GROUP_ID,
        topics: [...INPUT_TOPICS],
        textBearingTopics: [SMS_TOPIC],
        ...batchConsumerSettings(env),
      }),
      controllers: [IngestController],
      providers: [
        { provide: INGEST_ENV, useValue: env },
        { provide: TOPICS, useValue: topics },
        {
          provide: SOURCE_PROGRESS,
          useFactory: () =>
            new SourceProgress({
              idleTimeoutMs: env.IDLE_TIMEOUT_MS,
              maxDriftMs: env.ALIGNMENT_MAX_DRIFT_MS,
            }),
        },
        {
          provide: SourceWatermarkEmitter,
          inject: [SOURCE_PROGRESS, COALESCING_PRODUCER, BATCH_CONSUMER, KAFKA_CLIENT],
          useFactory: (
            progress: SourceProgress,
            producer: CoalescingProducer,
            consumer: BatchConsumer,
            kafka: Kafka,
          ) =>
            SourceWatermarkEmitter.following(
              progress,
              producer,
              consumer,
              new PartitionOffsets(kafka, env.VIGIL_TOPIC_PREFIX),
              {
                groupId: env.INGEST_GROUP_ID,
                entityEventsLogical: ENTITY_EVENTS_TOPIC,
                entityEvents: topics.entityEvents,
              },
              {
                intervalMs: env.WATERMARK_INTERVAL_MS,
                idleIntervalMs: env.IDLE_WATERMARK_INTERVAL_MS,
                endOffsetsPollMs: 1_000,
              },
            ),
        },
        IngestLifecycle,
        {
          provide: INGEST_PROCESSOR,
          useFactory: () =>
            new IngestProcessor({
              config: loadIngestConfig(env.INGEST_CONFIG_DIR),
              maxClockSkewMs: env.MAX_CLOCK_SKEW_MS,
              duplicateWindowMs: env.DUPLICATE_WINDOW_MS,
              duplicateMaxEntries: env.DUPLICATE_MAX_ENTRIES,
            }),
        },
      ],
    };
  }
}
