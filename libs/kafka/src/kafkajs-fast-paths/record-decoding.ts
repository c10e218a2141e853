/** kafkajs' Decoder over one record's bytes, as its record batch decoder hands it over. */
export interface RecordBytes {
  buffer: Buffer;
  offset: number;
}

/** What kafkajs' record batch decoder passes along with every record of a batch. */
export interface RecordBatchContext {
  firstOffset?: string;
  firstTimestamp?: string;
  maxTimestamp?: string;
  magicByte?: number;
  isControlBatch?: boolean;
  timestampType?: number;
}

type Headers = Record<string, Buffer | null | (Buffer | null)[]>;

/** One record, in the shape (and field order) kafkajs 2.2.4's record decoder returns it. */
export interface DecodedRecord {
  magicByte: number | undefined;
  attributes: number;
  timestamp: string | undefined;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
  isControlRecord: boolean;
  batchContext: RecordBatchContext;
}

const LOG_APPEND_TIME = 1;
const TWO_POW_53 = 2 ** 53;

/** Reads a record's fields in order; the arithmetic kafkajs does with a 64-bit Long emulation, in doubles. */
class RecordReader {
  constructor(
    private readonly buffer: Buffer,
    public position: number,
  ) {}

  /** kafkajs' `readVarInt`, overflow included: 32-bit zig-zag. */
  varInt(): number {
    let byte: number;
    let result = 0;
    let shift = 0;
    do {
      byte = this.buffer[this.position++];
      result += (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    return (result >>> 1) ^ -(result & 1);
  }

  /** A zig-zag varlong: exact as a double below 2^53, else through BigInt (never for a timestamp delta). */
  varLong(): number | bigint {
    const start = this.position;
    let byte: number;
    let result = 0;
    let scale = 1;
    do {
      byte = this.buffer[this.position++];
      result += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    if (result < TWO_POW_53) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
    let wide = 0n;
    let bits = 0n;
    for (let i = start; i < this.position; i++, bits += 7n) wide |= BigInt(this.buffer[i] & 0x7f) << bits;
    wide = BigInt.asUintN(64, wide);
    return BigInt.asIntN(64, (wide >> 1n) ^ -(wide & 1n));
  }

  bytes(): Buffer | null {
    const length = this.varInt();
    if (length === -1) return null;
    const bytes = this.buffer.slice(this.position, this.position + length);
    this.position += length;
    return bytes;
  }

  text(): string | null {
    const bytes = this.bytes();
    return bytes === null ? null : bytes.toString('utf8');
  }
}

/** `base + delta` for decimal strings kafkajs keeps 64-bit values in. */
function plus(base: string, delta: number | bigint): string {
  if (typeof delta === 'number') {
    const start = Number(base);
    const sum = start + delta;
    if (Number.isSafeInteger(start) && Number.isSafeInteger(sum)) return String(sum);
  }
  return (BigInt(base) + BigInt(delta)).toString(); // unbounded, as kafkajs adds
}

/**
 * kafkajs 2.2.4's record decoder (`protocol/recordBatch/record/v0/decoder`) without its per-record 64-bit Long
 * emulation: parsing the batch's first offset and timestamp from decimal strings into BigInts for every record, and
 * a Long object per varlong byte, were most of what the correlator allocated to read a fetch. Same fields, same
 * values, same order.
 */
export function decodeRecord(decoder: RecordBytes, batchContext: RecordBatchContext = {}): DecodedRecord {
  const {
    firstOffset = '0',
    firstTimestamp = '0',
    magicByte,
    isControlBatch = false,
    timestampType,
    maxTimestamp,
  } = batchContext;
  const reader = new RecordReader(decoder.buffer, decoder.offset);
  const attributes = decoder.buffer.readInt8(reader.position++);
  const timestampDelta = reader.varLong();
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : plus(firstTimestamp, timestampDelta);
  const offset = plus(firstOffset, reader.varInt());
  const key = reader.bytes();
  const value = reader.bytes();
  const headers: Headers = {};
  const headerCount = reader.varInt();
  for (let i = 0; i < headerCount; i++) {
    const headerKey = String(reader.text());
    const headerValue = reader.bytes();
    // Read and defined the way kafkajs' object spread does, down to its "__proto__" header quirk.
    const existing = headers[headerKey];
    Object.defineProperty(headers, headerKey, {
      value:
        existing === undefined
          ? headerValue
          : Array.isArray(existing)
            ? [...existing, headerValue]
            : [existing, headerValue],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  decoder.offset = reader.position;
  return {
    magicByte,
    attributes,
    timestamp,
    offset,
    key,
    value,
    headers,
    isControlRecord: isControlBatch,
    batchContext,
  };
}
