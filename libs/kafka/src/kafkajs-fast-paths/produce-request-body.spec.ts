import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { crc32c } from './crc32c';
import { fastProduceRequestBuilder } from './install-kafkajs-fast-paths';
import { encodeProduceRequestBody, isFastEncodable, type ProduceRequestArgs } from './produce-request-body';

// kafkajs' own builder and CRC, the reference the fast ones must match byte for byte.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs internals have no typed entry point
const stockBuilder = require('kafkajs/src/protocol/requests/produce/v3/request') as (
  args: ProduceRequestArgs,
) => { encode(): Promise<{ buffer: Buffer }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const stockCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (bytes: Buffer) => number;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const Long = require('kafkajs/src/utils/long') as { fromInt(value: number): { value: bigint } };

const bytesOrText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
);
const message = fc.record(
  {
    key: fc.oneof(bytesOrText, fc.constant(null)),
    value: fc.oneof(bytesOrText, fc.constant(null), fc.string({ minLength: 200, maxLength: 20_000 })),
  },
  { requiredKeys: ['value'] },
);
const request: fc.Arbitrary<ProduceRequestArgs> = fc.record({
  acks: fc.constantFrom(-1, 0, 1),
  timeout: fc.integer({ min: 0, max: 60_000 }),
  transactionalId: fc.constantFrom(null, 'tx-1'),
  // A string is what an idempotent or transactional producer passes (kafkajs keeps its producer id as text).
  producerId: fc.constantFrom(Long.fromInt(-1), Long.fromInt(4711), '4711'),
  producerEpoch: fc.constantFrom(0, 3),
  compression: fc.constant(0),
  topicData: fc.array(
    fc.record({
      topic: fc.string({ minLength: 1, maxLength: 30 }),
      partitions: fc.array(
        fc.record({
          partition: fc.nat({ max: 100 }),
          firstSequence: fc.option(fc.nat({ max: 1_000 }), { nil: undefined }),
          messages: fc.array(message, { maxLength: 150 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

describe(encodeProduceRequestBody.name, () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(1_795_000_000_123));
  afterEach(() => jest.restoreAllMocks());

  it('writes exactly the bytes kafkajs writes', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (args) => {
        const expected = (await stockBuilder(args).encode()).buffer;
        expect(encodeProduceRequestBody(args).equals(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves headers, own timestamps and compression to kafkajs', async () => {
    const base = { acks: -1, timeout: 30_000, compression: 0 };
    const withMessage = (extra: object): ProduceRequestArgs => ({
      ...base,
      topicData: [
        { topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v', ...extra }] }] },
      ],
    });
    expect(isFastEncodable(withMessage({}))).toBe(true);
    expect(isFastEncodable(withMessage({ headers: {} }))).toBe(true);
    expect(isFastEncodable(withMessage({ headers: { trace: 'x' } }))).toBe(false);
    expect(isFastEncodable(withMessage({ timestamp: '1795000000000' }))).toBe(false);
    expect(isFastEncodable({ ...withMessage({}), compression: 1 })).toBe(false);

    const fallback = withMessage({ headers: { trace: 'x' } });
    const built = await fastProduceRequestBuilder(stockBuilder as never)(fallback).encode();
    expect(built.buffer.equals((await stockBuilder(fallback).encode()).buffer)).toBe(true);
  });
});

describe(crc32c.name, () => {
  it('agrees with kafkajs on every length and alignment', () => {
    const bytes = randomBytes(4_096);
    for (let start = 0; start < 9; start++) {
      for (const end of [start, start + 1, start + 7, start + 8, start + 9, 100, 4_096]) {
        expect(crc32c(bytes, start, end)).toBe(stockCrc32c(bytes.subarray(start, end)));
      }
    }
  });
});
