import type { Producer } from 'kafkajs';
import type { ConsumedRecord } from './consumed-record';
import { DeadLetterWriter } from './dead-letter-writer';

describe(DeadLetterWriter.name, () => {
  const writer = new DeadLetterWriter({} as Producer, {
    topic: 'vigil.dlq.v1',
    serviceName: 'ingest',
    textHashKey: 'a-test-key-of-enough-length',
  });
  const record = (value: string): ConsumedRecord => ({
    topic: 'telco.sms.v1',
    partition: 0,
    offset: '123456789012',
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: '0',
  });

  it('masks numbers quoted in a reason and never keeps SMS text', () => {
    const letter = writer.build(
      record(JSON.stringify({ sender: '+998901234', text: 'your code is 1234' })),
      { reasonCode: 'INVALID', reason: 'recipient +7 (701) 123-45-67 is not dialable, sender 998901234' },
      new Date('2026-01-15T10:00:00Z'),
    );
    expect(letter.reason).toBe('recipient ***67 is not dialable, sender ***34');
    expect(letter.sourceOffset).toBe('123456789012');
    expect(letter.record).toEqual({ sender: '+998901234' });
    expect(JSON.stringify(letter)).not.toContain('your code');
  });
});
