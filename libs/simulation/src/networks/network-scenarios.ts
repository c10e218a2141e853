import type { NetworkRole } from '@vigil/contracts';
import { numberEntityOf } from '@vigil/networks';
import { CHAT_TEXTS } from '../texts/chat-texts';
import { renderText } from '../texts/language';
import { BRAND_PHISHING_TEXTS, CODE_REPLY_TEXTS, PRIZE_LURE_TEXTS } from '../texts/scam-texts';
import {
  cashChannel,
  confirmationCode,
  knownContact,
  LOOKALIKE_DOMAINS,
  msisdnEntity,
  scamTextValues,
  sendOtp,
  topupAmount,
} from '../scenarios/scenario-parties';
import { MINUTE_MS, type ScenarioScript } from '../scenarios/scenario-script';

/** Which network scenario a label stands for: scams to find, and the benign look-alikes that must not be found. */
export type NetworkScenarioKind =
  | 'caller_campaign'
  | 'sender_campaign'
  | 'phishing_pair'
  | 'mule'
  | 'busy_caller'
  | 'allow_listed_shop'
  | 'family_pot'
  | 'small_seller';

/** Ground truth of one network scenario. */
export interface NetworkScenarioLabel {
  scenarioId: string;
  kind: NetworkScenarioKind;
  benign: boolean;
  /** The numbers a finding would name (entity ids), with the role it would give them. */
  numbers: { number: string; role: NetworkRole }[];
  /** Every subscriber the scenario involves (victims, customers, family): their alerts are not typology scenarios'. */
  subscribers: string[];
  startedAt: string;
  endedAt: string;
}

/** The simulator's allow-listed shops: config/networks/allowlist.yaml lists the same numbers. */
export const ALLOW_LISTED_SHOPS: readonly string[] = ['77010000101', '77010000102', '77010000103'];

/** What playing one network scenario reports for its label. */
export interface PlayedNetworkScenario {
  numbers: { number: string; role: NetworkRole }[];
  subscribers: string[];
}

/** One network scenario, played from the script's anchor; `spanMs` is how long after the anchor it may last. */
export interface NetworkScenario {
  kind: NetworkScenarioKind;
  benign: boolean;
  /** Event time it needs after its anchor. */
  spanMs: number;
  play(script: ScenarioScript): PlayedNetworkScenario;
}

const HOUR = 60 * MINUTE_MS;

/**
 * A victim of a phone scam: the scammer's call (answered, 1-5 min), then a top-up and a confirmation code; a
 * `confirmed` victim passes the code on (calls back or replies) within minutes, a `warned` one stops there.
 */
function codeTheftByCall(
  s: ScenarioScript,
  atMs: number,
  caller: string,
  victim: string,
  outcome: 'confirmed' | 'warned',
): void {
  const { random } = s;
  const durationSec = random.int(60, 300);
  s.call(atMs, caller, victim, true, durationSec);
  const topupAt = atMs + durationSec * 1000 + Math.round(random.between(1, 20) * MINUTE_MS);
  s.topup(topupAt, victim, topupAmount(random), cashChannel(random));
  const codeAt = topupAt + Math.round(random.between(0.5, 10) * MINUTE_MS);
  sendOtp(s, codeAt, victim);
  if (outcome === 'warned') return;
  const lossAt = codeAt + Math.round(random.between(1, 8) * MINUTE_MS);
  if (random.chance(0.5)) s.call(lossAt, victim, caller, true, random.int(20, 120));
  else
    s.sms(lossAt, victim, caller, renderText(CODE_REPLY_TEXTS, { code: confirmationCode(random) }, random));
}

/** A scenario around one number: how it is drawn, and the role a finding would give it. */
interface CentralNumber {
  benign: boolean;
  role: NetworkRole;
  draw(s: ScenarioScript): string;
}

/** The scenarios around one number (all but the phishing pair, which has two). */
const CENTRAL_NUMBERS: Record<Exclude<NetworkScenarioKind, 'phishing_pair'>, CentralNumber> = {
  caller_campaign: {
    benign: false,
    role: 'caller',
    draw: (s) => (s.random.chance(0.5) ? s.numbers.domestic() : s.numbers.home()),
  },
  sender_campaign: { benign: false, role: 'sender', draw: (s) => s.numbers.scammer() },
  mule: { benign: false, role: 'mule', draw: (s) => s.numbers.home() },
  busy_caller: { benign: true, role: 'caller', draw: (s) => s.numbers.domestic() },
  allow_listed_shop: { benign: true, role: 'mule', draw: (s) => s.random.pick(ALLOW_LISTED_SHOPS) },
  family_pot: { benign: true, role: 'mule', draw: (s) => s.numbers.home() },
  small_seller: { benign: true, role: 'mule', draw: (s) => s.numbers.home() },
};

/**
 * A scenario of `kind` lasting `spanMs`: its number meets `count` new home subscribers, the `i`-th as `meet` plays
 * it; the label names the number in its role and every subscriber it met.
 */
