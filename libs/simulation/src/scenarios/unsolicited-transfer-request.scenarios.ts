import { CHAT_TEXTS } from '../texts/chat-texts';
import { renderText } from '../texts/language';
import { subscriberVariant, knownNumber } from './scenario-parties';
import type { ScenarioScript, ScenarioVariant, TypologyScenarios } from './scenario-script';

/**
 * Advisory "Social media scams": a request over a messenger (invisible to the operator), then a transfer to a
 * number never exchanged with, and no call with it within 30 min.
 */

function stranger(s: ScenarioScript): string {
  return s.random.chance(0.7) ? s.numbers.home() : s.numbers.domestic();
}

const transferToStranger = subscriberVariant('transfer_to_stranger', (s, victim) => {
  const { random } = s;
  if (random.chance(0.5)) {
    // An ordinary life before the scam: a chat with a friend hours earlier.
    const friend = knownNumber(s, victim);
    s.sms(s.at(-random.between(10, 30)), friend, victim, renderText(CHAT_TEXTS, {}, random));
  }
  s.loss(s.transfer(s.at(0), victim, stranger(s), random.int(2, 40) * 500));
});

// ---- benign look-alikes -------------------------------------------------------------------------

function transferThenCall(direction: 'call_out' | 'call_in'): ScenarioVariant {
  return subscriberVariant(
    direction === 'call_out' ? 'transfer_then_call_recipient' : 'transfer_then_recipient_calls',
    (s, subscriber) => {
      const { random } = s;
      const recipient = stranger(s);
      s.transfer(s.at(0), subscriber, recipient, random.int(2, 40) * 500);
      const callAt = s.atBetween(2, 25);
      if (direction === 'call_out') s.call(callAt, subscriber, recipient, true, random.int(20, 200));
      else s.call(callAt, recipient, subscriber, true, random.int(20, 200));
    },
  );
}

const knownRecipient = subscriberVariant('transfer_to_known_contact', (s, subscriber) => {
  const { random } = s;
  const relative = knownNumber(s, subscriber);
  s.transfer(s.at(0), subscriber, relative, random.int(2, 40) * 500);
});

export const unsolicitedTransferRequestScenarios: TypologyScenarios = {
  typology: 'unsolicited_transfer_request',
  expectedStages: () => ['confirmed'],
  scams: [transferToStranger],
  benign: [transferThenCall('call_out'), transferThenCall('call_in'), knownRecipient],
};
