import { resolve } from 'node:path';
import { PAYMENTS_TOPIC, SMS_TOPIC, type AlertV1, type InputTopic } from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet } from '@vigil/correlation';
import { IngestProcessor, loadIngestConfig } from '@vigil/ingest';

// Texts of the new SMS lure families go through the real ingest step and the repository's rules: the features
// must reach the rules the advisory's scams run through, and their benign twins must raise nothing.
const REPO_ROOT = resolve(__dirname, '../../../..');
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE_MS = 60_000;
const SUBSCRIBER = '77010000001';
const STRANGER = '77479990001';
const FRIEND = '77015550001';
const SERVICE_SENDER = 'KCELLPAY';

type Step =
  | { minute: number; sms: { sender: string; text: string } }
  | { minute: number; topup: number }
  | { minute: number; transferTo: string }
  | { minute: number; smsOut: string };

let sequence = 0;
const iso = (minute: number): string => new Date(T0 + minute * MINUTE_MS).toISOString();

function rawRecord(step: Step): [InputTopic, object] {
  const eventId = `e${++sequence}`;
  const occurredAt = iso(step.minute);
  if ('sms' in step)
    return [
      SMS_TOPIC,
      { eventId, occurredAt, sender: step.sms.sender, recipient: SUBSCRIBER, text: step.sms.text },
    ];
  if ('smsOut' in step)
    return [SMS_TOPIC, { eventId, occurredAt, sender: SUBSCRIBER, recipient: step.smsOut, text: 'Привет!' }];
  const base = { eventId, occurredAt, msisdn: SUBSCRIBER, currency: 'KZT' };
  if ('topup' in step)
    return [PAYMENTS_TOPIC, { ...base, type: 'topup', amount: step.topup, channel: 'terminal' }];
  return [
    PAYMENTS_TOPIC,
    { ...base, type: 'transfer', amount: 5000, channel: 'transfer', counterparty: step.transferTo },
  ];
}

/** `ruleId/stage` of every alert raised on the subscriber by the steps, sorted. */
function alertsOf(steps: readonly Step[]): string[] {
  let nowMs = T0;
  const clock = { now: () => nowMs };
  const ingest = new IngestProcessor({
    config: loadIngestConfig(resolve(REPO_ROOT, 'config/ingest')),
    clock,
  });
  const engine = new CorrelationEngine(loadRuleSet(resolve(REPO_ROOT, 'rules')), {}, clock);
  const alerts: AlertV1[] = [];
  for (const step of steps) {
    nowMs = T0 + step.minute * MINUTE_MS + 1_000;
    const [topic, value] = rawRecord(step);
    const outcome = ingest.process(topic, JSON.stringify(value));
    if (outcome.type !== 'produced') throw new Error(`ingest ${outcome.type} a scenario record`);
    for (const record of outcome.records) alerts.push(...engine.process(record.value).alerts);
  }
  // The end of the stream: event time runs on past every window.
  alerts.push(...engine.advanceEventTime(nowMs + 6 * 60 * MINUTE_MS).alerts);
  return alerts
    .filter((alert) => alert.entity === `msisdn:${SUBSCRIBER}`)
    .map((alert) => `${alert.ruleId}/${alert.stage}`)
    .sort();
}

const knownFriend: Step = { minute: -3 * 24 * 60, smsOut: FRIEND };
const code: Step = {
  minute: 12,
  sms: { sender: SERVICE_SENDER, text: 'Код подтверждения: 482193. Никому не сообщайте.' },
};

describe('SMS lure families through ingest and the advisory rules', () => {
  it('reads a code-request SMS from a stranger as the prize_code_theft lure', () => {
    const steps: Step[] = [
      {
        minute: 0,
        sms: { sender: STRANGER, text: 'Сейчас придёт SMS, продиктуйте мне код, это для регистрации приза' },
      },
      { minute: 5, topup: 2000 },
      code,
      { minute: 15, transferTo: STRANGER },
    ];
    expect(alertsOf(steps)).toEqual(
      expect.arrayContaining(['prize_code_theft/confirmed', 'prize_code_theft/early_warning']),
    );
  });

  it('does not read a code warning from the same stranger as a lure', () => {
    const steps: Step[] = [
      knownFriend,
      { minute: 0, sms: { sender: STRANGER, text: 'Никому не сообщайте код из SMS' } },
      { minute: 5, topup: 2000 },
      code,
      { minute: 15, transferTo: FRIEND },
    ];
    expect(alertsOf(steps)).toEqual([]);
  });

  it('reads a money request from an unknown number, then a transfer to it, as relative_in_trouble', () => {
    const steps: Step[] = [
      { minute: 0, sms: { sender: STRANGER, text: 'Мама, это я, пополни мне счёт срочно, потом объясню' } },
      { minute: 8, transferTo: STRANGER },
    ];
    expect(alertsOf(steps)).toEqual(['relative_in_trouble_sms/confirmed']);
  });

  it('does not read a known relative asking for money, then a transfer, as a scam', () => {
    const steps: Step[] = [
      knownFriend,
      { minute: 0, sms: { sender: FRIEND, text: 'Мама, пополни мне счёт, пожалуйста' } },
      { minute: 8, transferTo: FRIEND },
    ];
    expect(alertsOf(steps)).toEqual([]);
  });

  it('reads a parcel fee demanded by an unknown number, then a transfer to it, as false_prize_payment', () => {
    const steps: Step[] = [
      {
        minute: 0,
        sms: {
          sender: STRANGER,
          text: 'Ваша посылка задержана на таможне. Оплатите пошлину переводом на этот номер',
        },
      },
      { minute: 20, transferTo: STRANGER },
    ];
    expect(alertsOf(steps)).toEqual(['false_prize_payment_sms/confirmed']);
  });

  it('does not read a friend mentioning a parcel, then a transfer to the friend, as a scam', () => {
    const steps: Step[] = [
      knownFriend,
      {
        minute: 0,
        sms: { sender: FRIEND, text: 'Посылку получила, спасибо! Скинь номер карты, верну за доставку' },
      },
      { minute: 20, transferTo: FRIEND },
    ];
    expect(alertsOf(steps)).toEqual([]);
  });

  it('keeps an SMS from a sender that fits no number plan and reads its lure', () => {
    const steps: Step[] = [
      {
        minute: 0,
        sms: { sender: '7479990001', text: 'Вы выиграли приз! Оплатите доставку переводом на этот номер' },
      },
    ];
    expect(alertsOf(steps)).toEqual([]);
  });
});
