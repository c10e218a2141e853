import { CODE_REPLY_TEXTS, PRIZE_LURE_TEXTS } from '../texts/scam-texts';
import { OFFICIAL_PROMO_TEXTS } from '../texts/service-texts';
import { renderText } from '../texts/language';
import {
  cashChannel,
  confirmationCode,
  msisdnEntity,
  payAShop,
  scamTextValues,
  sendOtp,
  subscriberVariant,
  topupAmount,
  knownNumber,
} from './scenario-parties';
import type { ScenarioScript, ScenarioVariant, TypologyScenarios } from './scenario-script';
import type { WrittenEvent } from '../traffic-writer';

/**
 * Advisory "Unauthorized access to your mobile balance": lure (unknown caller or prize SMS) → top-up →
 * confirmation code from a service sender → the balance leaves. Rule windows: lure→top-up 60 min,
 * top-up→code 30 min, code→loss 10 min.
 */

/** The victim texts the confirmation code to the scammer. */
function replyWithCode(s: ScenarioScript, atMs: number, victim: string, scammer: string): WrittenEvent {
  return s.sms(
    atMs,
    victim,
    scammer,
    renderText(CODE_REPLY_TEXTS, { code: confirmationCode(s.random) }, s.random),
  );
}

/**
 * The classic: the code arrives while the scammer is still on the line; the victim then passes it on, or the balance
 * goes to a second unknown number (`second_number`: a false-prize payment and an unsolicited transfer too, on the
 * same events, topped up by bank card half of the time, a card top-up cashed out too; a third of those victims also
 * pay a shop afterwards). One prize_code_theft alert either way.
 */
function codeDuringCall(loss: 'callback' | 'sms_reply' | 'second_number'): ScenarioVariant {
  return subscriberVariant(`call_code_during_call_${loss}`, (s, victim) => {
    const { random } = s;
    const scammer = s.numbers.scammer();
    // 4.5-6 min: long enough to hold the line until the code arrives, short enough that the record
    // (published at call end plus mediation) is not later than the correlator's 10 min lateness.
    const durationSec = random.int(270, 360);
    s.call(s.at(0), scammer, victim, true, durationSec);
    const topupAt = s.atBetween(0.8, 2);
    const amount = topupAmount(random);
    if (random.chance(loss === 'second_number' ? 0.5 : 0.3))
      s.topup(topupAt, victim, amount, 'bank_card', s.numbers.cardToken());
    else s.topup(topupAt, victim, amount, cashChannel(random));
    const codeAt = topupAt + Math.round(random.between(30_000, 120_000));
    sendOtp(s, codeAt, victim);
    const lossAt = s.at(durationSec / 60) + Math.round(random.between(20_000, 180_000));
    if (loss === 'second_number') {
      const paid = s.transfer(
        lossAt,
        victim,
        s.numbers.scammer(),
        Math.round(amount * random.between(0.85, 1)),
      );
      s.loss(paid);
      if (random.chance(0.35)) payAShop(s, s.after(lossAt, 15, 40), victim);
    } else if (loss === 'callback') s.loss(s.call(lossAt, victim, scammer, true, random.int(20, 120)));
    else s.loss(replyWithCode(s, lossAt, victim, scammer));
  });
}

/**
 * After the lure: the victim tops up in cash, a confirmation code arrives, and 80-100 % of the top-up goes to the
 * scammer. Minutes as [min, max): the top-up after the anchor, the code after the top-up, the loss after the code.
 */
function cashTopupCodeTransfer(
  s: ScenarioScript,
  victim: string,
  scammer: string,
  minutes: { topupAt: [number, number]; codeAfter: [number, number]; lossAfter: [number, number] },
): void {
  const { random } = s;
  const topupAt = s.atBetween(...minutes.topupAt);
  const amount = topupAmount(random);
  s.topup(topupAt, victim, amount, cashChannel(random));
  const codeAt = s.after(topupAt, ...minutes.codeAfter);
  sendOtp(s, codeAt, victim);
  const lossAt = s.after(codeAt, ...minutes.lossAfter);
  s.loss(s.transfer(lossAt, victim, scammer, Math.round(amount * random.between(0.8, 1))));
}

const prizeSmsThenTransfer = subscriberVariant('sms_prize_lure_transfer', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  s.sms(s.at(0), scammer, victim, renderText(PRIZE_LURE_TEXTS, scamTextValues(random), random));
  // The transfer to the lure's sender lands more than 60 min after the lure, so it is not also a
  // false_prize_payment (prize SMS → transfer to its sender within 60 min).
  cashTopupCodeTransfer(s, victim, scammer, { topupAt: [50, 58], codeAfter: [12, 25], lossAfter: [1, 8] });
});

