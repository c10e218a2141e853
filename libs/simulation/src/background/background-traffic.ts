import type { SeededRandom } from '../random';
import type { TrafficWriter } from '../traffic-writer';
import { CHAT_TEXTS, LINK_SHARE_TEXTS, SHARED_URLS, SHORT_NUMBER_PAYLOADS } from '../texts/chat-texts';
import { renderText } from '../texts/language';
import {
  OFFICIAL_PROMO_TEXTS,
  OTP_SENDERS,
  OTP_TEXTS,
  SHOP_PROMO_TEXTS,
  SHOP_SENDERS,
  VOICEMAIL_NOTICE_TEXTS,
} from '../texts/service-texts';
import {
  ORDINARY_SHORT_NUMBERS,
  PREMIUM_SHORT_NUMBERS,
  confirmationCode,
} from '../scenarios/scenario-parties';
import { activityFactor, localHour } from './daily-rhythm';
import { contactPairs, type Subscriber, type SubscriberPopulation } from './subscriber-population';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** After an unknown caller, no top-up or code for this long: that would be prize_code_theft's sequence. */
const QUIET_AFTER_UNKNOWN_CALL_MS = 110 * MINUTE_MS; // lure→top-up 60 min + top-up→code 30 min + margin
/** A transfer this soon after a card top-up stays under half of it (else it reads as a cash-out). */
const CARD_CASH_OUT_GUARD_MS = 20 * MINUTE_MS;
const PREMIUM_CHARGE_GAP_MS = 70 * MINUTE_MS;
const SHORT_SMS_GAP_MS = 15 * MINUTE_MS;
/** Longest call of ordinary life; with the mediation delay it stays within the correlator's lateness. */
const MAX_CALL_SEC = 360;

type Activity =
  | 'call'
  | 'chat'
  | 'link_share'
  | 'topup'
  | 'otp'
  | 'family_transfer'
  | 'official_promo'
  | 'voicemail'
  | 'unknown_call'
  | 'short_number_sms'
  | 'premium_charge';

const ACTIVITIES: readonly Activity[] = [
  'call',
  'chat',
  'link_share',
  'topup',
  'otp',
  'family_transfer',
  'official_promo',
  'voicemail',
  'unknown_call',
  'short_number_sms',
  'premium_charge',
];
const ACTIVITY_WEIGHTS: readonly number[] = [
  0.32, 0.28, 0.03, 0.08, 0.06, 0.04, 0.04, 0.03, 0.08, 0.02, 0.02,
];

/** What the generator remembers per subscriber so background never forms a scam pattern. */
interface SubscriberGuard {
  quietUntilMs: number;
  lastCardTopupMs: number;
  lastCardTopupAmount: number;
  lastPremiumChargeMs: number;
  lastShortSmsMs: number;
  lastUnknownCaller: string;
}

/**
 * Ordinary life of the background population, generated slice by slice in event-time order: calls and SMS
 * with relatives and friends on a daily rhythm, top-ups, the subscriber's own OTPs, official promotions,
 * voice-mail notices from 2000, shop mailings, transfers to relatives, now and then an unknown caller.
 * Guards keep it clear of every rule: transfers go only to known relatives, no top-up or code follows an
 * unknown caller, no cash-out after a card top-up, no bursts to short numbers.
 */
export class BackgroundTraffic {
  private readonly guards = new Map<string, SubscriberGuard>();
  /** Recent card top-ups per card: (time, topped-up number). */
  private readonly cardHistory = new Map<string, Array<{ atMs: number; msisdn: string }>>();
  private readonly contacts: Map<string, string[]>;

  constructor(
    private readonly population: SubscriberPopulation,
    private readonly writer: TrafficWriter,
    private readonly random: SeededRandom,
    private readonly eventsPerSubscriberPerDay: number,
  ) {
    this.contacts = new Map(population.subscribers.map((s) => [s.msisdn, [...s.family, ...s.friends]]));
  }

  /**
   * Every relative and friend pair exchanges SMS in [fromMs, toMs), so they are known contacts afterwards.
   * SMS, not calls: a first answered call is itself the lure of several rules, and a transfer to the caller
   * soon after would look like relative_in_trouble.
   */
  warmUp(fromMs: number, toMs: number): void {
    for (const [a, b] of contactPairs(this.population)) {
      const atMs = Math.round(this.random.between(fromMs, toMs));
      const [from, to] = this.random.chance(0.5) ? [a, b] : [b, a];
      this.writer.sms(atMs, from, to, renderText(CHAT_TEXTS, {}, this.random));
      if (this.random.chance(0.5)) {
        this.writer.sms(
          atMs + this.random.int(20_000, 300_000),
          to,
          from,
          renderText(CHAT_TEXTS, {}, this.random),
        );
      }
    }
  }

