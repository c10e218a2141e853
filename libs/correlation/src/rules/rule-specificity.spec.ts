import type { AlertV1 } from '@vigil/contracts';
import { confirmedInAnyOrder, ev, inArrivalOrder, runToEnd, type Scheduled } from '../../test/entity-events';
import { parseRuleSet } from './rule-parser';

const SCAMMER = '77479990001';
const SECOND_NUMBER = '77479990002';
const COLLECTOR = '77015550009';

const unknownCall = (id: string, minute: number, counterparty = SCAMMER): Scheduled =>
  ev(id, 'call_in', minute, {
    counterparty,
    counterpartyClass: 'domestic',
    answered: true,
    durationSec: 120,
  });
const prizeSms = (id: string, minute: number): Scheduled =>
  ev(id, 'sms_in', minute, {
    counterparty: SCAMMER,
    counterpartyClass: 'domestic',
    features: { prizeLure: true, officialSender: false, senderClass: 'msisdn' },
  });
const code = (id: string, minute: number): Scheduled =>
  ev(id, 'sms_in', minute, {
    counterparty: 'KCELLPAY',
    counterpartyClass: 'alphanumeric',
    features: { otpCode: true, serviceSender: true, officialSender: false },
  });
const topup = (id: string, minute: number, channel = 'terminal', amount = 10_000): Scheduled =>
  ev(id, 'topup', minute, { amount, currency: 'KZT', channel });
const transfer = (id: string, minute: number, counterparty: string, amount = 9_000): Scheduled =>
  ev(id, 'transfer_out', minute, { counterparty, counterpartyClass: 'domestic', amount, currency: 'KZT' });
/** Days earlier: the collector is a known contact, so a transfer to it is no first contact. */
const knownCollector = ev('k1', 'sms_out', -3 * 24 * 60, {
  counterparty: COLLECTOR,
  counterpartyClass: 'domestic',
});

/** `ruleId [supporting rule ids]` of each confirmed alert, the same in arrival order and shuffled within lateness. */
function confirmedOf(scenario: Scheduled[]): string[] {
  return confirmedInAnyOrder(scenario, scenario.length * 104_729)
    .map(label)
    .sort();
}

function label(alert: AlertV1): string {
  const supporting = (alert.supportingRules as { ruleId: string }[] | undefined)?.map((s) => s.ruleId) ?? [];
  return `${alert.ruleId} [${supporting.sort().join(' ')}]`;
}

interface Pair {
  stronger: string;
  weaker: string;
  /** Both rules match, sharing events: only the stronger alerts, naming the weaker. */
  overlapping: Scheduled[];
  overlappingExpected: string[];
  /** The benign twin: the weaker rule's pattern alone, which still alerts. */
  alone: Scheduled[];
  aloneExpected: string[];
}

