import { BatchConsumer, type BatchConsumerDependencies } from './batch-consumer';
import { consumerMetricsListener } from './kafka.metrics';
import type { BatchConsumerOptions } from './kafka-options';

/** A BatchConsumer that records the standard consumer metrics: how every service builds one. */
export function createBatchConsumer(
  deps: BatchConsumerDependencies,
  options: BatchConsumerOptions,
): BatchConsumer {
  const consumer = new BatchConsumer(deps, options);
  consumer.addListener(consumerMetricsListener);
  return consumer;
}
