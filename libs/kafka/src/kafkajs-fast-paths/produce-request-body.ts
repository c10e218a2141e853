import { crc32c } from './crc32c';

/** A message as kafkajs hands it to the produce request (after partitioning). */
export interface EncodableMessage {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: Record<string, unknown>;
  timestamp?: number | string;
}

/** The arguments kafkajs passes to its Produce v3 request builder (v4–v7 reuse it). */
export interface ProduceRequestArgs {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  /** kafkajs' Long (a wrapper around a bigint) or a number. */
  /** A string for an idempotent or transactional producer: kafkajs keeps InitProducerId's answer as text. */
  producerId?: { value: bigint } | number | string;
  producerEpoch?: number;
  compression?: number;
  topicData: {
    topic: string;
    partitions: { partition: number; firstSequence?: number; messages: EncodableMessage[] }[];
  }[];
}

const MAGIC_BYTE = 2;
const TRANSACTIONAL_FLAG = 16;
const NO_COMPRESSION = 0;
/** Record batch header after the 12 bytes of base offset and length: epoch, magic, CRC, then the CRC'd part. */
const BATCH_HEADER_BYTES = 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;

function isPlainBytes(value: unknown): value is Buffer | string | null | undefined {
  return value === null || value === undefined || typeof value === 'string' || Buffer.isBuffer(value);
}

function hasHeaders(headers: Record<string, unknown> | undefined): boolean {
  if (headers === undefined || headers === null) return false;
  for (const key in headers) if (Object.hasOwn(headers, key)) return true;
  return false;
}

/**
 * True when every message is what Vigil produces (no headers, no own timestamp, string or Buffer key and value)
 * and nothing is compressed: the case `encodeProduceRequestBody` writes. Anything else keeps kafkajs' own encoder.
 */
export function isFastEncodable(args: ProduceRequestArgs): boolean {
  if ((args.compression ?? NO_COMPRESSION) !== NO_COMPRESSION) return false;
  for (const { partitions } of args.topicData) {
    for (const { messages } of partitions) {
      for (const message of messages) {
        if (message.timestamp !== undefined && message.timestamp !== null) return false;
        if (hasHeaders(message.headers)) return false;
        if (!isPlainBytes(message.key) || !isPlainBytes(message.value)) return false;
      }
    }
  }
  return true;
}

function zigZagVarIntSize(value: number): number {
  let encoded = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (encoded >= 0x80) {
    encoded >>>= 7;
    bytes += 1;
  }
  return bytes;
}

