import { alertV1 } from '@vigil/contracts';
import {
  SUBSCRIBER,
  ev,
  inArrivalOrder,
  runToEnd,
  seededRandom,
  shuffledWithinLateness,
  summary,
  ids,
  type Scheduled,
} from '../../test/entity-events';
import { CorrelationEngine } from './correlation-engine';

const SCAMMER = '77479990001';
const OTHER_UNKNOWN = '77479990002';
const FRIEND = '77015550001';
const SERVICE_SENDER = 'KCELLPAY';
const SHORT_NUMBER = '7122';
const SHUFFLES = 25;

const unknownCaller = (id: string, minute: number, durationSec: number, counterparty = SCAMMER): Scheduled =>
  ev(id, 'call_in', minute, { counterparty, counterpartyClass: 'domestic', answered: true, durationSec });
const otp = (id: string, minute: number): Scheduled =>
  ev(id, 'sms_in', minute, {
    counterparty: SERVICE_SENDER,
    counterpartyClass: 'alphanumeric',
    features: { otpCode: true, serviceSender: true, senderClass: 'alphanumeric', officialSender: false },
  });
const prizeSms = (id: string, minute: number, official = false): Scheduled =>
  ev(id, 'sms_in', minute, {
    counterparty: official ? '2000' : SCAMMER,
    counterpartyClass: official ? 'official' : 'domestic',
    features: { prizeLure: true, officialSender: official, senderClass: official ? 'official' : 'msisdn' },
  });
const transfer = (id: string, minute: number, counterparty: string, amount = 900): Scheduled =>
  ev(id, 'transfer_out', minute, { counterparty, counterpartyClass: 'domestic', amount, currency: 'KZT' });
const topup = (id: string, minute: number, amount = 1000, channel = 'terminal'): Scheduled =>
  ev(id, 'topup', minute, { amount, currency: 'KZT', channel });
/** An exchange with a friend days earlier: the friend is a known contact. */
const knownFriend = (id: string, counterparty = FRIEND): Scheduled =>
  ev(id, 'sms_out', -3 * 24 * 60, { counterparty, counterpartyClass: 'home_msisdn' });

interface Case {
  name: string;
  scenario: Scheduled[];
  expected: string[];
}

/** Runs a case in arrival order and shuffled within the lateness; all runs must give the same alerts. */
function expectCase({ scenario, expected }: Case): void {
  const ordered = runToEnd(inArrivalOrder(scenario));
  expect(summary(ordered.alerts)).toEqual([...expected].sort());
  expect(ordered.late).toEqual([]);
  for (const alert of ordered.alerts) expect(alertV1.validate(alert)).toEqual({ ok: true, value: alert });
  const random = seededRandom(expected.length * 7919 + scenario.length);
  for (let i = 0; i < SHUFFLES; i++) {
    const shuffled = runToEnd(shuffledWithinLateness(scenario, random));
    expect(shuffled.late).toEqual([]);
    expect(ids(shuffled.alerts)).toEqual(ids(ordered.alerts));
  }
}

