import { defineContract } from './contract';
import schema from './schemas/dead-letter.v1.schema.json';

/** vigil.dlq.v1: a record a Vigil service could not process, with its origin and the reason. */
export interface DeadLetterV1 {
  sourceTopic: string;
  sourcePartition: number;
  /** Kafka offsets are 64-bit; kept as a decimal string. */
  sourceOffset: string;
  reasonCode: string;
  reason: string;
  failedAt: string;
  service: string;
  record?: unknown;
  rawRecord?: string;
  textLength?: number;
  textHash?: string;
}

export const deadLetterV1 = defineContract<DeadLetterV1>(schema);
