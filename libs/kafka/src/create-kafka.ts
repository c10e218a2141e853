import { Kafka, logLevel } from 'kafkajs';
import { kafkaLogCreator, type StructuredLogger } from './kafka-log-bridge';
import type { KafkaConnectionOptions } from './kafka-options';

/** One kafkajs client per service, its logs bridged into the service logger. */
export function createKafka(options: KafkaConnectionOptions, logger: StructuredLogger): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
}