const cases: Record<string, { positive: Case[]; negative: Case[] }> = {
  prize_code_theft: {
    positive: [
      {
        name: 'completes the match when the call record arrives after the OTP delivered during the call',
        scenario: [
          unknownCaller('c1', 0, 540), // 9-minute call: its record arrives at 10:09, after the code
          topup('t1', 2),
          otp('o1', 4),
          ev('s1', 'sms_out', 8, { counterparty: SCAMMER, counterpartyClass: 'domestic' }),
        ],
        expected: ['prize_code_theft/early_warning/high', 'prize_code_theft/confirmed/critical'],
      },
      {
        name: 'matches a prize SMS, top-up, code and transfer to the sender',
        scenario: [prizeSms('p1', 0), topup('t1', 20), otp('o1', 35), transfer('x1', 40, SCAMMER)],
        // The prize-payment match shares the transfer: the more specific prize_code_theft alert names it instead.
        expected: ['prize_code_theft/early_warning/high', 'prize_code_theft/confirmed/critical'],
      },
    ],
    negative: [
      {
        name: 'ignores an OTP used by the subscriber with no preceding unknown caller',
        scenario: [knownFriend('k1'), topup('t1', 0), otp('o1', 5), transfer('x1', 8, FRIEND)],
        expected: [],
      },
      {
        name: 'ignores an official promotion from the official sender',
        scenario: [
          prizeSms('p1', 0, true),
          topup('t1', 10),
          otp('o1', 15),
          knownFriend('k1'),
          transfer('x1', 18, FRIEND),
        ],
        expected: [],
      },
      {
        name: 'does not match when the code comes after the 30 min window',
        scenario: [unknownCaller('c1', 0, 60), topup('t1', 5), otp('o1', 40), transfer('x1', 42, SCAMMER)],
        expected: [],
      },
    ],
  },
  false_prize_payment: {
    positive: [
      {
        name: 'matches a prize SMS then a transfer to its sender',
        scenario: [prizeSms('p1', 0), transfer('x1', 25, SCAMMER)],
        expected: ['false_prize_payment_sms/confirmed/high'],
      },
      {
        name: 'matches an unknown caller then a transfer to another unknown number',
        scenario: [unknownCaller('c1', 0, 120), transfer('x1', 30, OTHER_UNKNOWN)],
        // The unsolicited-transfer match shares the transfer: the prize-payment alert names it instead.
        expected: ['false_prize_payment_call/confirmed/high'],
      },
    ],
    negative: [
      {
        name: 'ignores an official prize SMS followed by a transfer to a known friend',
        scenario: [knownFriend('k1'), prizeSms('p1', 0, true), transfer('x1', 10, FRIEND)],
        expected: [],
      },
      {
        name: 'ignores a transfer more than 60 min after the prize SMS',
        scenario: [prizeSms('p1', 0), transfer('x1', 75, SCAMMER)],
        expected: [],
      },
    ],
  },
  relative_in_trouble: {
    positive: [
      {
        name: 'warns on a second call within 10 min and confirms the transfer to the caller',
        scenario: [unknownCaller('c1', 0, 90), unknownCaller('c2', 5, 60), transfer('x1', 12, SCAMMER, 5000)],
        expected: [
          'relative_in_trouble_repeat_call/early_warning/medium',
          'relative_in_trouble/confirmed/high',
        ],
      },
    ],
    negative: [
      {
        name: 'ignores a call from a known relative followed by a transfer',
        scenario: [knownFriend('k1'), unknownCaller('c1', 0, 120, FRIEND), transfer('x1', 10, FRIEND)],
        expected: [],
      },
      {
        name: 'ignores a transfer to the caller after 30 min',
        scenario: [unknownCaller('c1', 0, 120), transfer('x1', 45, SCAMMER)],
        expected: [],
      },
    ],
  },
  premium_sms_lure: {
    positive: [
      {
        name: 'warns on the lure and confirms the reply at high severity with the charge',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: '77475550000',
            counterpartyClass: 'domestic',
            features: {
              voiceMessageLure: true,
              referencedShortNumbers: [SHORT_NUMBER],
              officialSender: false,
            },
          }),
          ev('s1', 'sms_out', 4, { counterparty: SHORT_NUMBER, counterpartyClass: 'short_number' }),
          ev('ch1', 'premium_charge', 5, {
            counterparty: SHORT_NUMBER,
            counterpartyClass: 'short_number',
            amount: 2500,
          }),
        ],
        // One scam, one alert at its final severity: the reply's medium alert waits for the charge's window.
        expected: ['premium_sms_lure/early_warning/low', 'premium_sms_lure/confirmed/high'],
      },
      {
        name: 'confirms the reply at medium severity once the charge window passes without a charge',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: '77475550000',
            counterpartyClass: 'domestic',
            features: { activationLure: true, referencedShortNumbers: [SHORT_NUMBER], officialSender: false },
          }),
          ev('s1', 'sms_out', 4, { counterparty: SHORT_NUMBER, counterpartyClass: 'short_number' }),
        ],
        expected: ['premium_sms_lure/early_warning/low', 'premium_sms_lure/confirmed/medium'],
      },
      ...(['premiumBaitLure', 'subscriptionLure'] as const).map((lure) => ({
        name: `confirms a ${lure} SMS from an unknown sender followed by an SMS to its short number`,
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: '77475550000',
            counterpartyClass: 'domestic',
            features: { [lure]: true, referencedShortNumbers: [SHORT_NUMBER], officialSender: false },
          }),
          ev('s1', 'sms_out', 4, { counterparty: SHORT_NUMBER, counterpartyClass: 'short_number' }),
        ],
        expected: ['premium_sms_lure/early_warning/low', 'premium_sms_lure/confirmed/medium'],
      })),
    ],
    negative: [
      {
        name: 'warns on a premium-rate bait but confirms nothing when the SMS goes to another short number',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: '77475550000',
            counterpartyClass: 'domestic',
            features: {
              premiumBaitLure: true,
              referencedShortNumbers: [SHORT_NUMBER],
              officialSender: false,
            },
          }),
          ev('s1', 'sms_out', 4, { counterparty: '7999', counterpartyClass: 'short_number' }),
        ],
        expected: ['premium_sms_lure/early_warning/low'],
      },
      {
        name: 'ignores a voice-mail notice from the official sender 2000',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: '2000',
            counterpartyClass: 'official',
            features: { voiceMessageLure: true, officialSender: true, referencedShortNumbers: ['2000'] },
          }),
          ev('s1', 'sms_out', 3, { counterparty: '2000', counterpartyClass: 'official' }),
        ],
        expected: [],
      },
    ],
  },
  premium_sms_malware: {
    positive: [
      {
        name: 'confirms 5 SMS to short numbers within 10 min',
        scenario: [0, 1.5, 3, 5, 8].map((m, i) =>
          ev(`s${i}`, 'sms_out', m, { counterparty: `71${i}0`, counterpartyClass: 'short_number' }),
        ),
        expected: ['premium_sms_malware_burst/confirmed/high'],
      },
      {
        name: 'confirms 3 premium charges within 60 min',
        scenario: [0, 20, 50].map((m, i) =>
          ev(`ch${i}`, 'premium_charge', m, {
            counterparty: '7130',
            counterpartyClass: 'short_number',
            amount: 300,
          }),
        ),
        expected: ['premium_sms_malware_charges/confirmed/high'],
      },
    ],
    negative: [
      {
        name: 'ignores SMS to short numbers spread over an hour',
        scenario: [0, 12, 24, 36, 48].map((m, i) =>
          ev(`s${i}`, 'sms_out', m, { counterparty: `71${i}0`, counterpartyClass: 'short_number' }),
        ),
        expected: [],
      },
    ],
  },
  smishing_bulk_sender: {
    positive: [
      {
        name: 'confirms a sender reaching 50 distinct recipients with a link within 10 min',
        scenario: Array.from({ length: 50 }, (_, i) =>
          ev(
            `b${i}`,
            'sms_sent',
            i * 0.15,
            { counterparty: `7701${String(i).padStart(7, '0')}`, features: { hasUrl: true } },
            'sender:PROMO-X',
          ),
        ),
        expected: ['smishing_bulk_sender/confirmed/high'],
      },
    ],
    negative: [
      {
        name: "ignores a shop's bulk SMS from an allow-listed sender",
        scenario: Array.from({ length: 80 }, (_, i) =>
          ev(
            `b${i}`,
            'sms_sent',
            i * 0.1,
            {
              counterparty: `7701${String(i).padStart(7, '0')}`,
              features: { hasUrl: true, officialSender: true },
            },
            'sender:SHOP',
          ),
        ),
        expected: [],
      },
      {
        name: 'ignores 49 distinct recipients, however many messages',
        scenario: Array.from({ length: 98 }, (_, i) =>
          ev(
            `b${i}`,
            'sms_sent',
            i * 0.05,
            { counterparty: `7701${String(i % 49).padStart(7, '0')}`, features: { hasUrl: true } },
            'sender:X',
          ),
        ),
        expected: [],
      },
    ],
  },
  brand_phishing_link: {
    positive: [
      {
        name: 'confirms one SMS with a brand look-alike link',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: SCAMMER,
            features: { hasUrl: true, brandLookalikeDomain: true },
          }),
        ],
        expected: ['brand_phishing_link/confirmed/high'],
      },
    ],
    negative: [
      {
        name: 'ignores a link from the official sender',
        scenario: [
          ev('l1', 'sms_in', 0, {
            counterparty: 'Kcell',
            counterpartyClass: 'official',
            features: { hasUrl: true, officialSender: true, urlDomains: ['kcell.kz'] },
          }),
        ],
        expected: [],
      },
    ],
  },
  spyware_offer: {
    positive: [
      {
        name: 'confirms one SMS offering interception software',
        scenario: [ev('l1', 'sms_in', 0, { counterparty: SCAMMER, features: { spywareOffer: true } })],
        expected: ['spyware_offer/confirmed/low'],
      },
    ],
    negative: [
      {
        name: 'ignores an ordinary SMS',
        scenario: [ev('l1', 'sms_in', 0, { counterparty: FRIEND, features: { hasUrl: false } })],
        expected: [],
      },
    ],
  },
  stolen_card_topups: {
    positive: [
      {
        name: 'confirms one card topping up 3 distinct numbers within 60 min',
        scenario: [0, 15, 40].map((m, i) =>
          ev(`ct${i}`, 'card_topup', m, { counterparty: `770100000${i}0`, amount: 5000 }, 'card:tok-1'),
        ),
        expected: ['stolen_card_topups/confirmed/high'],
      },
      {
        name: 'confirms a card top-up followed by a transfer of 80 % of it within 15 min',
        scenario: [knownFriend('k1'), topup('t1', 0, 10_000, 'bank_card'), transfer('x1', 10, FRIEND, 8_000)],
        expected: ['stolen_card_topups_cash_out/confirmed/high'],
      },
    ],
    negative: [
      {
        name: 'ignores a card topping up the same number three times',
        scenario: [0, 15, 40].map((m, i) =>
          ev(`ct${i}`, 'card_topup', m, { counterparty: '77010000010', amount: 5000 }, 'card:tok-1'),
        ),
        expected: [],
      },
      {
        name: 'ignores a transfer of half the top-up',
        scenario: [knownFriend('k1'), topup('t1', 0, 10_000, 'bank_card'), transfer('x1', 10, FRIEND, 5_000)],
        expected: [],
      },
    ],
  },
  unsolicited_transfer_request: {
    positive: [
      {
        name: 'confirms a transfer to a first-contact number once 30 min pass without a call',
        scenario: [transfer('x1', 0, OTHER_UNKNOWN, 3000)],
        expected: ['unsolicited_transfer_request/confirmed/low'],
      },
    ],
    negative: [
      {
        name: 'ignores a transfer followed by a call with the recipient',
        scenario: [
          transfer('x1', 0, OTHER_UNKNOWN, 3000),
          ev('c1', 'call_out', 6, {
            counterparty: OTHER_UNKNOWN,
            counterpartyClass: 'domestic',
            durationSec: 40,
          }),
        ],
        expected: [],
      },
      {
        name: 'ignores a transfer to a known number',
        scenario: [knownFriend('k1'), transfer('x1', 0, FRIEND, 3000)],
        expected: [],
      },
    ],
  },
};