const pairs: Pair[] = [
  {
    stronger: 'prize_code_theft',
    weaker: 'false_prize_payment_sms',
    overlapping: [prizeSms('p1', 0), topup('t1', 10), code('o1', 15), transfer('x1', 18, SCAMMER)],
    overlappingExpected: ['prize_code_theft [false_prize_payment_sms]'],
    alone: [prizeSms('p1', 0), transfer('x1', 18, SCAMMER)],
    aloneExpected: ['false_prize_payment_sms []'],
  },
  {
    stronger: 'prize_code_theft',
    weaker: 'false_prize_payment_call',
    // The prize theft pays a second unknown number: also an unsolicited transfer (no call with it follows).
    overlapping: [unknownCall('c1', 0), topup('t1', 5), code('o1', 8), transfer('x1', 12, SECOND_NUMBER)],
    overlappingExpected: ['prize_code_theft [false_prize_payment_call unsolicited_transfer_request]'],
    alone: [unknownCall('c1', 0), transfer('x1', 12, SECOND_NUMBER)],
    aloneExpected: ['false_prize_payment_call [unsolicited_transfer_request]'],
  },
  {
    stronger: 'prize_code_theft',
    weaker: 'relative_in_trouble',
    overlapping: [unknownCall('c1', 0), topup('t1', 5), code('o1', 8), transfer('x1', 12, SCAMMER)],
    overlappingExpected: ['prize_code_theft [relative_in_trouble]'],
    alone: [unknownCall('c1', 0), transfer('x1', 12, SCAMMER)],
    aloneExpected: ['relative_in_trouble []'],
  },
  {
    stronger: 'prize_code_theft',
    weaker: 'stolen_card_topups_cash_out',
    overlapping: [
      knownCollector,
      prizeSms('p1', 0),
      topup('t1', 5, 'bank_card'),
      code('o1', 8),
      transfer('x1', 12, COLLECTOR),
    ],
    overlappingExpected: ['prize_code_theft [stolen_card_topups_cash_out]'],
    alone: [knownCollector, topup('t1', 5, 'bank_card'), transfer('x1', 12, COLLECTOR)],
    aloneExpected: ['stolen_card_topups_cash_out []'],
  },
  {
    stronger: 'false_prize_payment_sms',
    weaker: 'stolen_card_topups_cash_out',
    overlapping: [prizeSms('p1', 0), topup('t1', 5, 'bank_card'), transfer('x1', 12, SCAMMER)],
    overlappingExpected: ['false_prize_payment_sms [stolen_card_topups_cash_out]'],
    alone: [knownCollector, topup('t1', 5, 'bank_card'), transfer('x1', 12, COLLECTOR)],
    aloneExpected: ['stolen_card_topups_cash_out []'],
  },
  {
    stronger: 'false_prize_payment_call',
    weaker: 'stolen_card_topups_cash_out',
    overlapping: [unknownCall('c1', 0), topup('t1', 5, 'bank_card'), transfer('x1', 12, SECOND_NUMBER)],
    overlappingExpected: [
      'false_prize_payment_call [stolen_card_topups_cash_out unsolicited_transfer_request]',
    ],
    alone: [knownCollector, topup('t1', 5, 'bank_card'), transfer('x1', 12, COLLECTOR)],
    aloneExpected: ['stolen_card_topups_cash_out []'],
  },
  {
    stronger: 'relative_in_trouble',
    weaker: 'stolen_card_topups_cash_out',
    overlapping: [unknownCall('c1', 0), topup('t1', 5, 'bank_card'), transfer('x1', 12, SCAMMER)],
    overlappingExpected: ['relative_in_trouble [stolen_card_topups_cash_out]'],
    alone: [knownCollector, topup('t1', 5, 'bank_card'), transfer('x1', 12, COLLECTOR)],
    aloneExpected: ['stolen_card_topups_cash_out []'],
  },
  {
    stronger: 'relative_in_trouble',
    weaker: 'false_prize_payment_call',
    // The victim pays the caller, then a number it never dealt with (a shop calling back to confirm the order).
    overlapping: [
      unknownCall('c1', 0),
      transfer('x1', 12, SCAMMER),
      transfer('x2', 30, SECOND_NUMBER),
      unknownCall('c2', 35, SECOND_NUMBER),
    ],
    overlappingExpected: ['relative_in_trouble [false_prize_payment_call]'],
    alone: [unknownCall('c1', 0), transfer('x2', 30, SECOND_NUMBER), unknownCall('c2', 35, SECOND_NUMBER)],
    // Support names rules whose positive steps match: the unsolicited transfer's absence step is not asked.
    aloneExpected: ['false_prize_payment_call [unsolicited_transfer_request]'],
  },
  {
    stronger: 'stolen_card_topups_cash_out',
    weaker: 'unsolicited_transfer_request',
    overlapping: [topup('t1', 0, 'bank_card'), transfer('x1', 5, SECOND_NUMBER)],
    overlappingExpected: ['stolen_card_topups_cash_out [unsolicited_transfer_request]'],
    alone: [topup('t1', 0), transfer('x1', 5, SECOND_NUMBER)],
    aloneExpected: ['unsolicited_transfer_request []'],
  },
  {
    stronger: 'false_prize_payment_sms',
    weaker: 'unsolicited_transfer_request',
    overlapping: [prizeSms('p1', 0), transfer('x1', 20, SECOND_NUMBER)],
    overlappingExpected: ['false_prize_payment_sms [unsolicited_transfer_request]'],
    alone: [transfer('x1', 20, SECOND_NUMBER)],
    aloneExpected: ['unsolicited_transfer_request []'],
  },
  {
    stronger: 'false_prize_payment_call',
    weaker: 'unsolicited_transfer_request',
    overlapping: [unknownCall('c1', 0), transfer('x1', 20, SECOND_NUMBER)],
    overlappingExpected: ['false_prize_payment_call [unsolicited_transfer_request]'],
    alone: [transfer('x1', 20, SECOND_NUMBER)],
    aloneExpected: ['unsolicited_transfer_request []'],
  },
];

