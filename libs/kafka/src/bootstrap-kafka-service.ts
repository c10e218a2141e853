import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions, NestMicroservice } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { ReadinessRegistry } from '@vigil/observability';
import type { BatchConsumer } from './batch-consumer';
import { BATCH_CONSUMER, SERVED_CONSUMERS } from './kafka.constants';
import { KafkaBatchTransport } from './kafka-batch.transport';
import type { ServedConsumer } from './kafka.module';
import { RethrowBatchErrorsFilter } from './rethrow-batch-errors.filter';

export interface KafkaServiceBootstrap {
  /** Root module built from the validated environment; imports ObservabilityModule.forRoot and KafkaModule.forRootAsync. */
  module: DynamicModule;
  httpHost: string;
  httpPort: number;
}

/**
 * Starts a consuming service the same way everywhere: pino logs, shutdown hooks (finish the batch, commit, leave the
 * group, then disconnect the producer), the shared batch transport for its `@EventPattern(topic)` handlers (one per
 * consumer: a separate consumer's handlers name its transport), and HTTP for /health and /metrics.
 */
export async function bootstrapKafkaService(options: KafkaServiceBootstrap): Promise<INestApplication> {
  // abortOnError: a failed start throws to the caller (runKafkaService exits; a test sees the error) instead of Nest
  // ending the whole process, and with it a test runner hosting several services.
  const app = await NestFactory.create(options.module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const consumer = app.get<BatchConsumer | null>(BATCH_CONSUMER);
  if (consumer) {
    let assigned = false;
    consumer.addListener({ onAssignment: () => (assigned = true) });
    app.get(ReadinessRegistry).register('kafka-consumer-group', () => assigned);
  }
  const served = app.get<ServedConsumer[]>(SERVED_CONSUMERS);
  for (const { consumer: servedConsumer, transport: transportId } of served) {
    // Deferred, so the filter is in place before the handlers are wired (a connected microservice wires them at
    // once, and a filter added afterwards is ignored: every handler error then reached the consumer as a
    // non-retriable "Internal server error" and its batch was dead-lettered instead of retried). The app runs the
    // init hooks (at listen); the microservice must not run them a second time.
    const transport = app.connectMicroservice<MicroserviceOptions>(
      { strategy: new KafkaBatchTransport(servedConsumer, transportId) },
      { deferInitialization: true },
    ) as NestMicroservice;
    transport.useGlobalFilters(new RethrowBatchErrorsFilter());
    transport.setIsInitHookCalled(true);
  }
  if (served.length > 0) await app.startAllMicroservices();
  await app.listen(options.httpPort, options.httpHost);
  return app;
}

/**
 * A consuming service's entry point: `describe` loads its validated environment and says what to start; any failure
 * (an invalid variable, a broker out of reach) is printed as its message and exits the process with status 1.
 */
export function runKafkaService(describe: () => KafkaServiceBootstrap): void {
  Promise.resolve()
    .then(() => bootstrapKafkaService(describe()))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
