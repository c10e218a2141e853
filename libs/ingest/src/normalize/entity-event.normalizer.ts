import {
  CALLS_TOPIC,
  type EntityEventKind,
  type EntityEventV1,
  type Features,
  type InputTopic,
  SMS_TOPIC,
} from '@vigil/contracts';
import { extractSmsFeaturesForSender } from '../features/sms-features';
import { isPremiumShortNumber } from '../number-plan/number-plan';
import type { Party } from '../number-plan/party.types';
import type {
  ValidCallEvent,
  ValidPaymentEvent,
  ValidRawEvent,
  ValidSmsEvent,
} from '../validation/raw-event.types';
import type { EntityEventRecord, NormalizeOptions } from './entity-event.types';

/** Entity id of a subscriber. */
export const msisdnEntity = (id: string): string => `msisdn:${id}`;
/** Entity id of whoever sends SMS or places calls. */
export const senderEntity = (id: string): string => `sender:${id}`;
/** Entity id of a tokenised bank card. */
export const cardEntity = (token: string): string => `card:${token}`;

type Optional = Pick<
  EntityEventV1,
  'counterparty' | 'counterpartyClass' | 'amount' | 'currency' | 'channel' | 'answered' | 'durationSec'
>;

// ingestedAt is formatted once per clock millisecond: the clock is read per record, the ISO string is not free.
let lastIngestedMs = Number.NaN;
let lastIngestedIso = '';
function ingestedAt(options: NormalizeOptions): string {
  const now = options.clock.now();
  if (now !== lastIngestedMs) {
    lastIngestedMs = now;
    lastIngestedIso = new Date(now).toISOString();
  }
  return lastIngestedIso;
}

/** The source event of a record's entity events, and when ingest read it. */
interface SourceOfRecord {
  topic: InputTopic;
  eventId: string;
  occurredAt: string;
  ingestedAt: string;
}

function sourceOf(
  topic: InputTopic,
  event: { eventId: string },
  occurredAt: string,
  options: NormalizeOptions,
): SourceOfRecord {
  return { topic, eventId: event.eventId, occurredAt, ingestedAt: ingestedAt(options) };
}

function record(
  source: SourceOfRecord,
  entity: string,
  kind: EntityEventKind,
  features: Features,
  optional: Optional,
): EntityEventRecord {
  // Kinds never repeat within one source event (each perspective has its own kind), so this id is unique.
  const value: EntityEventV1 = {
    eventId: `${source.eventId}:${kind}`,
    sourceEventId: source.eventId,
    sourceTopic: source.topic,
    entity,
    kind,
    occurredAt: source.occurredAt,
    ingestedAt: source.ingestedAt,
    features,
  };
  // Assigned one by one in a fixed order rather than spread: fewer object shapes on the hot path, and absent
  // fields stay absent instead of becoming `undefined` keys.
  if (optional.counterparty !== undefined) value.counterparty = optional.counterparty;
  if (optional.counterpartyClass !== undefined) value.counterpartyClass = optional.counterpartyClass;
  if (optional.amount !== undefined) value.amount = optional.amount;
  if (optional.currency !== undefined) value.currency = optional.currency;
  if (optional.channel !== undefined) value.channel = optional.channel;
  if (optional.answered !== undefined) value.answered = optional.answered;
  if (optional.durationSec !== undefined) value.durationSec = optional.durationSec;
  return { key: entity, value };
}

function counterpartyOf(party: Party | undefined): Optional {
  return party === undefined ? {} : { counterparty: party.id, counterpartyClass: party.class };
}

function normalizeSms(valid: ValidSmsEvent, options: NormalizeOptions): EntityEventRecord[] {
  const { event, sender, recipient } = valid;
  const source = sourceOf(SMS_TOPIC, event, event.occurredAt, options);
  const features = extractSmsFeaturesForSender(event.text, sender, options.config);
  const premiumShortNumber = isPremiumShortNumber(recipient, options.config.numberPlan);
  const records: EntityEventRecord[] = [];
  if (recipient.class === 'home_msisdn') {
    records.push(record(source, msisdnEntity(recipient.id), 'sms_in', features, counterpartyOf(sender)));
  }
  if (sender.class === 'home_msisdn') {
    // What the subscriber's own message names matters less than where it goes: a premium short number.
    const { referencedShortNumbers: _notNeeded, ...outbound } = features;
    records.push(
      record(
        source,
        msisdnEntity(sender.id),
        'sms_out',
        { ...outbound, premiumShortNumber },
        counterpartyOf(recipient),
      ),
    );
  }
  if (sender.class !== 'anonymous') {
    records.push(
      record(
        source,
        senderEntity(sender.id),
        'sms_sent',
        { ...features, premiumShortNumber },
        counterpartyOf(recipient),
      ),
    );
  }
  return records;
}

