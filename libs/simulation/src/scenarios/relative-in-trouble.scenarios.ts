import { knownContact, msisdnEntity } from './scenario-parties';
import type { ScenarioScript, ScenarioVariant, TypologyScenarios } from './scenario-script';

/**
 * Advisory "Injury to the relative": an unknown number calls, claims to be a relative in trouble, and the
 * victim transfers balance to it within 30 min; a second call within 10 min is the early warning.
 */

function callerNumber(s: ScenarioScript): string {
  const r = s.random.next();
  if (r < 0.5) return s.numbers.home();
  return r < 0.85 ? s.numbers.domestic() : s.numbers.international();
}

const singleCallTransfer: ScenarioVariant = {
  name: 'single_call_transfer',
  play(s) {
    const { random } = s;
    const victim = s.numbers.home();
    const scammer = callerNumber(s);
    const durationSec = random.int(40, 300);
    s.call(s.at(0), scammer, victim, true, durationSec);
    const transferAt = s.at(durationSec / 60) + Math.round(random.between(1, 22) * 60_000);
    s.loss(s.transfer(transferAt, victim, scammer, random.int(4, 60) * 500));
    return { entity: msisdnEntity(victim) };
  },
};

const repeatCallTransfer: ScenarioVariant = {
  name: 'repeat_call_transfer',
  play(s) {
    const { random } = s;
    const victim = s.numbers.home();
    const scammer = callerNumber(s);
    const firstSec = random.int(30, 120);
    s.call(s.at(0), scammer, victim, true, firstSec);
    s.call(s.atBetween(firstSec / 60 + 1, 9), scammer, victim, random.chance(0.8), random.int(30, 180));
    s.loss(s.transfer(s.atBetween(13, 28), victim, scammer, random.int(4, 60) * 500));
    return { entity: msisdnEntity(victim) };
  },
};

// ---- benign look-alikes -------------------------------------------------------------------------

const knownRelativeCallTransfer: ScenarioVariant = {
  name: 'known_relative_call_transfer',
  play(s) {
    const { random } = s;
    const subscriber = s.numbers.home();
    const relative = s.numbers.home();
    knownContact(s, subscriber, relative);
    s.call(s.at(0), relative, subscriber, true, random.int(30, 300));
    s.transfer(s.atBetween(6, 25), subscriber, relative, random.int(2, 40) * 500);
    return { entity: msisdnEntity(subscriber) };
  },
};

/** An unknown caller, paid only after the 30 min window (a new acquaintance, a seller). */
const transferAfterWindow: ScenarioVariant = {
  name: 'transfer_after_window',
  play(s) {
    const { random } = s;
    const subscriber = s.numbers.home();
    const caller = callerNumber(s);
    s.call(s.at(0), caller, subscriber, true, random.int(40, 300));
    s.transfer(s.atBetween(36, 55), subscriber, caller, random.int(2, 40) * 500);
    return { entity: msisdnEntity(subscriber) };
  },
};

/** An unknown number calls twice, but the second call comes after the 10 min warning window; no payment. */
const repeatCallAfterWindow: ScenarioVariant = {
  name: 'repeat_call_after_window',
  play(s) {
    const { random } = s;
    const subscriber = s.numbers.home();
    const caller = callerNumber(s);
    s.call(s.at(0), caller, subscriber, true, random.int(30, 120));
    s.call(s.atBetween(12, 25), caller, subscriber, true, random.int(30, 120));
    return { entity: msisdnEntity(subscriber) };
  },
};

export const relativeInTroubleScenarios: TypologyScenarios = {
  typology: 'relative_in_trouble',
  expectedStages: (variant) =>
    variant === 'repeat_call_transfer' ? ['early_warning', 'confirmed'] : ['confirmed'],
  scams: [singleCallTransfer, repeatCallTransfer],
  benign: [knownRelativeCallTransfer, transferAfterWindow, repeatCallAfterWindow],
};