describe(CorrelationEngine.name, () => {
  describe('with the advisory rule set', () => {
    for (const [typology, { positive, negative }] of Object.entries(cases)) {
      describe(typology, () => {
        for (const c of [...positive, ...negative]) {
          it(`${c.name} (in order and shuffled within the allowed lateness)`, () => expectCase(c));
        }
      });
    }

    it('covers all ten typologies with at least one positive and one negative case', () => {
      expect(Object.keys(cases)).toHaveLength(10);
      for (const { positive, negative } of Object.values(cases)) {
        expect(positive.length).toBeGreaterThan(0);
        expect(negative.length).toBeGreaterThan(0);
      }
    });

    it('names the lure of a sequence match (the unknown caller or sender of its lure step) and of no threshold match', () => {
      const byCall = runToEnd(
        inArrivalOrder([unknownCaller('c1', 0, 540), topup('t1', 2), otp('o1', 4)]),
      ).alerts;
      expect(byCall.find((a) => a.ruleId === 'prize_code_theft')?.lure).toEqual({
        counterparty: SCAMMER,
        role: 'caller',
      });
      const bySms = runToEnd(inArrivalOrder([prizeSms('s1', 0), transfer('p1', 5, SCAMMER)])).alerts;
      expect(bySms.length).toBeGreaterThan(0);
      for (const alert of bySms) expect(alert.lure).toEqual({ counterparty: SCAMMER, role: 'sender' });
      const charges = [0, 5, 10].map((minute, i) =>
        ev(`m${i}`, 'premium_charge', minute, {
          counterparty: SHORT_NUMBER,
          counterpartyClass: 'short_number',
          amount: 200,
        }),
      );
      const threshold = runToEnd(inArrivalOrder(charges)).alerts;
      expect(threshold.map((a) => a.typology)).toContain('premium_sms_malware');
      for (const alert of threshold) expect(alert.lure).toBeUndefined();
    });

    it('emits the prize_code_theft early warning with its notification template and evidence steps', () => {
      const scenario = [unknownCaller('c1', 0, 540), topup('t1', 2), otp('o1', 4)];
      const { alerts } = runToEnd(inArrivalOrder(scenario));
      const warning = alerts.find((a) => a.ruleId === 'prize_code_theft');
      expect(warning).toMatchObject({
        stage: 'early_warning',
        notify: 'never-share-code',
        entity: SUBSCRIBER,
        counterparties: [SCAMMER, SERVICE_SENDER],
        evidence: [
          { eventId: 'c1:call_in', step: 'lure' },
          { eventId: 't1:topup', step: 'topup' },
          { eventId: 'o1:sms_in', step: 'code' },
        ],
      });
      expect(warning?.explanation).toContain(SCAMMER);
      expect(warning?.explanation).toMatch(/the code has not been shared and no money has left yet\.$/);
      expect(warning?.explanation).not.toContain('?');
    });

    it('says in words what every early warning of the advisory rules is still missing, never a "?"', () => {
      const scenario = [
        unknownCaller('c1', 0, 540),
        topup('t1', 2),
        otp('o1', 4),
        ev('l1', 'sms_in', 10, {
          counterparty: SCAMMER,
          counterpartyClass: 'domestic',
          features: { voiceMessageLure: true, referencedShortNumbers: [SHORT_NUMBER], officialSender: false },
        }),
        unknownCaller('c2', 20, 60, OTHER_UNKNOWN),
        unknownCaller('c3', 25, 60, OTHER_UNKNOWN),
      ];
      const warnings = runToEnd(inArrivalOrder(scenario)).alerts.filter((a) => a.stage === 'early_warning');
      expect(warnings.map((a) => a.ruleId).sort()).toEqual([
        'premium_sms_lure',
        'prize_code_theft',
        'relative_in_trouble_repeat_call',
      ]);
      for (const warning of warnings) expect(warning.explanation).not.toMatch(/\?/);
      expect(warnings.find((a) => a.ruleId === 'premium_sms_lure')?.explanation).toMatch(
        /naming a short number; no SMS has been sent to it yet\.$/,
      );
    });

    it('quotes the step a confirmed alert reached instead of what was missing', () => {
      const scenario = [
        unknownCaller('c1', 0, 540),
        topup('t1', 2),
        otp('o1', 4),
        transfer('x1', 6, SCAMMER, 900),
      ];
      const confirmed = runToEnd(inArrivalOrder(scenario)).alerts.find(
        (a) => a.ruleId === 'prize_code_theft' && a.stage === 'confirmed',
      );
      expect(confirmed?.explanation).toMatch(/, then transfer_out at \S+\.$/);
      expect(confirmed?.explanation).not.toContain('has not been shared');
    });
  });
});
