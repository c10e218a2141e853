import type { Producer } from 'kafkajs';
import { deadLetterV1 } from '@vigil/contracts';
import type { ConsumedRecord } from './consumed-record';
import { DeadLetterWriter } from './dead-letter-writer';

const SMS = 'telco.sms.v1';
const CALLS = 'telco.calls.v1';
const writer = new DeadLetterWriter({} as Producer, {
  topic: 'vigil.dlq.v1',
  serviceName: 'ingest',
  textHashKey: 'test-key',
  textBearingTopics: new Set([SMS]),
});
const consumed = (topic: string, value: string): ConsumedRecord => ({
  topic,
  partition: 0,
  offset: '7',
  key: null,
  value: Buffer.from(value, 'utf8'),
  headers: {},
  timestamp: '0',
});
const reason = { reasonCode: 'SCHEMA_VIOLATION', reason: '/answered: must be boolean' };
const build = (topic: string, value: string) => writer.build(consumed(topic, value), reason, new Date(0));
/** What the dead-letter topic would receive: a letter the contract accepts, far below the broker's 1 MiB. */
const serializedBytes = (topic: string, value: string) =>
  Buffer.byteLength(deadLetterV1.serialize(build(topic, value)), 'utf8');

describe(DeadLetterWriter.name, () => {
  it('quotes a small parsed record whole', () => {
    expect(build(CALLS, '{"eventId":"c1","answered":"yes"}').record).toEqual({
      eventId: 'c1',
      answered: 'yes',
    });
  });

  it('keeps only the first 4 KiB of a record with a 1 MB field, so the letter fits the broker', () => {
    const value = JSON.stringify({ eventId: 'c1', caller: '7'.repeat(1_000_000) });
    const letter = build(CALLS, value);
    expect(letter.record).toBeUndefined();
    expect(letter.rawRecord).toBe(value.slice(0, 4_096));
    expect(serializedBytes(CALLS, value)).toBeLessThan(16_384);
  });

  it('describes a record nested deeper than JSON.stringify can go instead of throwing', () => {
    const value = `{"eventId":"c1","extra":${'['.repeat(50_000)}1${']'.repeat(50_000)}}`;
    expect(() => deadLetterV1.serialize(build(CALLS, value))).not.toThrow();
    expect(build(CALLS, value).rawRecord).toHaveLength(4_096);
  });

  it('quotes a record nested up to 64 levels and describes a deeper one, which could overflow the stack when written', () => {
    const nestedIn = (depth: number) =>
      `{"eventId":"c1","extra":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;
    expect(build(CALLS, nestedIn(64)).record).toBeDefined();
    // 5,000 levels serialize when the letter is built, but the ingest fuzz test overflowed writing such letters.
    const deep = build(CALLS, nestedIn(5_000));
    expect(deep.record).toBeUndefined();
    expect(deep.rawRecord).toHaveLength(4_096);
  });

  it('never quotes SMS text, even from an SMS record too large to quote', () => {
    const value = JSON.stringify({ eventId: 's1', sender: '7'.repeat(200_000), text: 'secret code 4821' });
    const letter = build(SMS, value);
    expect(JSON.stringify(letter)).not.toContain('secret');
    expect(letter.record).toBeUndefined();
    expect(letter.rawRecord).toBeUndefined();
    expect(letter.textLength).toBe('secret code 4821'.length);
  });

  it('cuts a very long reason', () => {
    const letter = writer.build(
      consumed(CALLS, '{}'),
      { reasonCode: 'X', reason: 'r'.repeat(100_000) },
      new Date(0),
    );
    expect(letter.reason).toHaveLength(2_000);
  });

  it('masks numbers quoted in a reason and never keeps SMS text', () => {
    const letter = writer.build(
      {
        ...consumed(SMS, JSON.stringify({ sender: '+998901234', text: 'your code is 1234' })),
        offset: '123456789012',
      },
      { reasonCode: 'INVALID', reason: 'recipient +7 (701) 123-45-67 is not dialable, sender 998901234' },
      new Date('2026-01-15T10:00:00Z'),
    );
    expect(letter.reason).toBe('recipient ***67 is not dialable, sender ***34');
    expect(letter.sourceOffset).toBe('123456789012');
    expect(letter.record).toEqual({ sender: '+998901234' });
    expect(JSON.stringify(letter)).not.toContain('your code');
  });
});