function writeZigZagVarInt(buffer: Buffer, offset: number, value: number): number {
  let encoded = ((value << 1) ^ (value >> 31)) >>> 0;
  while (encoded >= 0x80) {
    buffer[offset++] = (encoded & 0x7f) | 0x80;
    encoded >>>= 7;
  }
  buffer[offset++] = encoded;
  return offset;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return -1;
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

function writeBytes(buffer: Buffer, offset: number, value: Buffer | string, length: number): number {
  if (typeof value === 'string') buffer.write(value, offset, length, 'utf8');
  else value.copy(buffer, offset);
  return offset + length;
}

function toBigInt(value: { value: bigint } | number | string | undefined): bigint {
  if (value === undefined) return -1n;
  return typeof value === 'object' ? value.value : BigInt(value);
}

interface SizedRecord {
  keyLength: number;
  valueLength: number;
  bodySize: number;
}

/**
 * The body of a Produce v3 request, byte for byte what kafkajs 2.2.4's builder writes for messages without headers
 * or timestamps and without compression, in one buffer: kafkajs builds an encoder (a zero-filled 512-byte buffer
 * and a small buffer per varint) for every record, copies it into the batch, the batch into the partition and so
 * on, and computes the CRC a byte at a time; at tens of thousands of records per second that was most of the
 * ingest service's CPU and garbage.
 */
export function encodeProduceRequestBody(args: ProduceRequestArgs): Buffer {
  const transactionalId = args.transactionalId ?? null;
  const producerId = toBigInt(args.producerId);
  const producerEpoch = args.producerEpoch ?? 0;
  const attributes = transactionalId ? TRANSACTIONAL_FLAG : 0;
  const now = Date.now();

  const sized: SizedRecord[][][] = [];
  let total = 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId, 'utf8')) + 2 + 4 + 4;
  for (const { topic, partitions } of args.topicData) {
    total += 2 + Buffer.byteLength(topic, 'utf8') + 4;
    const topicSizes: SizedRecord[][] = [];
    for (const { messages } of partitions) {
      let recordsBytes = 0;
      const partitionSizes: SizedRecord[] = [];
      for (let i = 0; i < messages.length; i++) {
        const keyLength = byteLength(messages[i].key);
        const valueLength = byteLength(messages[i].value);
        const bodySize =
          1 + // attributes
          1 + // timestamp delta 0
          zigZagVarIntSize(i) +
          zigZagVarIntSize(keyLength) +
          Math.max(0, keyLength) +
          zigZagVarIntSize(valueLength) +
          Math.max(0, valueLength) +
          1; // no headers
        partitionSizes.push({ keyLength, valueLength, bodySize });
        recordsBytes += zigZagVarIntSize(bodySize) + bodySize;
      }
      topicSizes.push(partitionSizes);
      total += 4 + 4 + 8 + 4 + BATCH_HEADER_BYTES + recordsBytes;
    }
    sized.push(topicSizes);
  }

  const buffer = Buffer.allocUnsafe(total);
  let offset = 0;
  if (transactionalId === null) {
    offset = buffer.writeInt16BE(-1, offset);
  } else {
    const length = Buffer.byteLength(transactionalId, 'utf8');
    offset = buffer.writeInt16BE(length, offset);
    offset = writeBytes(buffer, offset, transactionalId, length);
  }
  offset = buffer.writeInt16BE(args.acks, offset);
  offset = buffer.writeInt32BE(args.timeout, offset);
  offset = buffer.writeInt32BE(args.topicData.length, offset);
  args.topicData.forEach(({ topic, partitions }, topicIndex) => {
    const topicLength = Buffer.byteLength(topic, 'utf8');
    offset = buffer.writeInt16BE(topicLength, offset);
    offset = writeBytes(buffer, offset, topic, topicLength);
    offset = buffer.writeInt32BE(partitions.length, offset);
    partitions.forEach(({ partition, firstSequence, messages }, partitionIndex) => {
      const sizes = sized[topicIndex][partitionIndex];
      offset = buffer.writeInt32BE(partition, offset);
      const recordBatchSizeAt = offset;
      offset += 4; // record batch size, known at the end
      offset = buffer.writeBigInt64BE(0n, offset); // base offset
      const batchLengthAt = offset;
      offset += 4;
      offset = buffer.writeInt32BE(0, offset); // partition leader epoch
      offset = buffer.writeInt8(MAGIC_BYTE, offset);
      const crcAt = offset;
      offset += 4;
      const crcFrom = offset;
      offset = buffer.writeInt16BE(attributes, offset);
      offset = buffer.writeInt32BE(messages.length - 1, offset); // last offset delta
      offset = buffer.writeBigInt64BE(BigInt(now), offset); // first timestamp
      offset = buffer.writeBigInt64BE(BigInt(now), offset); // max timestamp
      offset = buffer.writeBigInt64BE(producerId, offset);
      offset = buffer.writeInt16BE(producerEpoch, offset);
      offset = buffer.writeInt32BE(firstSequence ?? 0, offset);
      offset = buffer.writeInt32BE(messages.length, offset);
      for (let i = 0; i < messages.length; i++) {
        const { key, value } = messages[i];
        const { keyLength, valueLength, bodySize } = sizes[i];
        offset = writeZigZagVarInt(buffer, offset, bodySize);
        buffer[offset++] = 0; // attributes
        buffer[offset++] = 0; // timestamp delta: every record takes the batch's timestamp
        offset = writeZigZagVarInt(buffer, offset, i);
        offset = writeZigZagVarInt(buffer, offset, keyLength);
        if (key !== null && key !== undefined) offset = writeBytes(buffer, offset, key, keyLength);
        offset = writeZigZagVarInt(buffer, offset, valueLength);
        if (value !== null && value !== undefined) offset = writeBytes(buffer, offset, value, valueLength);
        buffer[offset++] = 0; // header count
      }
      buffer.writeUInt32BE(crc32c(buffer, crcFrom, offset), crcAt);
      buffer.writeInt32BE(offset - batchLengthAt - 4, batchLengthAt);
      buffer.writeInt32BE(offset - recordBatchSizeAt - 4, recordBatchSizeAt);
    });
  });
  if (offset !== total) throw new RangeError(`produce request sized ${total} bytes, wrote ${offset}`);
  return buffer;
}
