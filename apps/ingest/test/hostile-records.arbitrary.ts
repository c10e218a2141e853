import fc from 'fast-check';

/** An operator feed a fuzzed record is written to (keys of TopicNames). */
export type FeedTopic = 'sms' | 'calls' | 'payments';

/** One generated raw record, as bytes on an operator feed; `shape` names the generator, for failure reports. */
export interface HostileRecord {
  readonly topic: FeedTopic;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly shape: string;
}

/** The broker's default `message.max.bytes` is 1 MiB per record batch: a "1 MB text" must fit beside its fields. */
export const MEGA_TEXT_BYTES = 1_000_000;
const HUGE_FIELD_BYTES = { min: 65_536, max: 262_144 }; // 64–256 KiB
const EVENT_ID_POOL = 2_500; // ids drawn from a small pool, so some records repeat an earlier one's eventId

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const homeNumber = fc.tuple(fc.constantFrom('7701', '7702', '7705'), digits(7)).map(([p, d]) => p + d);
const eventId = fc.integer({ min: 0, max: EVENT_ID_POOL - 1 }).map((n) => `fz-${n}`);
/** Within the last 3 min (ms before `nowMs`): inside the allowed skew, and never far enough apart to pause a source. */
const recentTime = (nowMs: number) =>
  fc.integer({ min: 0, max: 180_000 }).map((ago) => new Date(nowMs - ago).toISOString());

/** A record each feed's contract accepts, yielding at least one entity event (home-network parties). */
function validRecord(topic: FeedTopic, nowMs: number): fc.Arbitrary<Record<string, unknown>> {
  switch (topic) {
    case 'sms':
      return fc.record({
        eventId,
        occurredAt: recentTime(nowMs),
        sender: fc.oneof(homeNumber, fc.constantFrom('Kaspi', '2000', '7750')),
        recipient: homeNumber,
        text: fc.string({ maxLength: 160 }),
      });
    case 'calls':
      return fc.record({
        eventId,
        startedAt: recentTime(nowMs),
        caller: homeNumber,
        callee: homeNumber,
        answered: fc.boolean(),
        durationSec: fc.integer({ min: 0, max: 3_600 }),
      });
    case 'payments':
      return fc.record({
        eventId,
        occurredAt: recentTime(nowMs),
        type: fc.constant('topup'),
        msisdn: homeNumber,
        amount: fc.integer({ min: 1, max: 100_000 }),
        currency: fc.constant('KZT'),
        channel: fc.constantFrom('voucher', 'terminal'),
      });
  }
}

/** JSON values of every type but the right one. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const topicArb = fc.constantFrom<FeedTopic>('sms', 'calls', 'payments');
const key = fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }), homeNumber);

/** A valid record of a random feed, passed to `mutate` to be made hostile. */
function fromValid(
  nowMs: number,
  shape: string,
  mutate: (record: Record<string, unknown>, topic: FeedTopic) => fc.Arbitrary<Buffer | null>,
): fc.Arbitrary<HostileRecord> {
  return fc
    .tuple(topicArb, key)
    .chain(([topic, k]) =>
      validRecord(topic, nowMs).chain((record) =>
        mutate(record, topic).map((value) => ({ topic, key: k, value, shape })),
      ),
    );
}

const pickField = (record: Record<string, unknown>) => fc.constantFrom(...Object.keys(record));

/**
 * Malformed and hostile operator records: valid ones (so that some are produced and some repeat an eventId), wrong
 * types, numbers as strings, huge fields, 1 MB texts, deep nesting, invalid UTF-8, control characters, duplicate
 * keys, prototype keys, extreme numbers and bytes that are no JSON at all.
 */