describe('most specific typology wins, evidence kept (`supersedes`)', () => {
  describe.each(pairs)('$stronger over $weaker', (pair) => {
    it('publishes only the more specific alert and names the other on it', () => {
      expect(confirmedOf(pair.overlapping)).toEqual(pair.overlappingExpected);
    });

    it('benign twin: the less specific pattern alone still alerts', () => {
      expect(confirmedOf(pair.alone)).toEqual(pair.aloneExpected);
    });
  });

  it('keeps both alerts when they share no event (the victim also pays a first-contact number later)', () => {
    const scenario = [
      unknownCall('c1', 0),
      topup('t1', 5),
      code('o1', 8),
      transfer('x1', 12, SCAMMER),
      transfer('x2', 150, SECOND_NUMBER),
    ];
    expect(confirmedOf(scenario)).toEqual([
      'prize_code_theft [relative_in_trouble]',
      'unsolicited_transfer_request []',
    ]);
  });

  describe('threshold rules of one typology (premium_sms_malware: burst and charges)', () => {
    const sms = (i: number, minute: number) =>
      ev(`s${i}`, 'sms_out', minute, { counterparty: `77${i}0`, counterpartyClass: 'short_number' });
    const charge = (i: number, minute: number) =>
      ev(`c${i}`, 'premium_charge', minute, { counterparty: `77${i}0`, amount: 300, currency: 'KZT' });

    it('alerts once for a burst of SMS and the charges they bring, the earliest rule to fire', () => {
      const scenario = [0, 1, 2, 3, 4].flatMap((i) => [sms(i, i), charge(i, i + 0.5)]);
      expect(confirmedOf(scenario)).toEqual(['premium_sms_malware_charges []']);
    });

    it('benign twin: bursts two hours apart are two infections, two alerts', () => {
      const burst = (offset: number) => [0, 1, 2, 3, 4].map((i) => sms(i + offset, offset + i));
      expect(confirmedOf([...burst(0), ...burst(120)])).toEqual([
        'premium_sms_malware_burst []',
        'premium_sms_malware_burst []',
      ]);
    });
  });

  it('names the superseded match in the engine output, for the correlator to log', () => {
    const { engine } = runToEnd(inArrivalOrder(pairs[2].overlapping));
    expect(engine.stats().alertsSuperseded).toBe(1);
  });

  it('rejects unknown rules and cycles', () => {
    const rule = (id: string, supersedes: string) => `
- id: ${id}
  version: 1
  typology: relative_in_trouble
  severity: high
  description: d
  explanation: e
  supersedes: [${supersedes}]
  sequence:
    - { name: call, match: { kind: call_in } }
    - { name: pay, within: 30m, match: { kind: transfer_out } }
`;
    expect(() => parseRuleSet([{ path: 'x.yaml', content: rule('a', 'nowhere') }])).toThrow(
      /supersedes: no rule nowhere/,
    );
    expect(() => parseRuleSet([{ path: 'x.yaml', content: rule('a', 'b') + rule('b', 'a') }])).toThrow(
      /supersedes: a cycle leads back to it/,
    );
  });
});
