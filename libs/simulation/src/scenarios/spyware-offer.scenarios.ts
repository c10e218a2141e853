import { SPYWARE_OFFER_TEXTS } from '../texts/scam-texts';
import { SPYWARE_NEAR_MISS_TEXTS } from '../texts/chat-texts';
import { OFFICIAL_SPYWARE_WARNING_TEXTS } from '../texts/service-texts';
import { renderText } from '../texts/language';
import { scamSender, scamTextValues, subscriberVariant, knownNumber } from './scenario-parties';
import type { ScenarioVariant, TypologyScenarios } from './scenario-script';

/** Advisory "Software products of SMS and communication interception": one SMS offering spy software. */

function spyOffer(senderKind: 'msisdn' | 'alphanumeric'): ScenarioVariant {
  return subscriberVariant(`spy_offer_${senderKind}_sender`, (s, victim) => {
    const { random } = s;
    const sender = scamSender(s, senderKind, ['SpySoft', 'Tracker', 'Locator']);
    s.sms(s.at(0), sender, victim, renderText(SPYWARE_OFFER_TEXTS, scamTextValues(random), random));
  });
}

// ---- benign look-alikes -------------------------------------------------------------------------

/** The operator warns about interception apps: same words, official sender. */
const officialWarning = subscriberVariant('official_interception_warning', (s, subscriber) => {
  s.sms(s.at(0), 'Kcell', subscriber, renderText(OFFICIAL_SPYWARE_WARNING_TEXTS, {}, s.random));
});

/** A friend asks whether the message was read, or tracked a parcel. */
const friendNearMiss = subscriberVariant('friend_message_near_miss', (s, subscriber) => {
  const friend = knownNumber(s, subscriber);
  s.sms(s.at(0), friend, subscriber, renderText(SPYWARE_NEAR_MISS_TEXTS, {}, s.random));
});

export const spywareOfferScenarios: TypologyScenarios = {
  typology: 'spyware_offer',
  expectedStages: () => ['confirmed'],
  scams: [spyOffer('msisdn'), spyOffer('alphanumeric')],
  benign: [officialWarning, friendNearMiss],
};
