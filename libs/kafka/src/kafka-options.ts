/** How to reach the brokers. */
export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs connection timeout. */
  connectionTimeoutMs?: number; // default 3_000
  /** Retries of a failed request (kafkajs' backoff between them); 0 for a caller that reports failure at once. */
  retries?: number; // default kafkajs' 5
}

/** Consumer tuning of the shared batch adapter. */
export interface BatchConsumerOptions {
  groupId: string;
  /** Logical topic names (as in @vigil/contracts); the consumer subscribes to `topicPrefix + name`. */
  topics: string[];
  /** Prefix of every physical topic name (`VIGIL_TOPIC_PREFIX`); handlers always see logical names. */
  topicPrefix?: string; // default ''
  /** Physical names of logical topics that configuration names explicitly, instead of `topicPrefix + name`. */
  topicOverrides?: Readonly<Record<string, string>>; // default {}
  /** Read each new group's partitions from the beginning (true) or the end (false). */
  fromBeginning?: boolean; // default true
  /** Longest time the broker holds a fetch open while waiting for data: bounds idle latency. */
  maxWaitTimeMs?: number; // default 100 ms
  minBytes?: number; // default 1 byte
  /**
   * Batches of different partitions handled at once; each partition's batches stay in order. Batches handled
   * together share one offset commit (and, through a CoalescingProducer, their produce requests).
   */
  partitionsConsumedConcurrently?: number; // default 1
  maxBytesPerPartition?: number; // default 1_048_576 (1 MiB)
  /**
   * Bytes one fetch may return over all partitions. A fetch's batches are handled before the next fetch and
   * before the member heartbeats again, so this bounds the work between heartbeats when partitions are consumed
   * concurrently.
   */
  maxBytesPerFetch?: number; // default 10_485_760 (10 MiB, kafkajs' default)
  sessionTimeoutMs?: number; // default 30_000
  heartbeatIntervalMs?: number; // default 3_000
  /** First wait after a retriable failure; doubles per attempt up to `maxRetryBackoffMs`. */
  retryBackoffMs?: number; // default 200 ms
  maxRetryBackoffMs?: number; // default 30_000 ms
  /** Service name written into dead letters. */
  serviceName: string;
  /** Logical topics whose records carry SMS text: their unparseable records are dead-lettered as length + HMAC. */
  textBearingTopics?: string[]; // default []
  /** Physical name of the topic for records that cannot be processed. */
  deadLetterTopic: string;
}

export const batchConsumerDefaults = {
  topicPrefix: '',
  topicOverrides: {},
  textBearingTopics: [],
  fromBeginning: true,
  maxWaitTimeMs: 100,
  minBytes: 1,
  partitionsConsumedConcurrently: 1,
  maxBytesPerPartition: 1_048_576,
  maxBytesPerFetch: 10_485_760,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  retryBackoffMs: 200,
  maxRetryBackoffMs: 30_000,
} as const;