function normalizeCall(valid: ValidCallEvent, options: NormalizeOptions): EntityEventRecord[] {
  const { event, caller, callee } = valid;
  const source = sourceOf(CALLS_TOPIC, event, event.startedAt, options);
  const { answered, durationSec } = event;
  const toCallee = { counterparty: callee.id, counterpartyClass: callee.class, answered, durationSec };
  const records: EntityEventRecord[] = [];
  if (callee.class === 'home_msisdn') {
    const fromCaller = { counterparty: caller.id, counterpartyClass: caller.class, answered, durationSec };
    records.push(record(source, msisdnEntity(callee.id), 'call_in', {}, fromCaller));
  }
  if (caller.class === 'home_msisdn') {
    const premiumShortNumber = isPremiumShortNumber(callee, options.config.numberPlan);
    records.push(record(source, msisdnEntity(caller.id), 'call_out', { premiumShortNumber }, toCallee));
  }
  // Hidden callers share one id: a sender entity for them would be one hot, meaningless partition.
  if (caller.class !== 'anonymous') {
    records.push(record(source, senderEntity(caller.id), 'call_made', {}, toCallee));
  }
  return records;
}

function normalizePayment(valid: ValidPaymentEvent, options: NormalizeOptions): EntityEventRecord[] {
  const { event, msisdn, counterparty } = valid;
  const source = sourceOf(valid.topic, event, event.occurredAt, options);
  const money = { amount: event.amount, currency: event.currency, channel: event.channel };
  const subscriber = msisdnEntity(msisdn.id);
  switch (event.type) {
    case 'topup': {
      const card =
        event.channel === 'bank_card' && event.cardToken !== undefined ? event.cardToken : undefined;
      if (card === undefined) return [record(source, subscriber, 'topup', {}, money)];
      return [
        record(source, subscriber, 'topup', {}, { counterparty: card, counterpartyClass: 'card', ...money }),
        record(source, cardEntity(card), 'card_topup', {}, { ...counterpartyOf(msisdn), ...money }),
      ];
    }
    case 'transfer': {
      const records = [
        record(source, subscriber, 'transfer_out', {}, { ...counterpartyOf(counterparty), ...money }),
      ];
      if (counterparty?.class === 'home_msisdn') {
        records.push(
          record(
            source,
            msisdnEntity(counterparty.id),
            'transfer_in',
            {},
            { ...counterpartyOf(msisdn), ...money },
          ),
        );
      }
      return records;
    }
    case 'premium_charge': {
      const premiumShortNumber = isPremiumShortNumber(counterparty, options.config.numberPlan);
      return [
        record(
          source,
          subscriber,
          'premium_charge',
          { premiumShortNumber },
          { ...counterpartyOf(counterparty), ...money },
        ),
      ];
    }
  }
}

/**
 * Turns one validated raw event into its entity events, one per perspective (DESIGN.md "Entities and
 * perspectives"): SMS gives sms_in (home recipient), sms_out (home sender) and sms_sent (any sender); calls give
 * call_in, call_out and call_made; payments give topup (+ card_topup for a bank card), transfer_out
 * (+ transfer_in for a home recipient) and premium_charge. SMS text is read for features and then dropped.
 * Every record's key is its entity.
 */
export function toEntityEvents(valid: ValidRawEvent, options: NormalizeOptions): EntityEventRecord[] {
  switch (valid.topic) {
    case SMS_TOPIC:
      return normalizeSms(valid, options);
    case CALLS_TOPIC:
      return normalizeCall(valid, options);
    default:
      return normalizePayment(valid, options);
  }
}