  /** Generates the background events with event time in [fromMs, toMs). */
  slice(fromMs: number, toMs: number): void {
    const subscribers = this.population.subscribers;
    const midMs = (fromMs + toMs) / 2;
    const mean =
      (subscribers.length * this.eventsPerSubscriberPerDay * (toMs - fromMs) * activityFactor(midMs)) /
      DAY_MS;
    const count = this.random.poisson(mean);
    const planned: Array<{ atMs: number; subscriber: Subscriber; activity: Activity }> = [];
    for (let i = 0; i < count; i++) {
      planned.push({
        atMs: Math.round(this.random.between(fromMs, toMs)),
        subscriber: this.random.pick(subscribers),
        activity: this.random.weighted(ACTIVITIES, ACTIVITY_WEIGHTS),
      });
    }
    // In time order, so each subscriber's guard sees its own history in order.
    planned.sort((a, b) => a.atMs - b.atMs);
    for (const { atMs, subscriber, activity } of planned) this.play(atMs, subscriber, activity);
    this.shopMailing(fromMs, toMs);
  }

  private play(atMs: number, subscriber: Subscriber, activity: Activity): void {
    const guard = this.guardOf(subscriber.msisdn);
    const random = this.random;
    const me = subscriber.msisdn;
    switch (activity) {
      case 'call': {
        const other = this.contactOf(subscriber);
        const [caller, callee] = random.chance(0.5) ? [me, other] : [other, me];
        const answered = random.chance(0.85);
        this.writer.call(
          atMs,
          caller,
          callee,
          answered,
          Math.min(MAX_CALL_SEC, 15 + Math.round(-90 * Math.log(1 - random.next()))),
        );
        return;
      }
      case 'chat': {
        const other = this.contactOf(subscriber);
        this.writer.sms(atMs, me, other, renderText(CHAT_TEXTS, {}, random));
        if (random.chance(0.4)) {
          this.writer.sms(
            atMs + random.int(30_000, 10 * MINUTE_MS),
            other,
            me,
            renderText(CHAT_TEXTS, {}, random),
          );
        }
        return;
      }
      case 'link_share':
        this.writer.sms(
          atMs,
          this.contactOf(subscriber),
          me,
          renderText(LINK_SHARE_TEXTS, { url: random.pick(SHARED_URLS) }, random),
        );
        return;
      case 'topup':
        if (atMs < guard.quietUntilMs) return this.play(atMs, subscriber, 'chat');
        return this.topup(atMs, subscriber, guard);
      case 'otp':
        if (atMs < guard.quietUntilMs) return this.play(atMs, subscriber, 'chat');
        this.writer.sms(
          atMs,
          random.pick(OTP_SENDERS),
          me,
          renderText(OTP_TEXTS, { code: confirmationCode(random) }, random),
        );
        return;
      case 'family_transfer': {
        if (subscriber.family.length === 0) return this.play(atMs, subscriber, 'chat');
        let amount = random.int(1, 20) * 250;
        if (atMs - guard.lastCardTopupMs < CARD_CASH_OUT_GUARD_MS) {
          amount = Math.min(amount, Math.floor(guard.lastCardTopupAmount * 0.5));
        }
        if (amount <= 0) return;
        this.writer.transfer(atMs, me, random.pick(subscriber.family), amount);
        return;
      }
      case 'official_promo':
        this.writer.sms(atMs, 'Kcell', me, renderText(OFFICIAL_PROMO_TEXTS, {}, random));
        return;
      case 'voicemail':
        this.writer.sms(atMs, '2000', me, renderText(VOICEMAIL_NOTICE_TEXTS, {}, random));
        if (random.chance(0.5))
          this.writer.call(
            atMs + random.int(MINUTE_MS, 30 * MINUTE_MS),
            me,
            '2000',
            true,
            random.int(15, 90),
          );
        return;
      case 'unknown_call': {
        const callers = this.population.unknownCallers;
        let caller = random.pick(callers);
        // The same unknown number twice within minutes would be relative_in_trouble's early warning.
        if (caller === guard.lastUnknownCaller)
          caller = callers[(callers.indexOf(caller) + 1) % callers.length];
        guard.lastUnknownCaller = caller;
        guard.quietUntilMs = Math.max(guard.quietUntilMs, atMs + QUIET_AFTER_UNKNOWN_CALL_MS);
        this.writer.call(atMs, caller, me, random.chance(0.7), random.int(10, 150));
        return;
      }
      case 'short_number_sms':
        if (atMs - guard.lastShortSmsMs < SHORT_SMS_GAP_MS) return this.play(atMs, subscriber, 'chat');
        guard.lastShortSmsMs = atMs;
        this.writer.sms(atMs, me, random.pick(ORDINARY_SHORT_NUMBERS), random.pick(SHORT_NUMBER_PAYLOADS));
        return;
      case 'premium_charge':
        if (atMs - guard.lastPremiumChargeMs < PREMIUM_CHARGE_GAP_MS)
          return this.play(atMs, subscriber, 'chat');
        guard.lastPremiumChargeMs = atMs;
        this.writer.premiumCharge(atMs, me, random.pick(PREMIUM_SHORT_NUMBERS), random.int(1, 5) * 100);
        return;
    }
  }

