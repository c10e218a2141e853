import { Controller, type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { ObservabilityModule } from '@vigil/observability';
import { testKafka, TestTopics } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { freePort } from '../../../tools/support/service-process';
import { bootstrapKafkaService } from './bootstrap-kafka-service';
import { RetriableBatchError } from './kafka.errors';
import { KafkaModule, type KafkaModuleOptions } from './kafka.module';
import type { PartitionBatch } from './partition-batch';

const IN_TOPIC = 'in';
const SIDE_TOPIC = 'side';
const SIDE_TRANSPORT = Symbol('SIDE_TRANSPORT');

/** Main and separate consumer side by side: the side handler holds its batch until released. */
@Controller()
class TwoConsumersController {
  static readonly main: string[] = [];
  static readonly side: { topic: string; value: string }[] = [];
  static releaseSide: () => void = () => undefined;
  static readonly sideHeld = new Promise<void>((resolve) => (TwoConsumersController.releaseSide = resolve));

  @EventPattern(IN_TOPIC)
  async onMain(@Payload() batch: PartitionBatch): Promise<void> {
    for (const record of batch.records) TwoConsumersController.main.push(record.value!.toString('utf8'));
  }

  @EventPattern(SIDE_TOPIC, SIDE_TRANSPORT)
  async onSide(@Payload() batch: PartitionBatch): Promise<void> {
    for (const record of batch.records)
      TwoConsumersController.side.push({ topic: batch.topic, value: record.value!.toString('utf8') });
    await TwoConsumersController.sideHeld;
  }
}

/** Fails its first batch with a retriable error, then records what it is handed. */
@Controller()
class FlakyController {
  static failuresLeft = 1;
  static readonly seen: string[] = [];

  @EventPattern(IN_TOPIC)
  async onBatch(@Payload() batch: PartitionBatch): Promise<void> {
    if (FlakyController.failuresLeft > 0) {
      FlakyController.failuresLeft -= 1;
      throw new RetriableBatchError('dependency down');
    }
    for (const record of batch.records) FlakyController.seen.push(record.value!.toString('utf8'));
  }
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A service module of `controller` over the given consumers, as a service's composition root builds one. */
function serviceModule(
  controller: Type,
  consumers: Pick<KafkaModuleOptions, 'consumer' | 'separateConsumers'>,
): DynamicModule {
  @Module({})
  class TestServiceModule {}
  return {
    module: TestServiceModule,
    imports: [
      ObservabilityModule.forRoot({ serviceName: 'bootstrap-test', logLevel: 'silent' }),
      KafkaModule.forRootAsync({
        useFactory: () => ({
          connection: {
            brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
            clientId: uniqueTestName('c'),
          },
          textHashKey: 'test-key',
          ...consumers,
        }),
      }),
    ],
    controllers: [controller],
  };
}

describe(bootstrapKafkaService.name, () => {
  let kafka: Kafka;
  let topics: TestTopics;
  let admin: Admin;
  let producer: Producer;
  let app: INestApplication | undefined;
  // The service reads `prefix + IN_TOPIC`, a name TestTopics cannot give: this topic is made and removed here.
  const prefix = `${uniqueTestName('bootstrap').replace(/_/g, '-')}.`;

  beforeEach(async () => {
    kafka = testKafka();
    topics = new TestTopics(kafka);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: prefix + IN_TOPIC, numPartitions: 1 }],
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await app?.close();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [prefix + IN_TOPIC] });
    await admin.disconnect();
    await topics.deleteAll();
  });

  it('hands a retriable handler error to the consumer as it is: the batch is redelivered, not dead-lettered', async () => {
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    const module = serviceModule(FlakyController, {
      consumer: {
        groupId: uniqueTestName('group'),
        topics: [IN_TOPIC],
        topicPrefix: prefix,
        serviceName: 'bootstrap-test',
        deadLetterTopic: dlq,
        retryBackoffMs: 50,
        maxRetryBackoffMs: 200,
      },
    });

    await producer.send({ topic: prefix + IN_TOPIC, messages: [{ value: 'a' }, { value: 'b' }] });
    app = await bootstrapKafkaService({
      module,
      httpHost: '127.0.0.1',
      httpPort: await freePort(),
    });
    await waitFor(() => FlakyController.seen.length >= 2);

    expect(FlakyController.failuresLeft).toBe(0);
    expect(FlakyController.seen).toEqual(['a', 'b']);
    const deadLetters = await admin.fetchTopicOffsets(dlq);
    expect(deadLetters.every((partition) => partition.high === '0')).toBe(true);
  }, 60_000);

  it('serves a separate consumer through its own transport and fetch loop, under its logical topic name', async () => {
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    const sideTopic = await topics.create('side-physical', { numPartitions: 1 });
    const sideGroup = uniqueTestName('side');
    const consumerOptions = {
      serviceName: 'bootstrap-test',
      deadLetterTopic: dlq,
      retryBackoffMs: 50,
      maxRetryBackoffMs: 200,
    };
    const module = serviceModule(TwoConsumersController, {
      consumer: {
        ...consumerOptions,
        groupId: uniqueTestName('main'),
        topics: [IN_TOPIC],
        topicPrefix: prefix,
      },
      separateConsumers: [
        {
          transport: SIDE_TRANSPORT,
          consumer: {
            ...consumerOptions,
            groupId: sideGroup,
            topics: [SIDE_TOPIC],
            topicOverrides: { [SIDE_TOPIC]: sideTopic },
          },
        },
      ],
    });

    await producer.send({ topic: sideTopic, messages: [{ value: 's1' }] });
    app = await bootstrapKafkaService({
      module,
      httpHost: '127.0.0.1',
      httpPort: await freePort(),
    });
    await waitFor(() => TwoConsumersController.side.length === 1);
    // The side handler still holds its batch: the main consumer does not wait behind it.
    await producer.send({ topic: prefix + IN_TOPIC, messages: [{ value: 'm1' }, { value: 'm2' }] });
    await waitFor(() => TwoConsumersController.main.length === 2);
    TwoConsumersController.releaseSide();
    await waitFor(() => committed(sideGroup, sideTopic).then((offset) => offset === '1'), 20_000);

    expect(TwoConsumersController.main).toEqual(['m1', 'm2']);
    expect(TwoConsumersController.side).toEqual([{ topic: SIDE_TOPIC, value: 's1' }]);
  }, 60_000);

  async function committed(groupId: string, topic: string): Promise<string | undefined> {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets.partitions[0]?.offset;
  }
});
