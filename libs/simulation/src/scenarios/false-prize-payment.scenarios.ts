import { PRIZE_FEE_TEXTS, PRIZE_LURE_TEXTS } from '../texts/scam-texts';
import { OFFICIAL_PROMO_TEXTS } from '../texts/service-texts';
import { renderText } from '../texts/language';
import { knownContact, scamTextValues, subscriberVariant, knownNumber } from './scenario-parties';
import type { ScenarioScript, TypologyScenarios } from './scenario-script';

/**
 * Advisory "False prize": a prize SMS or an unknown caller, then a "tax" or "delivery fee" transferred to
 * the lure's sender or to another unknown number within 60 min.
 */

/** The victim calls the fee number after paying ("did you get it?"): no unsolicited-transfer pattern. */
function confirmPaymentByCall(s: ScenarioScript, victim: string, payee: string, paidAtMs: number): void {
  s.call(s.after(paidAtMs, 2, 25), victim, payee, true, s.random.int(30, 150));
}

const smsLurePaySender = subscriberVariant('sms_lure_pay_sender', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  const values = scamTextValues(random, { number: scammer });
  s.sms(s.at(0), scammer, victim, renderText(PRIZE_FEE_TEXTS, values, random));
  s.loss(s.transfer(s.atBetween(5, 55), victim, scammer, values.amount));
});

/** The sender insists: 2-6 prize SMS over half an hour, then one payment (one alert, not one per SMS). */
const repeatedSmsLurePaySender = subscriberVariant('repeated_sms_lure_pay_sender', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  const values = scamTextValues(random, { number: scammer });
  const count = random.int(2, 6);
  for (let i = 0; i < count; i++)
    s.sms(
      s.at(i === 0 ? 0 : random.between(1, 30)),
      scammer,
      victim,
      renderText(PRIZE_FEE_TEXTS, values, random),
    );
  s.loss(s.transfer(s.atBetween(32, 55), victim, scammer, values.amount));
});

const smsLurePayOther = subscriberVariant('sms_lure_pay_other_number', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  const payee = s.numbers.home();
  const values = scamTextValues(random, { number: payee });
  s.sms(s.at(0), scammer, victim, renderText(PRIZE_FEE_TEXTS, values, random));
  const paid = s.loss(s.transfer(s.atBetween(5, 55), victim, payee, values.amount));
  confirmPaymentByCall(s, victim, payee, paid.atMs);
});

const callLurePayOther = subscriberVariant('call_lure_pay_other_number', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  const payee = s.numbers.home();
  s.call(s.at(0), scammer, victim, true, random.int(60, 300));
  const paid = s.loss(s.transfer(s.atBetween(8, 55), victim, payee, random.int(2, 40) * 500));
  confirmPaymentByCall(s, victim, payee, paid.atMs);
});

// ---- benign look-alikes -------------------------------------------------------------------------

const officialPromoThenFamilyTransfer = subscriberVariant(
  'official_promo_then_family_transfer',
  (s, subscriber) => {
    const { random } = s;
    const relative = knownNumber(s, subscriber);
    s.sms(s.at(0), 'Kcell', subscriber, renderText(OFFICIAL_PROMO_TEXTS, {}, random));
    s.transfer(s.atBetween(5, 55), subscriber, relative, random.int(2, 20) * 500);
  },
);

/** A prize SMS, and a payment to its sender only after the 60 min window. */
const latePaymentToSender = subscriberVariant('payment_after_window', (s, subscriber) => {
  const { random } = s;
  const sender = s.numbers.home();
  s.sms(s.at(0), sender, subscriber, renderText(PRIZE_LURE_TEXTS, scamTextValues(random), random));
  s.transfer(s.atBetween(65, 110), subscriber, sender, random.int(2, 20) * 500);
});

const knownCallerThenFamilyTransfer = subscriberVariant(
  'known_caller_then_family_transfer',
  (s, subscriber) => {
    const { random } = s;
    const caller = s.numbers.home();
    const relative = s.numbers.home();
    knownContact(s, subscriber, caller);
    knownContact(s, subscriber, relative);
    s.call(s.at(0), caller, subscriber, true, random.int(60, 300));
    s.transfer(s.atBetween(8, 50), subscriber, relative, random.int(2, 20) * 500);
  },
);

export const falsePrizePaymentScenarios: TypologyScenarios = {
  typology: 'false_prize_payment',
  expectedStages: () => ['confirmed'],
  scams: [smsLurePaySender, smsLurePayOther, callLurePayOther, repeatedSmsLurePaySender],
  benign: [officialPromoThenFamilyTransfer, latePaymentToSender, knownCallerThenFamilyTransfer],
};
