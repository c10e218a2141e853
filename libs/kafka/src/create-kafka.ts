import { Kafka, logLevel } from 'kafkajs';
import { kafkaLogCreator, type StructuredLogger } from './kafka-log-bridge';
import type { KafkaConnectionOptions } from './kafka-options';
import { installKafkajsFastPaths } from './kafkajs-fast-paths';

/**
 * One kafkajs client per service, its logs bridged into the service logger; without a logger (tools, tests) kafkajs
 * logs nothing.
 */
export function createKafka(options: KafkaConnectionOptions, logger?: StructuredLogger): Kafka {
  const fastPaths = installKafkajsFastPaths();
  if (!fastPaths.recordEncoder || !fastPaths.messageGrouping || !fastPaths.recordDecoder) {
    logger?.warn({
      msg: 'kafkajs runs partly on its own slower paths: not the pinned release, or loaded before libs/kafka',
      ...fastPaths,
    });
  }
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    ...(options.retries === undefined ? {} : { retry: { retries: options.retries } }),
    ...(logger === undefined
      ? { logLevel: logLevel.NOTHING }
      : { logLevel: logLevel.WARN, logCreator: kafkaLogCreator(logger) }),
  });
}
