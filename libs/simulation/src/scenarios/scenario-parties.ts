import type { PaymentChannel } from '@vigil/contracts';
import type { SeededRandom } from '../random';
import { OTP_SENDERS, OTP_TEXTS } from '../texts/service-texts';
import { CHAT_TEXTS } from '../texts/chat-texts';
import { renderText } from '../texts/language';
import type { ScenarioScript, ScenarioVariant } from './scenario-script';
import type { ScamTextValues } from '../texts/scam-texts';

/** Entity ids exactly as ingest builds them (alphanumeric sender ids are lower-cased, whitespace collapsed). */
export const msisdnEntity = (msisdn: string): string => `msisdn:${msisdn}`;
export const cardEntity = (token: string): string => `card:${token}`;
export function senderEntity(sender: string): string {
  return /\p{L}/u.test(sender)
    ? `sender:${sender.trim().toLowerCase().replace(/\s+/g, ' ')}`
    : `sender:${sender}`;
}

/** Premium-rate short numbers matching config/ingest/number-plan.yaml's premiumShortNumberPattern. */
export const PREMIUM_SHORT_NUMBERS: readonly string[] = [
  '3350',
  '3352',
  '4161',
  '4444',
  '4446',
  '4449',
  '7720',
  '7730',
  '7750',
  '7790',
  '8444',
  '9193',
  '9194',
  '9195',
  '9682',
  '9685',
];
/** Ordinary (not premium, not official) short numbers: TV votes, balance services. */
export const ORDINARY_SHORT_NUMBERS: readonly string[] = ['7575', '1414', '5050', '1400'];

const PRIZES = ['iPhone 15', 'Samsung Galaxy S24', 'a car', 'a TV', 'an apartment', '1 000 000 tenge'];
const ORGANIZERS = ['Magnum', 'Radio NS', 'Europa Plus', 'Kcell', 'Sulpak', 'Technodom'];

/** Brand look-alike domains (config/ingest/brands.yaml names the brands). */
export const LOOKALIKE_DOMAINS: readonly string[] = [
  'kcell-bonus.top',
  'kce11-prize.kz',
  'mykcell-gift.com',
  'kcell-survey.xyz',
  'activ-bonus.kz',
  'beeline-promo.site',
  'tele2-gift.online',
  'altel-prize.club',
];
/** Malicious but brand-free domains of mass mailings. */
export const SMISHING_DOMAINS: readonly string[] = [
  'photo-view.xyz',
  'post-track.top',
  'parcel-kz.site',
  'my-photos.click',
  'delivery-status.online',
];

/** Values a scam text is filled with. */
export function scamTextValues(
  random: SeededRandom,
  overrides: Partial<ScamTextValues> = {},
): ScamTextValues {
  return {
    prize: random.pick(PRIZES),
    organizer: random.pick(ORGANIZERS),
    amount: random.int(2, 40) * 500,
    number: '',
    shortNumber: random.pick(PREMIUM_SHORT_NUMBERS),
    payload: random.digits(4),
    url: `https://${random.pick(SMISHING_DOMAINS)}/${random.hex(6)}`,
    ...overrides,
  };
}

/** Who sends a scam SMS: an unknown number, or a sender name picked from `names`. */
export function scamSender(
  script: ScenarioScript,
  kind: 'msisdn' | 'alphanumeric',
  names: readonly string[],
): string {
  return kind === 'msisdn'
    ? script.numbers.scammer()
    : script.numbers.alphanumeric(script.random.pick(names));
}

/** A 4-6 digit confirmation code. */
export function confirmationCode(random: SeededRandom): string {
  return String(random.int(1, 9)) + random.digits(random.int(3, 5));
}

/** A legitimate service sender delivers a confirmation code. */
export function sendOtp(script: ScenarioScript, atMs: number, recipient: string): void {
  const { random } = script;
  script.sms(
    atMs,
    random.pick(OTP_SENDERS),
    recipient,
    renderText(OTP_TEXTS, { code: confirmationCode(random) }, random),
  );
}

/** A top-up channel that is not a bank card (a card top-up followed by a big transfer is stolen_card_topups' pattern). */
export function cashChannel(random: SeededRandom): PaymentChannel {
  return random.pick<PaymentChannel>(['voucher', 'terminal', 'operator_app']);
}

/** A top-up amount in KZT. */
export function topupAmount(random: SeededRandom): number {
  return random.int(2, 30) * 500;
}

/**
 * Makes `relative` a known contact of `subscriber`: an SMS either way, or a call the subscriber made, 30 min to
 * 20 h before the anchor (the correlator remembers contacts for 30 days). Never an incoming call: a first
 * answered call from an unknown number is itself the lure of several rules.
 */
export function knownContact(script: ScenarioScript, subscriber: string, relative: string): void {
  const { random } = script;
  const latestMs = script.at(-30);
  const earliestMs = Math.min(latestMs, Math.max(script.earliestMs, script.at(-20 * 60)));
  const atMs = Math.round(random.between(earliestMs, latestMs));
  const r = random.next();
  if (r < 0.35) script.sms(atMs, subscriber, relative, renderText(CHAT_TEXTS, {}, random));
  else if (r < 0.7) script.sms(atMs, relative, subscriber, renderText(CHAT_TEXTS, {}, random));
  else script.call(atMs, subscriber, relative, true, random.int(30, 300));
}

/** A home number `subscriber` already knows (a relative, a friend): see knownContact. */
export function knownNumber(script: ScenarioScript, subscriber: string): string {
  const known = script.numbers.home();
  knownContact(script, subscriber, known);
  return known;
}

/**
 * An ordinary payment to a number the subscriber never dealt with (a shop, a seller), `atMs`: the shop calls back
 * within minutes to confirm the order, so it is no unsolicited transfer. A scam victim making one must not raise a
 * second alert, nor one of another typology.
 */
export function payAShop(script: ScenarioScript, atMs: number, subscriber: string): void {
  const { random } = script;
  const shop = script.numbers.domestic();
  script.transfer(atMs, subscriber, shop, random.int(2, 20) * 500);
  script.call(script.after(atMs, 2, 20), shop, subscriber, true, random.int(30, 120));
}

/** Variants played around one party drawn before anything else (`draw`); an alert for one names that party. */
function partyVariants(
  draw: (script: ScenarioScript) => string,
  entityOf: (party: string) => string,
): (name: string, play: (script: ScenarioScript, party: string) => void) => ScenarioVariant {
  return (name, play) => ({
    name,
    play(script) {
      const party = draw(script);
      play(script, party);
      return { entity: entityOf(party) };
    },
  });
}

/** A variant played on one home subscriber's number: the victim of a scam, or the subscriber of a look-alike. */
export const subscriberVariant = partyVariants((script) => script.numbers.home(), msisdnEntity);

/** A variant played with one bank card. */
export const cardVariant = partyVariants((script) => script.numbers.cardToken(), cardEntity);
