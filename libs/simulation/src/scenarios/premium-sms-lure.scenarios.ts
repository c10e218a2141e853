import { ACTIVATION_LURE_TEXTS, VIRUS_LURE_TEXTS, VOICE_MESSAGE_LURE_TEXTS } from '../texts/scam-texts';
import type { ScamTextValues } from '../texts/scam-texts';
import {
  OFFICIAL_ACTIVATION_TEXTS,
  OFFICIAL_VIRUS_WARNING_TEXTS,
  VOICEMAIL_NOTICE_TEXTS,
} from '../texts/service-texts';
import { SHORT_NUMBER_PAYLOADS } from '../texts/chat-texts';
import { renderText, type TextCatalogue } from '../texts/language';
import { ORDINARY_SHORT_NUMBERS, scamTextValues, subscriberVariant } from './scenario-parties';
import type { ScenarioScript, ScenarioVariant, TypologyScenarios } from './scenario-script';

/**
 * Advisory "SMS to the costive short number" and "Blocking viruses": a voice-message, activation or virus
 * lure from a non-official sender names a premium short number; the victim writes to it within 60 min and
 * is charged.
 */

function lureSender(s: ScenarioScript): string {
  const r = s.random.next();
  if (r < 0.5) return s.numbers.home();
  if (r < 0.75) return s.numbers.domestic();
  return s.numbers.alphanumeric(s.random.pick(['VoiceMsg', 'MMS', 'Info', 'Service']));
}

function lureThenReply(kind: string, texts: TextCatalogue<ScamTextValues>): ScenarioVariant {
  return subscriberVariant(`${kind}_lure_reply`, (s, victim) => {
    const { random } = s;
    const values = scamTextValues(random);
    s.sms(s.at(0), lureSender(s), victim, renderText(texts, values, random));
    const reply = s.sms(s.atBetween(1, 55), victim, values.shortNumber, values.payload);
    s.loss(reply);
    if (random.chance(0.6)) {
      const chargeAt = reply.atMs + Math.round(random.between(10_000, 180_000));
      s.loss(s.premiumCharge(chargeAt, victim, values.shortNumber, random.int(2, 30) * 100));
    }
  });
}

// ---- benign look-alikes -------------------------------------------------------------------------

/** A real voice-mail notice from 2000; the subscriber calls 2000 to listen. */
const voicemailFrom2000 = subscriberVariant('voicemail_notice_from_2000', (s, subscriber) => {
  const { random } = s;
  s.sms(s.at(0), '2000', subscriber, renderText(VOICEMAIL_NOTICE_TEXTS, {}, random));
  s.call(s.atBetween(1, 40), subscriber, '2000', true, random.int(20, 90));
});

const officialActivationNotice = subscriberVariant('official_activation_notice', (s, subscriber) => {
  s.sms(s.at(0), 'Kcell', subscriber, renderText(OFFICIAL_ACTIVATION_TEXTS, {}, s.random));
});

/** The operator's warning about virus SMS; the subscriber calls the call centre it names. */
const officialVirusWarning = subscriberVariant('official_virus_warning', (s, subscriber) => {
  const { random } = s;
  s.sms(s.at(0), 'Kcell', subscriber, renderText(OFFICIAL_VIRUS_WARNING_TEXTS, {}, random));
  s.call(s.atBetween(2, 30), subscriber, '9090', true, random.int(60, 300));
});

/** One SMS to an ordinary short number (a TV vote) with no lure before it. */
const shortNumberSmsWithoutLure = subscriberVariant('short_number_sms_without_lure', (s, subscriber) => {
  const { random } = s;
  s.sms(s.at(0), subscriber, random.pick(ORDINARY_SHORT_NUMBERS), random.pick(SHORT_NUMBER_PAYLOADS));
});

export const premiumSmsLureScenarios: TypologyScenarios = {
  typology: 'premium_sms_lure',
  expectedStages: () => ['early_warning', 'confirmed'],
  scams: [
    lureThenReply('voice_message', VOICE_MESSAGE_LURE_TEXTS),
    lureThenReply('activation', ACTIVATION_LURE_TEXTS),
    lureThenReply('virus', VIRUS_LURE_TEXTS),
  ],
  benign: [voicemailFrom2000, officialActivationNotice, officialVirusWarning, shortNumberSmsWithoutLure],
};
