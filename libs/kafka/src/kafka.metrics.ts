import { Counter, Gauge } from 'prom-client';
import type { BatchConsumerListener } from './batch-consumer';

/** Metric names of the shared consumer, one place for all of them. */
export const kafkaMetricNames = {
  recordsConsumed: 'vigil_kafka_records_consumed_total',
  consumerLag: 'vigil_kafka_consumer_lag_records',
  deadLetters: 'vigil_dead_letters_total',
  retries: 'vigil_kafka_batch_retries_total',
  assignedPartitions: 'vigil_kafka_assigned_partitions',
} as const;

const recordsConsumed = new Counter({
  name: kafkaMetricNames.recordsConsumed,
  help: 'Records consumed and committed, by topic',
  labelNames: ['topic'],
});
const consumerLag = new Gauge({
  name: kafkaMetricNames.consumerLag,
  help: 'Records between the last committed batch and the partition end',
  labelNames: ['topic', 'partition'],
});
const deadLetters = new Counter({
  name: kafkaMetricNames.deadLetters,
  help: 'Records sent to the dead-letter topic, by source topic and reason code',
  labelNames: ['topic', 'reason'],
});
const retries = new Counter({
  name: kafkaMetricNames.retries,
  help: 'Batches paused for redelivery after a retriable failure',
  labelNames: ['topic'],
});
const assignedPartitions = new Gauge({
  name: kafkaMetricNames.assignedPartitions,
  help: 'Partitions assigned to this instance, by topic',
  labelNames: ['topic'],
});

/** A consumer listener that records the standard consumer metrics. */
export const consumerMetricsListener: BatchConsumerListener = {
  onBatchCommitted(topic, partition, records, lag) {
    recordsConsumed.inc({ topic }, records);
    consumerLag.set({ topic, partition: String(partition) }, lag);
  },
  onDeadLettered(topic, reasonCode, count) {
    deadLetters.inc({ topic, reason: reasonCode }, count);
  },
  onRetry(topic) {
    retries.inc({ topic });
  },
  onAssignment(assignment) {
    assignedPartitions.reset();
    for (const [topic, partitions] of Object.entries(assignment))
      assignedPartitions.set({ topic }, partitions.length);
  },
};
