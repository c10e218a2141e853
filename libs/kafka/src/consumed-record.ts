import type { IHeaders } from 'kafkajs';

/** One record as the adapter hands it to a handler: raw bytes plus where it came from. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  /** Broker/producer timestamp, epoch ms as a string (kafkajs' representation). */
  timestamp: string;
}

/** Why a record went to the dead-letter topic. */
export interface DeadLetterReason {
  reasonCode: string;
  reason: string;
}
