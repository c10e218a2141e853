/**
 * The kafkajs types that services, tools and tests name (a client, a producer, a message). kafkajs itself is
 * imported only inside libs/kafka (ESLint's no-restricted-imports), so an upgrade or replacement touches one lib.
 */
export type {
  Admin,
  IHeaders,
  ITopicConfig,
  Kafka,
  Message,
  Producer,
  ProducerBatch,
  TopicMessages,
} from 'kafkajs';
