import { PAYMENTS_TOPIC, SMS_TOPIC } from '@vigil/contracts';
import { IngestProcessor } from './ingest.processor';
import { shippedIngestConfig } from './testing/ingest-config.fixture';

const NOW = Date.parse('2025-06-01T12:00:00Z');
let now = NOW;
const processor = () =>
  new IngestProcessor({
    config: shippedIngestConfig(),
    clock: { now: () => now },
    duplicateWindowMs: 600_000,
  });
const sms = JSON.stringify({
  eventId: 's1',
  occurredAt: '2025-06-01T11:59:00Z',
  sender: '7575',
  recipient: '77011234567',
  text: 'CANARY приз',
});

describe(IngestProcessor.name, () => {
  beforeEach(() => {
    now = NOW;
  });

  it('produces entity events once and reports the repeat as a duplicate', () => {
    const ingest = processor();
    const first = ingest.process(SMS_TOPIC, sms);
    expect(first).toMatchObject({ type: 'produced', sourceEventId: 's1' });
    expect(first.type === 'produced' && first.records.map((r) => r.value.kind)).toEqual([
      'sms_in',
      'sms_sent',
    ]);
    expect(ingest.process(SMS_TOPIC, sms)).toEqual({ type: 'duplicate', sourceEventId: 's1' });
    now += 600_000;
    expect(ingest.process(SMS_TOPIC, sms).type).toBe('produced');
  });

  it('keeps duplicate memory per topic', () => {
    const ingest = processor();
    ingest.process(SMS_TOPIC, sms);
    const payment = JSON.stringify({
      eventId: 's1',
      occurredAt: '2025-06-01T11:59:00Z',
      type: 'topup',
      msisdn: '77011234567',
      amount: 1,
      currency: 'KZT',
      channel: 'voucher',
    });
    expect(ingest.process(PAYMENTS_TOPIC, payment).type).toBe('produced');
  });

  it('rejects an SMS with a reason code and a reason that hold no SMS text', () => {
    const ingest = processor();
    const future = sms.replace('11:59:00Z', '13:00:00Z');
    const outcome = ingest.process(SMS_TOPIC, future);
    if (outcome.type !== 'rejected') throw new Error('expected a rejection');
    expect(outcome.rejection.code).toBe('EVENT_TIME_IN_FUTURE');
    expect(JSON.stringify(outcome)).not.toContain('CANARY');

    const malformed = ingest.process(SMS_TOPIC, sms.slice(0, -5));
    if (malformed.type !== 'rejected') throw new Error('expected a rejection');
    expect(malformed.rejection.code).toBe('MALFORMED_JSON');
    expect(JSON.stringify(malformed)).not.toContain('CANARY');
  });
});