  private topup(atMs: number, subscriber: Subscriber, guard: SubscriberGuard): void {
    const random = this.random;
    const amount = random.int(1, 20) * 500;
    if (subscriber.cardToken === undefined || random.chance(0.4)) {
      this.writer.topup(
        atMs,
        subscriber.msisdn,
        amount,
        random.pick(['voucher', 'terminal', 'operator_app'] as const),
      );
      return;
    }
    // A card tops up its owner and, now and then, one family member: at most 2 distinct numbers an hour.
    let target =
      subscriber.family.length > 0 && random.chance(0.15)
        ? random.pick(subscriber.family)
        : subscriber.msisdn;
    const history = (this.cardHistory.get(subscriber.cardToken) ?? []).filter(
      (h) => atMs - h.atMs < 70 * MINUTE_MS,
    );
    const distinct = new Set(history.map((h) => h.msisdn));
    if (!distinct.has(target) && distinct.size >= 2) target = subscriber.msisdn;
    if (!distinct.has(target) && distinct.size >= 2) return;
    history.push({ atMs, msisdn: target });
    this.cardHistory.set(subscriber.cardToken, history);
    const targetGuard = this.guardOf(target);
    if (target !== subscriber.msisdn && atMs < targetGuard.quietUntilMs) return;
    this.writer.topup(atMs, target, amount, 'bank_card', subscriber.cardToken);
    targetGuard.lastCardTopupMs = atMs;
    targetGuard.lastCardTopupAmount = amount;
    if (target === subscriber.msisdn) guard.lastCardTopupMs = atMs;
  }

  /** Allow-listed shops mail their customers in the daytime, about once every few hours. */
  private shopMailing(fromMs: number, toMs: number): void {
    const hour = localHour(fromMs);
    if (hour < 9 || hour > 20 || !this.random.chance(((toMs - fromMs) / HOUR_MS) * 0.25)) return;
    const shop = this.random.pick(SHOP_SENDERS);
    const subscribers = this.population.subscribers;
    const recipients = this.random.sample(
      subscribers,
      Math.min(subscribers.length, this.random.int(50, 200)),
    );
    const spanMs = this.random.between(2, 8) * MINUTE_MS;
    const startMs = this.random.between(fromMs, toMs);
    recipients.forEach((recipient, i) => {
      const atMs = Math.round(startMs + (spanMs * i) / recipients.length);
      this.writer.sms(
        atMs,
        shop.sender,
        recipient.msisdn,
        renderText(SHOP_PROMO_TEXTS, { domain: shop.domain }, this.random),
      );
    });
  }

  private contactOf(subscriber: Subscriber): string {
    return this.random.pick(this.contacts.get(subscriber.msisdn) ?? subscriber.family);
  }

  private guardOf(msisdn: string): SubscriberGuard {
    let guard = this.guards.get(msisdn);
    if (guard === undefined) {
      guard = {
        quietUntilMs: -Infinity,
        lastCardTopupMs: -Infinity,
        lastCardTopupAmount: 0,
        lastPremiumChargeMs: -Infinity,
        lastShortSmsMs: -Infinity,
        lastUnknownCaller: '',
      };
      this.guards.set(msisdn, guard);
    }
    return guard;
  }
}