const prizeSmsThenReply = subscriberVariant('sms_prize_lure_sms_reply', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  s.sms(s.at(0), scammer, victim, renderText(PRIZE_LURE_TEXTS, scamTextValues(random), random));
  const topupAt = s.atBetween(3, 50);
  s.topup(topupAt, victim, topupAmount(random), cashChannel(random));
  const codeAt = s.after(topupAt, 1, 25);
  sendOtp(s, codeAt, victim);
  const lossAt = s.after(codeAt, 0.5, 9);
  s.loss(replyWithCode(s, lossAt, victim, scammer));
});

const callThenTransferToCaller = subscriberVariant('call_lure_transfer_to_caller', (s, victim) => {
  const { random } = s;
  const scammer = s.numbers.scammer();
  s.call(s.at(0), scammer, victim, true, random.int(60, 300));
  // More than 30 min after the call, so the transfer to the caller is not also relative_in_trouble's pattern.
  cashTopupCodeTransfer(s, victim, scammer, { topupAt: [31, 50], codeAfter: [1, 15], lossAfter: [1, 8] });
});

// ---- benign look-alikes -------------------------------------------------------------------------

/** The subscriber tops up, logs in with a code and sends part of it to a relative: nobody called first. */
const otpWithoutCaller = subscriberVariant('otp_without_caller', (s, subscriber) => {
  const { random } = s;
  const relative = knownNumber(s, subscriber);
  const amount = topupAmount(random);
  if (random.chance(0.5)) s.topup(s.at(0), subscriber, amount, 'bank_card', s.numbers.cardToken());
  else s.topup(s.at(0), subscriber, amount, cashChannel(random));
  sendOtp(s, s.atBetween(1, 10), subscriber);
  s.transfer(s.atBetween(12, 20), subscriber, relative, Math.round(amount * random.between(0.2, 0.5)));
});

const officialPromoThenOtp = subscriberVariant('official_promo_then_otp', (s, subscriber) => {
  const { random } = s;
  const relative = knownNumber(s, subscriber);
  s.sms(s.at(0), 'Kcell', subscriber, renderText(OFFICIAL_PROMO_TEXTS, {}, random));
  const amount = topupAmount(random);
  s.topup(s.atBetween(5, 30), subscriber, amount, cashChannel(random));
  sendOtp(s, s.atBetween(32, 45), subscriber);
  s.transfer(s.atBetween(46, 54), subscriber, relative, Math.round(amount * random.between(0.2, 0.6)));
});

const knownCallerThenOtp = subscriberVariant('known_caller_then_otp', (s, subscriber) => {
  const { random } = s;
  const relative = knownNumber(s, subscriber);
  s.call(s.at(0), relative, subscriber, true, random.int(60, 300));
  s.topup(s.atBetween(6, 12), subscriber, topupAmount(random), cashChannel(random));
  sendOtp(s, s.atBetween(13, 17), subscriber);
  s.call(s.atBetween(18, 25), subscriber, relative, true, random.int(30, 200));
});

/** An unknown caller, but the code comes more than 30 min after the top-up. */
const codeAfterWindow = subscriberVariant('code_after_window', (s, subscriber) => {
  const { random } = s;
  const caller = s.numbers.domestic();
  s.call(s.at(0), caller, subscriber, true, random.int(60, 300));
  const topupAt = s.atBetween(6, 15);
  s.topup(topupAt, subscriber, topupAmount(random), cashChannel(random));
  const codeAt = s.after(topupAt, 36, 55);
  sendOtp(s, codeAt, subscriber);
  s.call(s.after(codeAt, 1, 8), subscriber, caller, true, random.int(20, 90));
});

/** A courier's short call (under 30 s) or a missed call, then the subscriber's own top-up and code. */
function briefUnknownCall(answered: boolean): ScenarioVariant {
  return {
    name: answered ? 'short_unknown_call' : 'missed_unknown_call',
    play(s: ScenarioScript) {
      const { random } = s;
      const subscriber = s.numbers.home();
      const caller = s.numbers.domestic();
      s.call(s.at(0), caller, subscriber, answered, answered ? random.int(8, 25) : 0);
      s.topup(s.atBetween(3, 10), subscriber, topupAmount(random), cashChannel(random));
      sendOtp(s, s.atBetween(11, 15), subscriber);
      s.call(s.atBetween(16, 22), subscriber, caller, true, random.int(15, 60));
      return { entity: msisdnEntity(subscriber) };
    },
  };
}

export const prizeCodeTheftScenarios: TypologyScenarios = {
  typology: 'prize_code_theft',
  expectedStages: () => ['early_warning', 'confirmed'],
  scams: [
    codeDuringCall('callback'),
    codeDuringCall('sms_reply'),
    prizeSmsThenTransfer,
    prizeSmsThenReply,
    callThenTransferToCaller,
    codeDuringCall('second_number'),
  ],
  benign: [
    otpWithoutCaller,
    officialPromoThenOtp,
    knownCallerThenOtp,
    codeAfterWindow,
    briefUnknownCall(true),
    briefUnknownCall(false),
  ],
};
