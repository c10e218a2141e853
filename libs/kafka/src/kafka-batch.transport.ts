import { Logger } from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { BatchConsumer } from './batch-consumer';
import { kafkaErrorCodes } from './kafka.errors';
import type { PartitionBatch } from './partition-batch';

/** Context handed to `@EventPattern(topic)` handlers next to their batch. */
export class KafkaBatchContext extends BaseRpcContext<[string, number]> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }
}

/**
 * A `@nestjs/microservices` transport over the shared BatchConsumer: each `@EventPattern(topic)` handler receives
 * a whole PartitionBatch and resolves when its work is durable, after which the batch is committed.
 * The stock Kafka transport hands over one message at a time and has no rebalance hook.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaBatchTransport.name);

  /** @param transportId what `@EventPattern(topic, transportId)` names; handlers that name none serve every transport */
  constructor(
    private readonly consumer: BatchConsumer,
    transportId?: symbol,
  ) {
    super();
    if (transportId !== undefined) this.transportId = transportId;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.consumer.start((batch) => this.dispatch(batch));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer.stop();
  }

  on(): never {
    throw new Error('KafkaBatchTransport has no event listeners; use BatchConsumer.addListener');
  }

  /** Nest's Server declares it; nothing here hands out the consumer underneath. */
  unwrap<T>(): T {
    throw new Error('KafkaBatchTransport exposes no client; use BatchConsumer.addListener');
  }

  private async dispatch(batch: PartitionBatch): Promise<void> {
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) {
      for (const record of batch.records) {
        batch.deadLetter(record, {
          reasonCode: kafkaErrorCodes.NO_HANDLER,
          reason: `no handler for topic ${batch.topic}`,
        });
      }
      return;
    }
    const result = await handler(batch, new KafkaBatchContext([batch.topic, batch.partition]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
