import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type InjectionToken,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { BatchConsumer } from './batch-consumer';
import { createBatchConsumer } from './create-batch-consumer';
import { createKafka } from './create-kafka';
import {
  BATCH_CONSUMER,
  COALESCING_PRODUCER,
  KAFKA_CLIENT,
  KAFKA_MODULE_OPTIONS,
  KAFKA_PRODUCER,
  MAIN_KAFKA_TRANSPORT,
  SERVED_CONSUMERS,
} from './kafka.constants';
import { CoalescingProducer } from './coalescing-producer';
import { Murmur2Partitioner } from './murmur2-partitioner';
import type { BatchConsumerOptions, KafkaConnectionOptions } from './kafka-options';

/** A consumer group beside the main one, with its own fetch loop, served by its own transport. */
export interface SeparateConsumerOptions {
  /** The transport its handlers name: `@EventPattern(topic, transport)`. */
  transport: symbol;
  consumer: BatchConsumerOptions;
}

/** A batch consumer and the id of the transport that hands its batches to the `@EventPattern` handlers. */
export interface ServedConsumer {
  transport: symbol;
  consumer: BatchConsumer;
}

export interface KafkaModuleOptions {
  connection: KafkaConnectionOptions;
  /** The service's consumer; its handlers are `@EventPattern(topic)`. Omit for a produce-only service. */
  consumer?: BatchConsumerOptions;
  /**
   * Consumer groups beside `consumer` whose batches must never wait behind its batches (webhook deliveries and
   * their retries beside the alerts): each has its own fetch loop and its own transport.
   */
  separateConsumers?: SeparateConsumerOptions[]; // default none
  /** HMAC key replacing SMS text in dead letters. */
  textHashKey: string;
  /**
   * kafkajs' idempotent producer loses track of sequence numbers under load (the broker answers
   * OutOfOrderSequenceException and the producer stalls in retries), so it is off by default: a retried send may
   * duplicate a record, which consumers drop by its deterministic id.
   */
  idempotentProducer?: boolean; // default false
}

/** Disconnects the producer after the transport finished its last batch (Nest closes transports before this hook). */
@Injectable()
class KafkaShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('KafkaModule');

  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    this.logger.log({ msg: 'producer disconnected' });
  }
}

/** kafkajs client, a connected shared producer, and the batch consumers of a service. */
@Module({})
export class KafkaModule {
  static forRootAsync(options: {
    inject?: (InjectionToken | OptionalFactoryDependency)[];
    useFactory: (...args: never[]) => KafkaModuleOptions;
  }): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_MODULE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: KAFKA_CLIENT,
          inject: [KAFKA_MODULE_OPTIONS],
          useFactory: (moduleOptions: KafkaModuleOptions) =>
            createKafka(moduleOptions.connection, new Logger('kafkajs')),
        },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA_CLIENT, KAFKA_MODULE_OPTIONS],
          useFactory: async (kafka: Kafka, moduleOptions: KafkaModuleOptions) => {
            const idempotent = moduleOptions.idempotentProducer ?? false;
            const producer = kafka.producer({
              idempotent,
              maxInFlightRequests: idempotent ? 1 : undefined,
              createPartitioner: Murmur2Partitioner, // murmur2, same partition as Java clients and kafkajs' default
            });
            await producer.connect();
            return producer;
          },
        },
        {
          provide: COALESCING_PRODUCER,
          inject: [KAFKA_PRODUCER],
          useFactory: (producer: Producer) => new CoalescingProducer(producer),
        },
        {
          provide: SERVED_CONSUMERS,
          inject: [KAFKA_CLIENT, KAFKA_PRODUCER, KAFKA_MODULE_OPTIONS],
          useFactory: (kafka: Kafka, producer: Producer, moduleOptions: KafkaModuleOptions) => {
            const build = (options: BatchConsumerOptions, loggerName: string) =>
              createBatchConsumer(
                { kafka, producer, logger: new Logger(loggerName), textHashKey: moduleOptions.textHashKey },
                options,
              );
            const served: ServedConsumer[] = [];
            if (moduleOptions.consumer)
              served.push({
                transport: MAIN_KAFKA_TRANSPORT,
                consumer: build(moduleOptions.consumer, BatchConsumer.name),
              });
            for (const { transport, consumer } of moduleOptions.separateConsumers ?? [])
              served.push({
                transport,
                consumer: build(consumer, `${BatchConsumer.name}:${consumer.groupId}`),
              });
            return served;
          },
        },
        {
          provide: BATCH_CONSUMER,
          inject: [SERVED_CONSUMERS],
          useFactory: (served: ServedConsumer[]) =>
            served.find(({ transport }) => transport === MAIN_KAFKA_TRANSPORT)?.consumer ?? null,
        },
        KafkaShutdown,
      ],
      exports: [
        KAFKA_CLIENT,
        KAFKA_PRODUCER,
        COALESCING_PRODUCER,
        BATCH_CONSUMER,
        SERVED_CONSUMERS,
        KAFKA_MODULE_OPTIONS,
      ],
    };
  }
}