function aroundOneNumber(
  kind: keyof typeof CENTRAL_NUMBERS,
  spanMs: number,
  count: number,
  meet: (s: ScenarioScript, number: string, subscriber: string, i: number) => void,
): NetworkScenario {
  const { benign, role, draw } = CENTRAL_NUMBERS[kind];
  return {
    kind,
    benign,
    spanMs,
    play(s) {
      const number = draw(s);
      const subscribers: string[] = [];
      for (let i = 0; i < count; i++) {
        const subscriber = s.numbers.home();
        subscribers.push(msisdnEntity(subscriber));
        meet(s, number, subscriber, i);
      }
      return { numbers: [{ number: numberEntityOf(number), role }], subscribers };
    },
  };
}

/**
 * One caller, `called` subscribers over `spanMinutes`: most answer; of those, a share is taken in as far as the
 * code (early warning), half of them further (confirmed); the rest hang up.
 */
export function callerCampaign(called: number, spanMinutes: number, victimShare: number): NetworkScenario {
  return aroundOneNumber(
    'caller_campaign',
    spanMinutes * MINUTE_MS + HOUR,
    called,
    (s, caller, victim, i) => {
      const atMs = s.at((spanMinutes * i) / Math.max(1, called - 1));
      if (!s.random.chance(victimShare)) {
        s.call(atMs, caller, victim, s.random.chance(0.7), s.random.int(5, 40));
        return;
      }
      codeTheftByCall(s, atMs, caller, victim, s.random.chance(0.5) ? 'confirmed' : 'warned');
    },
  );
}

/**
 * One sender texts a prize lure to `recipients` subscribers over a few hours; a share tops up, gets a code and
 * replies with it (prize-code theft), some pay the "fee" to the sender's number instead.
 */
function senderCampaign(recipients: number, spanMinutes: number, victimShare: number): NetworkScenario {
  return aroundOneNumber(
    'sender_campaign',
    spanMinutes * MINUTE_MS + 2 * HOUR,
    recipients,
    (s, sender, victim, i) => {
      const { random } = s;
      const atMs = s.at((spanMinutes * i) / Math.max(1, recipients - 1));
      s.sms(atMs, sender, victim, renderText(PRIZE_LURE_TEXTS, scamTextValues(random), random));
      if (!random.chance(victimShare)) return;
      if (random.chance(0.6)) {
        const topupAt = s.after(atMs, 5, 50);
        s.topup(topupAt, victim, topupAmount(random), cashChannel(random));
        const codeAt = s.after(topupAt, 0.5, 10);
        sendOtp(s, codeAt, victim);
        if (random.chance(0.5))
          s.sms(
            s.after(codeAt, 1, 8),
            victim,
            sender,
            renderText(CODE_REPLY_TEXTS, { code: confirmationCode(random) }, random),
          );
      } else s.transfer(s.after(atMs, 5, 55), victim, sender, random.int(2, 20) * 500);
    },
  );
}

/** Two senders of one phishing campaign, the same look-alike domain in their links: one campaign, two numbers. */
function phishingPair(recipientsEach: number, spanMinutes: number): NetworkScenario {
  return {
    kind: 'phishing_pair',
    benign: false,
    spanMs: spanMinutes * MINUTE_MS + HOUR,
    play(s) {
      const { random } = s;
      const domain = random.pick(LOOKALIKE_DOMAINS);
      const senders = [s.numbers.scammer(), s.numbers.scammer()];
      const subscribers: string[] = [];
      senders.forEach((sender, index) => {
        for (let i = 0; i < recipientsEach; i++) {
          const victim = s.numbers.home();
          subscribers.push(msisdnEntity(victim));
          const atMs = s.at(index * 20 + (spanMinutes * i) / Math.max(1, recipientsEach - 1));
          const url = `https://${domain}/${random.hex(6)}`;
          s.sms(
            atMs,
            sender,
            victim,
            renderText(BRAND_PHISHING_TEXTS, scamTextValues(random, { url }), random),
          );
        }
      });
      return {
        numbers: senders.map((sender) => ({ number: numberEntityOf(sender), role: 'sender' as const })),
        subscribers,
      };
    },
  };
}

/**
 * A mule: a new SIM that `payers` strangers pay small amounts (1,000-15,000 KZT) over `spanHours`, each after a
 * scam that left no trace on the network (a marketplace chat, a social network). It calls each payer back within
 * minutes like a seller confirming an order, so no transfer alerts alone: only the pattern across payers tells.
 */
export function mule(payers: number, spanHours: number): NetworkScenario {
  return aroundOneNumber('mule', spanHours * HOUR + HOUR, payers, (s, muleNumber, payer, i) => {
    const atMs = s.at((spanHours * 60 * i) / Math.max(1, payers - 1) + s.random.between(0, 10));
    s.transfer(atMs, payer, muleNumber, s.random.int(2, 30) * 500);
    s.call(s.after(atMs, 2, 15), muleNumber, payer, true, s.random.int(30, 120));
  });
}

