import type { DynamicModule } from '@nestjs/common';
import { topicNames } from '@vigil/contracts';
import { ObservabilityModule } from '@vigil/observability';
import type { BatchConsumerOptions } from './kafka-options';
import { KafkaModule } from './kafka.module';

/** What a consuming service's environment says about the broker and its logs (the fields of `kafkaServiceEnvSchema`). */
export interface KafkaServiceEnv {
  KAFKA_BROKERS: string[];
  VIGIL_TOPIC_PREFIX: string;
  /** HMAC key replacing SMS text in dead letters. */
  DLQ_TEXT_HASH_KEY: string;
  LOG_LEVEL: string;
}

/** A service's consumer without what its environment and name already say (topic prefix, dead-letter topic, name). */
export type ServiceConsumerOptions = Omit<
  BatchConsumerOptions,
  'serviceName' | 'topicPrefix' | 'deadLetterTopic'
>;

/** A consumer group of the service beside its main one, with a fetch loop and transport of its own. */
export interface ServiceSeparateConsumer {
  /** The transport its handlers name: `@EventPattern(topic, transport)`. */
  transport: symbol;
  consumer: ServiceConsumerOptions;
}

/**
 * The modules every consuming service starts from: its logs, metrics and health (`ObservabilityModule`) and its
 * broker (`KafkaModule`) with client id `vigil-<serviceName>`, one consumer (and any `separateConsumers`) reading
 * the prefixed topics and dead-lettering into the prefixed dead-letter topic under the service's name.
 */
export function kafkaServiceModules(
  serviceName: string,
  env: KafkaServiceEnv,
  consumer: ServiceConsumerOptions,
  separateConsumers: readonly ServiceSeparateConsumer[] = [],
): DynamicModule[] {
  const ofService = (options: ServiceConsumerOptions): BatchConsumerOptions => ({
    ...options,
    topicPrefix: env.VIGIL_TOPIC_PREFIX,
    serviceName,
    deadLetterTopic: topicNames(env.VIGIL_TOPIC_PREFIX).dlq,
  });
  return [
    ObservabilityModule.forRoot({ serviceName, logLevel: env.LOG_LEVEL }),
    KafkaModule.forRootAsync({
      useFactory: () => ({
        connection: { brokers: env.KAFKA_BROKERS, clientId: `vigil-${serviceName}` },
        textHashKey: env.DLQ_TEXT_HASH_KEY,
        consumer: ofService(consumer),
        separateConsumers: separateConsumers.map((separate) => ({
          transport: separate.transport,
          consumer: ofService(separate.consumer),
        })),
      }),
    }),
  ];
}
