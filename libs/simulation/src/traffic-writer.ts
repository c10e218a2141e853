import type { CallEventV1, PaymentChannel, PaymentEventV1, SmsEventV1 } from '@vigil/contracts';
import type { SeededRandom } from './random';
import type { DelayRangeMs } from './simulation.options';
import type { SimulatedRecord } from './simulation.types';

/** How records reach the operator feeds. */
export interface DeliveryPolicy {
  mediationDelayMs: DelayRangeMs;
  duplicateRate: number;
}

/** An event as written: its id and event time (ms), for labels. */
export interface WrittenEvent {
  eventId: string;
  atMs: number;
}

const SMS_DELIVERY_MAX_MS = 2_000; // SMSC and payment feeds publish within about 2 s
const DUPLICATE_DELAY_MS = { min: 500, max: 30_000 }; // a re-sent record follows the original by 0.5-30 s
/** Longest simulated call: duration plus the longest mediation delay must stay within the correlator's 10 min lateness. */
export const MAX_CALL_DURATION_SEC = 360;
const CURRENCY = 'KZT';

/** Formats event time as RFC 3339 (UTC, millisecond precision). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Turns domain actions (an SMS, a call, a top-up ...) into raw operator records with delivery times: SMS and
 * payments within 2 s, call records at call end plus a mediation delay, some records delivered twice.
 */
export class TrafficWriter {
  private counter = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly random: SeededRandom,
    private readonly policy: DeliveryPolicy,
    private readonly emit: (record: SimulatedRecord) => void,
  ) {}

  sms(atMs: number, sender: string, recipient: string, text: string): WrittenEvent {
    const eventId = this.nextId('s');
    const value: SmsEventV1 = { eventId, occurredAt: isoTime(atMs), sender, recipient, text };
    this.deliver({ deliverAtMs: atMs + this.feedDelay(), topic: 'sms', key: sender, value });
    return { eventId, atMs };
  }

  call(
    startMs: number,
    caller: string,
    callee: string,
    answered: boolean,
    durationSec: number,
  ): WrittenEvent {
    const eventId = this.nextId('c');
    const duration = answered ? Math.min(Math.max(0, Math.round(durationSec)), MAX_CALL_DURATION_SEC) : 0;
    const value: CallEventV1 = {
      eventId,
      startedAt: isoTime(startMs),
      caller,
      callee,
      answered,
      durationSec: duration,
    };
    const { min, max } = this.policy.mediationDelayMs;
    // Unanswered calls ring for up to half a minute before the record is closed.
    const endMs = startMs + (answered ? duration * 1000 : this.random.between(5_000, 30_000));
    const deliverAtMs = Math.round(endMs + this.random.between(min, max));
    this.deliver({ deliverAtMs, topic: 'calls', key: caller, value });
    return { eventId, atMs: startMs };
  }

  topup(
    atMs: number,
    msisdn: string,
    amount: number,
    channel: PaymentChannel,
    cardToken?: string,
  ): WrittenEvent {
    const value = this.payment(atMs, 'topup', msisdn, amount, channel);
    if (cardToken !== undefined) value.cardToken = cardToken;
    return this.deliverPayment(value, atMs);
  }

  transfer(atMs: number, msisdn: string, counterparty: string, amount: number): WrittenEvent {
    const value = this.payment(atMs, 'transfer', msisdn, amount, 'transfer');
    value.counterparty = counterparty;
    return this.deliverPayment(value, atMs);
  }

  premiumCharge(atMs: number, msisdn: string, shortNumber: string, amount: number): WrittenEvent {
    const value = this.payment(atMs, 'premium_charge', msisdn, amount, 'content_provider');
    value.counterparty = shortNumber;
    return this.deliverPayment(value, atMs);
  }

  private payment(
    atMs: number,
    type: PaymentEventV1['type'],
    msisdn: string,
    amount: number,
    channel: PaymentChannel,
  ): PaymentEventV1 {
    return {
      eventId: this.nextId('p'),
      occurredAt: isoTime(atMs),
      type,
      msisdn,
      amount: Math.round(amount),
      currency: CURRENCY,
      channel,
    };
  }

  private deliverPayment(value: PaymentEventV1, atMs: number): WrittenEvent {
    this.deliver({ deliverAtMs: atMs + this.feedDelay(), topic: 'payments', key: value.msisdn, value });
    return { eventId: value.eventId, atMs };
  }

  private deliver(record: SimulatedRecord): void {
    this.emit(record);
    if (this.policy.duplicateRate > 0 && this.random.chance(this.policy.duplicateRate)) {
      const delay = Math.round(this.random.between(DUPLICATE_DELAY_MS.min, DUPLICATE_DELAY_MS.max));
      // At-least-once feeds re-send the same record: same eventId, same content.
      this.emit({ ...record, deliverAtMs: record.deliverAtMs + delay } as SimulatedRecord);
    }
  }

  private feedDelay(): number {
    return Math.round(this.random.between(0, SMS_DELIVERY_MAX_MS));
  }

  private nextId(kind: string): string {
    return `${this.idPrefix}-${kind}${(this.counter++).toString(36).padStart(6, '0')}`;
  }
}
