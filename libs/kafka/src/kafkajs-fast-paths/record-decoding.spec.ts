import fc from 'fast-check';
import { decodeRecord, type RecordBatchContext } from './record-decoding';

// kafkajs' own record encoder, decoder and Decoder: the reference, and how records reach the decoder.
/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs internals have no typed entry point */
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: object) => {
  buffer: Buffer;
};
const stockDecodeRecord =
  require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as typeof decodeRecord;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => {
  buffer: Buffer;
  offset: number;
  readVarInt(): number;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const bytes = fc.oneof(
  fc.constant(null),
  fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array)),
  fc.string({ maxLength: 50 }).map((text) => Buffer.from(text)),
);
const int64Text = fc
  .oneof(
    fc.bigInt({ min: 0n, max: 2n ** 40n }),
    fc.bigInt({ min: 2n ** 52n, max: 2n ** 63n - 2n ** 33n }),
    fc.constant(-1n),
  )
  .map(String);
const record = fc.record({
  key: bytes,
  value: bytes,
  headers: fc.dictionary(
    fc.oneof(fc.string({ maxLength: 8 }), fc.constant('__proto__')),
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    ),
    { maxKeys: 3 },
  ),
  offsetDelta: fc.integer({ min: 0, max: 2 ** 30 }),
  timestampDelta: fc.oneof(
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.constant(0),
    fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), // beyond a double's exact range
  ),
});
const context: fc.Arbitrary<RecordBatchContext> = fc.record({
  firstOffset: int64Text,
  firstTimestamp: int64Text,
  maxTimestamp: int64Text,
  magicByte: fc.constant(2),
  isControlBatch: fc.boolean(),
  timestampType: fc.constantFrom(0, 1),
});

/** A record as the batch decoder hands it over: a Decoder over the record body (its length prefix read). */
function recordDecoder(encoded: Buffer): InstanceType<typeof Decoder> {
  const outer = new Decoder(encoded);
  const length = outer.readVarInt();
  return new Decoder(encoded.subarray(outer.offset, outer.offset + length));
}

describe(decodeRecord.name, () => {
  it('reads every record exactly as kafkajs does', () => {
    fc.assert(
      fc.property(record, context, (input, batchContext) => {
        const encoded = encodeRecord(input).buffer;
        const expected = stockDecodeRecord(recordDecoder(encoded), batchContext);
        expect(decodeRecord(recordDecoder(encoded), batchContext)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
