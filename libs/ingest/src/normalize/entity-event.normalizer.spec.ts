import {
  CALLS_TOPIC,
  entityEventV1,
  fixedClock,
  type InputTopic,
  PAYMENTS_TOPIC,
  SMS_TOPIC,
} from '@vigil/contracts';
import fc from 'fast-check';
import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { validateRawEvent } from '../validation/raw-event.validator';
import { toEntityEvents } from './entity-event.normalizer';
import type { EntityEventRecord } from './entity-event.types';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const options = { config: shippedIngestConfig(), clock: fixedClock(NOW) };
const AT = '2025-06-01T11:59:00Z';
const HOME_A = '77011234567';
const HOME_B = '77759876543';
const FOREIGN = '79161234567';

function normalize(topic: InputTopic, raw: Record<string, unknown>): EntityEventRecord[] {
  const validation = validateRawEvent(topic, JSON.stringify(raw), options);
  if (!validation.ok) throw new Error(`${validation.rejection.code}: ${validation.rejection.reason}`);
  const records = toEntityEvents(validation.value, options);
  for (const record of records) {
    const check = entityEventV1.validate(record.value);
    if (!check.ok) throw new Error(`invalid entity event: ${check.problems.join('; ')}`);
    expect(record.key).toBe(record.value.entity);
  }
  expect(new Set(records.map((record) => record.value.eventId)).size).toBe(records.length);
  return records;
}

const perspectives = (records: EntityEventRecord[]) =>
  records.map((r) => `${r.value.kind} ${r.key} <- ${r.value.counterparty}`);