/**
 * A bank's call centre or a delivery firm: one number calls `customers` subscribers over a working day (answered,
 * 30 s to 4 min: the same first-contact call a scam starts with), and none pays it anything. A few customers
 * happen to top up and get a confirmation code within the hour (paying for the order online), a few call it back:
 * each such customer raises an early warning naming it, at `coincidence` (3 %, several times what background
 * traffic gives, to put the threshold under stress).
 */
function busyCaller(customers: number, coincidence: number): NetworkScenario {
  return aroundOneNumber('busy_caller', 10 * HOUR, customers, (s, caller, customer) => {
    const { random } = s;
    const atMs = s.at(random.between(0, 9 * 60));
    const durationSec = random.int(30, 240);
    s.call(atMs, caller, customer, random.chance(0.85), durationSec);
    if (random.chance(coincidence)) {
      const topupAt = s.after(atMs, 10, 50);
      s.topup(topupAt, customer, topupAmount(random), cashChannel(random));
      sendOtp(s, s.after(topupAt, 1, 20), customer);
    }
    if (random.chance(0.15)) s.call(s.after(atMs, 20, 180), customer, caller, true, random.int(20, 90));
  });
}

/** An allow-listed shop paid by `customers` new customers over the day, calling some of them back. */
function allowListedShop(customers: number): NetworkScenario {
  return aroundOneNumber('allow_listed_shop', 12 * HOUR, customers, (s, shop, customer) => {
    const atMs = s.at(s.random.between(0, 11 * 60));
    s.transfer(atMs, customer, shop, s.random.int(2, 40) * 500);
    if (s.random.chance(0.8)) s.call(s.after(atMs, 2, 20), shop, customer, true, s.random.int(30, 120));
  });
}

/**
 * Family members pay one relative within a day (a wedding, a hospital bill): each knows the relative from calls or
 * SMS before (15 % only over messengers, so their transfer is a first contact to the network).
 */
function familyPot(members: number): NetworkScenario {
  return aroundOneNumber('family_pot', 12 * HOUR, members, (s, relative, member) => {
    const { random } = s;
    if (!random.chance(0.15)) knownContact(s, member, relative);
    const atMs = s.at(random.between(0, 11 * 60));
    s.transfer(atMs, member, relative, random.int(10, 100) * 500);
    if (random.chance(0.5)) s.sms(s.after(atMs, 1, 30), relative, member, renderText(CHAT_TEXTS, {}, random));
  });
}

/** A private seller (not allow-listed) paid by 2-4 new buyers in a day, calling each back. */
function smallSeller(buyers: number): NetworkScenario {
  return aroundOneNumber('small_seller', 12 * HOUR, buyers, (s, seller, buyer) => {
    const atMs = s.at(s.random.between(0, 11 * 60));
    s.transfer(atMs, buyer, seller, s.random.int(4, 60) * 500);
    s.call(s.after(atMs, 2, 20), seller, buyer, true, s.random.int(30, 120));
  });
}

/** How many network scenarios of each kind to inject. */
export interface NetworkScenarioCounts {
  callerCampaigns: number;
  senderCampaigns: number;
  phishingPairs: number;
  mules: number;
  busyCallers: number;
  allowListedShops: number;
  familyPots: number;
  smallSellers: number;
}

export const NO_NETWORK_SCENARIOS: NetworkScenarioCounts = {
  callerCampaigns: 0,
  senderCampaigns: 0,
  phishingPairs: 0,
  mules: 0,
  busyCallers: 0,
  allowListedShops: 0,
  familyPots: 0,
  smallSellers: 0,
};

/** The scenarios of `counts`, their sizes drawn from `random` (a scenario's size is part of what it tests). */
export function networkScenarios(
  counts: NetworkScenarioCounts,
  random: { int(min: number, max: number): number; between(min: number, max: number): number },
): NetworkScenario[] {
  const repeat = (n: number, make: () => NetworkScenario) => Array.from({ length: n }, make);
  return [
    ...repeat(counts.callerCampaigns, () =>
      callerCampaign(random.int(15, 50), random.int(60, 240), random.between(0.5, 0.8)),
    ),
    ...repeat(counts.senderCampaigns, () =>
      senderCampaign(random.int(40, 90), random.int(60, 180), random.between(0.2, 0.35)),
    ),
    ...repeat(counts.phishingPairs, () => phishingPair(random.int(8, 20), random.int(30, 120))),
    ...repeat(counts.mules, () => mule(random.int(6, 12), random.int(2, 16))),
    ...repeat(counts.busyCallers, () => busyCaller(random.int(40, 100), 0.03)),
    ...repeat(counts.allowListedShops, () => allowListedShop(random.int(15, 40))),
    ...repeat(counts.familyPots, () => familyPot(random.int(5, 9))),
    ...repeat(counts.smallSellers, () => smallSeller(random.int(2, 4))),
  ];
}