export function hostileRecord(nowMs: number): fc.Arbitrary<HostileRecord> {
  // Weights in tenths of a percent-ish share: 2 of ~640 are 1 MB texts (~30 of 10,000 records, ~30 MB).
  const shapes: { weight: number; arbitrary: fc.Arbitrary<HostileRecord> }[] = [
    { weight: 140, arbitrary: fromValid(nowMs, 'valid', (r) => fc.constant(json(r))) },
    {
      weight: 120,
      arbitrary: fromValid(nowMs, 'wrong type', (r) =>
        fc.tuple(pickField(r), wrongValue).map(([field, value]) => json({ ...r, [field]: value })),
      ),
    },
    {
      weight: 80,
      arbitrary: fromValid(nowMs, 'number as string', (r) =>
        fc.constant(
          json({
            ...r,
            ...(r.amount !== undefined && { amount: String(r.amount) }),
            ...(r.durationSec !== undefined && { durationSec: String(r.durationSec) }),
            ...(r.answered !== undefined && { answered: String(r.answered) }),
            ...(r.sender !== undefined && { sender: Number(String(r.sender).replace(/\D/g, '') || 0) }),
          }),
        ),
      ),
    },
    {
      weight: 30,
      arbitrary: fromValid(nowMs, 'huge field', (r) =>
        fc
          .tuple(fc.oneof(pickField(r), fc.constant('extra')), fc.integer(HUGE_FIELD_BYTES))
          .map(([field, size]) => json({ ...r, [field]: '7'.repeat(size) })),
      ),
    },
    {
      weight: 2,
      arbitrary: fromValid(nowMs, '1 MB text', (r) =>
        // Valid SMS with a 1 MB text, or any feed's record with one where it does not belong (a dead letter).
        fc.boolean().map((keepValid) => {
          const fields = JSON.stringify({ ...r, text: '' }).length;
          const record: Record<string, unknown> = { ...r, text: 'A'.repeat(MEGA_TEXT_BYTES - fields) };
          if (!keepValid) delete record.eventId;
          return json(record);
        }),
      ),
    },
    {
      weight: 30,
      arbitrary: fromValid(nowMs, 'deep nesting', (r) =>
        fc
          .tuple(fc.integer({ min: 10, max: 50_000 }), fc.boolean(), pickField(r))
          .map(([depth, asArray, field]) => {
            const [open, close] = asArray ? ['[', ']'] : ['{"a":', '}'];
            const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
            const base = JSON.stringify({ ...r, [field]: 0 });
            return Buffer.from(base.replace(`"${field}":0`, `"${field}":${nested}`), 'utf8');
          }),
      ),
    },
    {
      weight: 50,
      arbitrary: fromValid(nowMs, 'invalid UTF-8', (r) =>
        fc
          .tuple(
            fc.constantFrom(
              [0xff],
              [0xc0, 0xaf], // overlong "/"
              [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as UTF-8
              [0xe2, 0x82], // truncated sequence
              [0xf8, 0x88, 0x80, 0x80, 0x80], // 5-byte form
            ),
            fc.nat(),
          )
          .map(([bad, at]) => {
            const bytes = json(r);
            const cut = at % (bytes.length + 1);
            return Buffer.concat([bytes.subarray(0, cut), Buffer.from(bad), bytes.subarray(cut)]);
          }),
      ),
    },
    {
      weight: 50,
      arbitrary: fromValid(nowMs, 'control characters', (r) =>
        fc
          .tuple(
            pickField(r),
            fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) }),
          )
          .chain(([field, controls]) =>
            fc.constantFrom(
              json({ ...r, [field]: `${String(r[field])}${controls}\u2028\u0000` }), // escaped: valid JSON
              Buffer.from(JSON.stringify(r).replace(/:"/, `:"${controls}\u0000`), 'utf8'), // raw: not JSON
            ),
          ),
      ),
    },
    {
      weight: 50,
      arbitrary: fromValid(nowMs, 'duplicate keys', (r) =>
        fc.tuple(pickField(r), wrongValue).map(([field, value]) => {
          const text = JSON.stringify(r);
          const repeated = `${JSON.stringify(field)}:${JSON.stringify(value) ?? 'null'}`;
          return Buffer.from(`{${repeated},${text.slice(1, -1)},${repeated}}`, 'utf8');
        }),
      ),
    },
    {
      weight: 20,
      arbitrary: fromValid(nowMs, 'prototype keys', (r) =>
        fc
          .constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString')
          .map((name) => Buffer.from(`{"${name}":{"polluted":true},${JSON.stringify(r).slice(1)}`, 'utf8')),
      ),
    },
    {
      weight: 30,
      arbitrary: fromValid(nowMs, 'extreme number', (r) =>
        fc
          .tuple(
            fc.constantFrom('amount', 'durationSec'),
            fc.constantFrom('1e309', '-1e309', '-0', '1e-400', '9007199254740993', '0.0000001', '-1', '1e21'),
          )
          .map(([field, number]) =>
            Buffer.from(
              `${JSON.stringify({ ...r, [field]: 0 })}`.replace(`"${field}":0`, `"${field}":${number}`),
              'utf8',
            ),
          ),
      ),
    },
    {
      weight: 40,
      arbitrary: fc.tuple(topicArb, key).chain(([topic, k]) =>
        fc
          .oneof(
            fc.constant<Buffer | null>(null), // a tombstone
            fc.constant(Buffer.alloc(0)),
            fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
            fc
              .constantFrom('null', '[]', '"text"', '1e999', 'true', '{', '{"eventId":', '\ufeff{}')
              .map((text) => Buffer.from(text, 'utf8')),
          )
          .map((value) => ({ topic, key: k, value, shape: 'not JSON or not an object' })),
      ),
    },
  ];
  return fc.oneof(...shapes);
}
