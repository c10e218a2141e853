import { payAShop, subscriberVariant, knownNumber } from './scenario-parties';
import type { ScenarioScript, TypologyScenarios } from './scenario-script';

/**
 * Advisory "Injury to the relative": an unknown number calls, claims to be a relative in trouble, and the
 * victim transfers balance to it within 30 min; a second call within 10 min is the early warning.
 */

function callerNumber(s: ScenarioScript): string {
  const r = s.random.next();
  if (r < 0.5) return s.numbers.home();
  return r < 0.85 ? s.numbers.domestic() : s.numbers.international();
}

const singleCallTransfer = subscriberVariant('single_call_transfer', (s, victim) => {
  const { random } = s;
  const scammer = callerNumber(s);
  const durationSec = random.int(40, 300);
  s.call(s.at(0), scammer, victim, true, durationSec);
  const transferAt = s.after(s.at(durationSec / 60), 1, 22);
  s.loss(s.transfer(transferAt, victim, scammer, random.int(4, 60) * 500));
});

const repeatCallTransfer = subscriberVariant('repeat_call_transfer', (s, victim) => {
  const { random } = s;
  const scammer = callerNumber(s);
  const firstSec = random.int(30, 120);
  s.call(s.at(0), scammer, victim, true, firstSec);
  s.call(s.atBetween(firstSec / 60 + 1, 9), scammer, victim, random.chance(0.8), random.int(30, 180));
  s.loss(s.transfer(s.atBetween(13, 28), victim, scammer, random.int(4, 60) * 500));
});

/**
 * Call start times (minutes) of a "relative" who calls again and again: 3 to 5 calls over 30-45 min, gaps varied
 * (a few minutes to a quarter of an hour); `minFirstGap` keeps the second call out of the 10 min warning window.
 */
function callStarts(s: ScenarioScript, minFirstGap: number): number[] {
  const { random } = s;
  const count = random.int(3, 5);
  const spanMin = random.between(30, 45);
  const starts = [0];
  for (let i = 1; i < count - 1; i++) starts.push(random.between(minFirstGap, spanMin - 4));
  starts.push(spanMin);
  return starts.sort((a, b) => a - b);
}

/** Calls spread over 30-45 min, the transfer minutes after the last: the window runs from the last call. */
const manyCallsTransferAfterLast = subscriberVariant('many_calls_transfer_after_last', (s, victim) => {
  const { random } = s;
  const scammer = callerNumber(s);
  const starts = callStarts(s, 1);
  let lastEndMin = 0;
  starts.forEach((minute, i) => {
    const durationSec = random.int(40, 240);
    // The first call is answered (it opens the match); later ones now and then go unanswered.
    s.call(s.at(minute), scammer, victim, i === 0 || random.chance(0.8), durationSec);
    lastEndMin = minute + durationSec / 60;
  });
  const transferAt = s.after(s.at(lastEndMin), 1, 12);
  s.loss(s.transfer(transferAt, victim, scammer, random.int(4, 60) * 500));
  // A victim who also pays a shop afterwards raises no second alert.
  if (random.chance(0.3)) payAShop(s, s.after(transferAt, 5, 40), victim);
});

// ---- benign look-alikes -------------------------------------------------------------------------

const knownRelativeCallTransfer = subscriberVariant('known_relative_call_transfer', (s, subscriber) => {
  const { random } = s;
  const relative = knownNumber(s, subscriber);
  s.call(s.at(0), relative, subscriber, true, random.int(30, 300));
  s.transfer(s.atBetween(6, 25), subscriber, relative, random.int(2, 40) * 500);
});

/** An unknown caller, paid only after the 30 min window (a new acquaintance, a seller). */
const transferAfterWindow = subscriberVariant('transfer_after_window', (s, subscriber) => {
  const { random } = s;
  const caller = callerNumber(s);
  s.call(s.at(0), caller, subscriber, true, random.int(40, 300));
  s.transfer(s.atBetween(36, 55), subscriber, caller, random.int(2, 40) * 500);
});

/** An unknown number calls twice, but the second call comes after the 10 min warning window; no payment. */
const repeatCallAfterWindow = subscriberVariant('repeat_call_after_window', (s, subscriber) => {
  const { random } = s;
  const caller = callerNumber(s);
  s.call(s.at(0), caller, subscriber, true, random.int(30, 120));
  s.call(s.atBetween(12, 25), caller, subscriber, true, random.int(30, 120));
});

/** The same calls, but the transfer more than 30 min after the last one ended (a debt settled later). */
const manyCallsTransferLongAfter = subscriberVariant(
  'many_calls_transfer_long_after_last',
  (s, subscriber) => {
    const { random } = s;
    const caller = callerNumber(s);
    const starts = callStarts(s, 11);
    let lastEndMin = 0;
    for (const minute of starts) {
      const durationSec = random.int(40, 240);
      s.call(s.at(minute), caller, subscriber, true, durationSec);
      lastEndMin = minute + durationSec / 60;
    }
    s.transfer(s.after(s.at(lastEndMin), 32, 55), subscriber, caller, random.int(2, 40) * 500);
  },
);

export const relativeInTroubleScenarios: TypologyScenarios = {
  typology: 'relative_in_trouble',
  expectedStages: (variant) =>
    variant === 'repeat_call_transfer' ? ['early_warning', 'confirmed'] : ['confirmed'],
  scams: [singleCallTransfer, repeatCallTransfer, manyCallsTransferAfterLast],
  benign: [knownRelativeCallTransfer, transferAfterWindow, repeatCallAfterWindow, manyCallsTransferLongAfter],
};
