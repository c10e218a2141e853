import { defineContract } from './contract';
import schema from './schemas/source-watermark.v1.schema.json';

/** How far one input partition (a source) has been read, as one ingest instance reports it. */
export interface SourceProgressV1 {
  /** Logical input topic, e.g. `telco.calls.v1`. */
  topic: string;
  partition: number;
  /**
   * Latest existence time (ms) of a record read from the source: a call record exists at start + duration. While the
   * source is idle, advanced by the wall time since its last record. Null before the first record.
   */
  eventTimeMs: number | null;
  /** Next source offset (decimal): every earlier record's entity events are durable before this watermark. */
  position: string | null;
  /** Read to its end and quiet for the idle timeout: it no longer holds event time back. */
  idle: boolean;
}

/**
 * A control record on vigil.entity-events.v1 (header `vigil-record: watermark`), written by an ingest instance to
 * every partition once the entity events it vouches for are durable.
 */
export interface SourceWatermarkV1 {
  emittedAt: string;
  instance: string;
  /**
   * Wall-clock time (ms) of the group join that gave the instance these sources: a later assignment's idle flags
   * override an earlier one's (kafkajs does not expose the group generation).
   */
  assignedAtMs: number;
  /** Partition count of every input topic, so a correlator knows which sources it has not heard from yet. */
  inputPartitions: Record<string, number>;
  sources: SourceProgressV1[];
}

export const sourceWatermarkV1 = defineContract<SourceWatermarkV1>(schema);

/** Header that marks Vigil's control records on a data topic, and its value on watermark records. */
export const RECORD_TYPE_HEADER = 'vigil-record';
export const WATERMARK_RECORD_TYPE = 'watermark';
/** Key of watermark records (the partition is chosen explicitly; entity keys always contain a colon). */
export const WATERMARK_RECORD_KEY = '__watermark__';

/** True for a watermark control record: readers of entity events skip it, the correlator applies it. */
/** Record headers as Kafka clients hand them over. */
export type RecordHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function isWatermarkRecord(headers: RecordHeaders | undefined): boolean {
  const value = headers?.[RECORD_TYPE_HEADER];
  if (value === undefined) return false;
  const first = Array.isArray(value) ? value[0] : value;
  return first !== undefined && first.toString() === WATERMARK_RECORD_TYPE;
}