describe(toEntityEvents.name, () => {
  describe('SMS', () => {
    it('gives sms_in, sms_out and sms_sent for an SMS between two home subscribers', () => {
      const records = normalize(SMS_TOPIC, {
        eventId: 'e1',
        occurredAt: AT,
        sender: HOME_A,
        recipient: `+7 775 987 65 43`,
        text: 'hi',
      });
      expect(perspectives(records)).toEqual([
        `sms_in msisdn:${HOME_B} <- ${HOME_A}`,
        `sms_out msisdn:${HOME_A} <- ${HOME_B}`,
        `sms_sent sender:${HOME_A} <- ${HOME_B}`,
      ]);
      expect(records[0].value).toMatchObject({
        eventId: 'e1:sms_in',
        sourceEventId: 'e1',
        sourceTopic: SMS_TOPIC,
        occurredAt: AT,
        ingestedAt: '2025-06-01T12:00:00.000Z',
        counterpartyClass: 'home_msisdn',
      });
    });

    it('carries lure features to the recipient and the sender entity of a foreign short number', () => {
      const text = 'Вам пришло голосовое сообщение. Отправьте SMS на номер 7750 с текстом 1234';
      const records = normalize(SMS_TOPIC, {
        eventId: 'e2',
        occurredAt: AT,
        sender: '7575',
        recipient: HOME_A,
        text,
      });
      expect(perspectives(records)).toEqual([
        `sms_in msisdn:${HOME_A} <- 7575`,
        `sms_sent sender:7575 <- ${HOME_A}`,
      ]);
      expect(records[0].value.features).toMatchObject({
        voiceMessageLure: true,
        referencedShortNumbers: ['7750'],
        officialSender: false,
        senderClass: 'short_number',
      });
      expect(records[0].value.counterpartyClass).toBe('short_number');
      expect(records[1].value.features).toMatchObject({
        hasUrl: false,
        urlDomains: [],
        officialSender: false,
      });
    });

    it('marks an outbound SMS to a premium short number', () => {
      const records = normalize(SMS_TOPIC, {
        eventId: 'e3',
        occurredAt: AT,
        sender: HOME_A,
        recipient: '7750',
        text: '1234',
      });
      expect(perspectives(records)).toEqual([
        `sms_out msisdn:${HOME_A} <- 7750`,
        `sms_sent sender:${HOME_A} <- 7750`,
      ]);
      expect(records[0].value.features).toMatchObject({ premiumShortNumber: true });
      expect(records[0].value.features).not.toHaveProperty('referencedShortNumbers');
    });

    it('gives only the sender perspective when nobody involved is a home subscriber', () => {
      const records = normalize(SMS_TOPIC, {
        eventId: 'e4',
        occurredAt: AT,
        sender: 'Kcell',
        recipient: FOREIGN,
      });
      expect(perspectives(records)).toEqual([`sms_sent sender:kcell <- ${FOREIGN}`]);
      expect(records[0].value.features).toMatchObject({ officialSender: true, senderClass: 'official' });
    });
  });

  describe('calls', () => {
    it('gives call_in, call_out and call_made with answered and duration, at the start time', () => {
      const records = normalize(CALLS_TOPIC, {
        eventId: 'c1',
        startedAt: AT,
        caller: `8 701 123 45 67`,
        callee: HOME_B,
        answered: true,
        durationSec: 95,
      });
      expect(perspectives(records)).toEqual([
        `call_in msisdn:${HOME_B} <- ${HOME_A}`,
        `call_out msisdn:${HOME_A} <- ${HOME_B}`,
        `call_made sender:${HOME_A} <- ${HOME_B}`,
      ]);
      for (const record of records)
        expect(record.value).toMatchObject({ occurredAt: AT, answered: true, durationSec: 95 });
    });

    it('gives no sender entity for a hidden caller', () => {
      const records = normalize(CALLS_TOPIC, {
        eventId: 'c2',
        startedAt: AT,
        caller: 'anonymous',
        callee: HOME_A,
        answered: false,
        durationSec: 0,
      });
      expect(perspectives(records)).toEqual([`call_in msisdn:${HOME_A} <- anonymous`]);
      expect(records[0].value.counterpartyClass).toBe('anonymous');
    });
  });

  describe('payments', () => {
    const payment = { occurredAt: AT, msisdn: HOME_A, amount: 5000, currency: 'KZT' };

    it('gives topup and card_topup for a bank-card top-up', () => {
      const records = normalize(PAYMENTS_TOPIC, {
        ...payment,
        eventId: 'p1',
        type: 'topup',
        channel: 'bank_card',
        cardToken: 'tok_9',
      });
      expect(perspectives(records)).toEqual([
        `topup msisdn:${HOME_A} <- tok_9`,
        `card_topup card:tok_9 <- ${HOME_A}`,
      ]);
      expect(records[0].value).toMatchObject({
        counterpartyClass: 'card',
        amount: 5000,
        currency: 'KZT',
        channel: 'bank_card',
      });
      expect(records[1].value).toMatchObject({ counterpartyClass: 'home_msisdn', amount: 5000 });
    });

    it('gives a plain topup for other channels', () => {
      const records = normalize(PAYMENTS_TOPIC, {
        ...payment,
        eventId: 'p2',
        type: 'topup',
        channel: 'voucher',
      });
      expect(perspectives(records)).toEqual([`topup msisdn:${HOME_A} <- undefined`]);
    });

    it('gives transfer_out and transfer_in for a transfer to a home subscriber', () => {
      const records = normalize(PAYMENTS_TOPIC, {
        ...payment,
        eventId: 'p3',
        type: 'transfer',
        channel: 'transfer',
        counterparty: '+7 775 987 65 43',
      });
      expect(perspectives(records)).toEqual([
        `transfer_out msisdn:${HOME_A} <- ${HOME_B}`,
        `transfer_in msisdn:${HOME_B} <- ${HOME_A}`,
      ]);
    });

    it('gives only transfer_out for a transfer to another network', () => {
      const records = normalize(PAYMENTS_TOPIC, {
        ...payment,
        eventId: 'p4',
        type: 'transfer',
        channel: 'transfer',
        counterparty: FOREIGN,
      });
      expect(perspectives(records)).toEqual([`transfer_out msisdn:${HOME_A} <- ${FOREIGN}`]);
      expect(records[0].value.counterpartyClass).toBe('domestic');
    });

    it('gives premium_charge with the premium short-number feature', () => {
      const records = normalize(PAYMENTS_TOPIC, {
        ...payment,
        eventId: 'p5',
        type: 'premium_charge',
        channel: 'content_provider',
        counterparty: '4444',
      });
      expect(perspectives(records)).toEqual([`premium_charge msisdn:${HOME_A} <- 4444`]);
      expect(records[0].value.features).toEqual({ premiumShortNumber: true });
    });
  });

  it('never puts the SMS text into any entity event (property)', () => {
    const party = fc.constantFrom(
      HOME_A,
      HOME_B,
      FOREIGN,
      '7575',
      '7750',
      '2000',
      'Kcell',
      'INFO',
      '+7 701 555 44 33',
    );
    // A canary token no URL or short-number pattern can pick up on its own, inside arbitrary text.
    const canary = fc.stringMatching(/^[a-z]{6}$/).map((tail) => `zqcanary${tail}`);
    const filler = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        'Вы выиграли приз! Код подтверждения 4821',
        'send SMS to 7750, visit hxxp://kcell-bonus[.]kz',
        'Сізге дауыстық хабар келді. 7790 нөміріне SMS жіберіңіз',
      ),
    );
    fc.assert(
      fc.property(party, party, filler, canary, filler, (sender, recipient, before, token, after) => {
        const text = `${before} ${token} ${after}`.slice(0, 1600);
        const validation = validateRawEvent(
          SMS_TOPIC,
          JSON.stringify({ eventId: 'x', occurredAt: AT, sender, recipient, text }),
          options,
        );
        if (!validation.ok) return;
        for (const record of toEntityEvents(validation.value, options)) {
          const serialized = JSON.stringify(record);
          expect(serialized).not.toContain(token);
          if (text.trim().length >= 12) expect(serialized).not.toContain(JSON.stringify(text).slice(1, -1));
          expect(entityEventV1.validate(record.value).ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
