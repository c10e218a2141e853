/** How to reach the brokers. */
export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs connection timeout. */
  connectionTimeoutMs?: number; // default 3_000
}

/** Consumer tuning of the shared batch adapter. */
export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** Read each new group's partitions from the beginning (true) or the end (false). */
  fromBeginning?: boolean; // default true
  /** Longest time the broker holds a fetch open while waiting for data: bounds idle latency. */
  maxWaitTimeMs?: number; // default 100 ms
  minBytes?: number; // default 1 byte
  maxBytesPerPartition?: number; // default 1_048_576 (1 MiB)
  sessionTimeoutMs?: number; // default 30_000
  heartbeatIntervalMs?: number; // default 3_000
  /** First wait after a retriable failure; doubles per attempt up to `maxRetryBackoffMs`. */
  retryBackoffMs?: number; // default 200 ms
  maxRetryBackoffMs?: number; // default 30_000 ms
  /** Service name written into dead letters. */
  serviceName: string;
  /** Topic for records that cannot be processed. */
  deadLetterTopic: string;
}

export const batchConsumerDefaults = {
  fromBeginning: true,
  maxWaitTimeMs: 100,
  minBytes: 1,
  maxBytesPerPartition: 1_048_576,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  retryBackoffMs: 200,
  maxRetryBackoffMs: 30_000,
} as const;
