/**
 * Synthetic entity events for the engine benchmark: ordinary subscribers with a circle of regular
 * contacts, plus scam scenarios. A batch is generated into flat columns (typed arrays, no per-event
 * objects) and turned into `EntityEventV1` objects a small chunk at a time, right before the engine
 * sees them, as a consumer does with a batch it has just deserialized. Generation therefore costs the
 * timed phase neither garbage collection nor cache misses on cold input.
 */
import { ENTITY_EVENT_KINDS } from '@vigil/contracts';
import type { EntityEventKind, EntityEventV1, Features, InputTopic, PartyClass } from '@vigil/contracts';

export const SUBSCRIBERS = 1_000_000;
const FIRST_MSISDN = 77_010_000_000;
const FIRST_SCAMMER = 77_470_000_000;
const FIRST_STRANGER = 77_480_000_000;
const MINUTE = 60_000;

const KINDS: readonly EntityEventKind[] = ENTITY_EVENT_KINDS;
const KIND = Object.fromEntries(KINDS.map((kind, i) => [kind, i])) as Record<EntityEventKind, number>;
const TOPIC_OF_KIND: readonly InputTopic[] = KINDS.map((kind) =>
  kind.startsWith('sms') ? 'telco.sms.v1' : kind.startsWith('call') ? 'telco.calls.v1' : 'telco.payments.v1',
);

/** Party classes by code; 0 means none. */
const CLASSES: readonly (PartyClass | undefined)[] = [
  undefined,
  'home_msisdn',
  'domestic',
  'official',
  'alphanumeric',
  'short_number',
  'card',
];
const CLASS = { none: 0, home: 1, domestic: 2, official: 3, alphanumeric: 4, shortNumber: 5, card: 6 };

/** Entity namespaces by code: the entity is `<prefix><id>` (the shop has no id). */
const ENTITY_PREFIXES = ['msisdn:', 'sender:', 'sender:SHOP', 'card:tok', 'card:stolen'];
const ENTITY = { msisdn: 0, sender: 1, shop: 2, cardToken: 3, stolenCard: 4 };

/** Named counterparties, encoded as -(index + 1); numbers ≥ 0 are MSISDNs; NaN is none. */
const NAMED_COUNTERPARTIES = ['SHOP', 'KCELLPAY', '7130', '7122'];
const SHOP = -1;
const KCELLPAY = -2;
const PREMIUM_7130 = -3;
const PREMIUM_7122 = -4;

const CHANNELS: readonly (string | undefined)[] = [undefined, 'terminal', 'bank_card'];

/** Feature sets by code; each event gets its own copy, as if just deserialized. */
const FEATURE_SETS: readonly (() => Features)[] = [
  () => ({}),
  () => ({ hasUrl: false, senderClass: 'msisdn', officialSender: false }),
  () => ({ otpCode: true, serviceSender: true, senderClass: 'alphanumeric', officialSender: true }),
  () => ({
    hasUrl: true,
    urlDomains: ['shop.kz'],
    senderClass: 'official',
    officialSender: true,
    serviceSender: true,
  }),
  () => ({ otpCode: true, serviceSender: true }),
  () => ({ voiceMessageLure: true, referencedShortNumbers: ['7122'] }),
  () => ({ hasUrl: true }),
  () => ({ hasUrl: true, brandLookalikeDomain: true }),
];
const FEATURES = {
  none: 0,
  personalSms: 1,
  shopCode: 2,
  shopLink: 3,
  paymentCode: 4,
  voiceLure: 5,
  link: 6,
  phishing: 7,
};

/** Optional fields of one event; `delayMs` is how long after its event time the record arrives. */
interface Details {
  amount?: number;
  channel?: number;
  answered?: boolean;
  durationSec?: number;
  features?: number;
  delayMs?: number;
}

let seed = 42;
/** Seeded, so every run sees the same traffic. */
export function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = (n: number) => Math.floor(random() * n);
/** A subscriber's small circle of regular contacts. */
const friendOf = (i: number) => (i * 7_919 + pick(5) * 104_729) % SUBSCRIBERS;

/**
 * Who recently called or texted whom, so that ordinary transfers go to someone the payer exchanged
 * with earlier in the stream (the usual case: paying back a friend), not to strangers.
 */
class RecentExchanges {
  private static readonly SIZE = 1 << 18;
  private readonly payers = new Int32Array(RecentExchanges.SIZE);
  private readonly payees = new Int32Array(RecentExchanges.SIZE);
  private count = 0;

  remember(from: number, to: number): void {
    const slot = this.count++ % RecentExchanges.SIZE;
    this.payers[slot] = from;
    this.payees[slot] = to;
  }

  /** A random remembered exchange as [from, to], or undefined before the first one. */
  any(): [number, number] | undefined {
    if (this.count === 0) return undefined;
    const slot = pick(Math.min(this.count, RecentExchanges.SIZE));
    return [this.payers[slot], this.payees[slot]];
  }
}

/** One batch of generated events as columns, readable in arrival order. */
export class TrafficBatch {
  size = 0;
  private capacity = 0;
  private serial = new Float64Array(0);
  private timeMs = new Float64Array(0);
  private arrivalKey = new Float64Array(0);
  private entityNs = new Uint8Array(0);
  private entityId = new Float64Array(0);
  private kind = new Uint8Array(0);
  private counterparty = new Float64Array(0);
  private counterpartyClass = new Uint8Array(0);
  private amount = new Float64Array(0);
  private channel = new Uint8Array(0);
  private answered = new Int8Array(0);
  private durationSec = new Int32Array(0);
  private features = new Uint8Array(0);
  /** Row numbers in arrival order, after `seal`. */
  private order = new Uint32Array(0);

  constructor(private readonly originMs: number) {}

  clear(): void {
    this.size = 0;
  }

  add(
    entityNs: number,
    entityId: number,
    kind: EntityEventKind,
    timeMs: number,
    counterparty: number,
    counterpartyClass: number,
    details: Details = {},
  ): void {
    if (this.size === this.capacity) this.grow();
    const row = this.size++;
    const wholeMs = Math.floor(timeMs);
    this.serial[row] = nextSerial++;
    this.timeMs[row] = wholeMs;
    this.arrivalKey[row] = wholeMs + (details.delayMs ?? 0);
    this.entityNs[row] = entityNs;
    this.entityId[row] = entityId;
    this.kind[row] = KIND[kind];
    this.counterparty[row] = counterparty;
    this.counterpartyClass[row] = counterpartyClass;
    this.amount[row] = details.amount ?? NaN;
    this.channel[row] = details.channel ?? 0;
    this.answered[row] = details.answered === undefined ? -1 : details.answered ? 1 : 0;
    this.durationSec[row] = details.durationSec ?? -1;
    this.features[row] = details.features ?? FEATURES.none;
  }

  /** Orders the rows by arrival (ties in generation order). */
  seal(): void {
    // Arrival (ms after the origin, < 2^31) and row (< 2^21) packed in one double: a plain numeric sort.
    const keys = new Float64Array(this.size);
    for (let row = 0; row < this.size; row++)
      keys[row] = (this.arrivalKey[row] - this.originMs) * 2_097_152 + row;
    keys.sort();
    this.order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) this.order[i] = keys[i] % 2_097_152;
  }

  /** Materializes events [from, to) of the arrival order into `out` (reused between chunks). */
  materialize(from: number, to: number, out: EntityEventV1[]): void {
    out.length = 0;
    for (let i = from; i < to; i++) out.push(this.event(this.order[i]));
  }

  private event(row: number): EntityEventV1 {
    const kind = KINDS[this.kind[row]];
    const sourceEventId = `ev${this.serial[row]}`;
    const occurredAt = new Date(this.timeMs[row]).toISOString();
    const ns = this.entityNs[row];
    const event: EntityEventV1 = {
      eventId: `${sourceEventId}:${kind}`,
      sourceEventId,
      sourceTopic: TOPIC_OF_KIND[this.kind[row]],
      entity: ns === ENTITY.shop ? ENTITY_PREFIXES[ns] : `${ENTITY_PREFIXES[ns]}${this.entityId[row]}`,
      kind,
      occurredAt,
      ingestedAt: occurredAt,
      features: FEATURE_SETS[this.features[row]](),
    };
    const counterparty = this.counterparty[row];
    if (!Number.isNaN(counterparty))
      event.counterparty = counterparty >= 0 ? String(counterparty) : NAMED_COUNTERPARTIES[-counterparty - 1];
    const counterpartyClass = CLASSES[this.counterpartyClass[row]];
    if (counterpartyClass !== undefined) event.counterpartyClass = counterpartyClass;
    if (!Number.isNaN(this.amount[row])) event.amount = this.amount[row];
    const channel = CHANNELS[this.channel[row]];
    if (channel !== undefined) event.channel = channel;
    if (this.answered[row] >= 0) event.answered = this.answered[row] === 1;
    if (this.durationSec[row] >= 0) event.durationSec = this.durationSec[row];
    return event;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const grown = <T extends Float64Array | Uint8Array | Int8Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.serial = grown(this.serial, new Float64Array(capacity));
    this.timeMs = grown(this.timeMs, new Float64Array(capacity));
    this.arrivalKey = grown(this.arrivalKey, new Float64Array(capacity));
    this.entityNs = grown(this.entityNs, new Uint8Array(capacity));
    this.entityId = grown(this.entityId, new Float64Array(capacity));
    this.kind = grown(this.kind, new Uint8Array(capacity));
    this.counterparty = grown(this.counterparty, new Float64Array(capacity));
    this.counterpartyClass = grown(this.counterpartyClass, new Uint8Array(capacity));
    this.amount = grown(this.amount, new Float64Array(capacity));
    this.channel = grown(this.channel, new Uint8Array(capacity));
    this.answered = grown(this.answered, new Int8Array(capacity));
    this.durationSec = grown(this.durationSec, new Int32Array(capacity));
    this.features = grown(this.features, new Uint8Array(capacity));
    this.capacity = capacity;
  }
}

let nextSerial = 0;
const exchanges = new RecentExchanges();

/** One ordinary activity of a random subscriber at `timeMs`. */
export function addBenignActivity(out: TrafficBatch, timeMs: number): void {
  const a = pick(SUBSCRIBERS);
  const A = FIRST_MSISDN + a;
  const roll = random();
  const b = random() < 0.7 ? friendOf(a) : pick(SUBSCRIBERS);
  const B = FIRST_MSISDN + b;
  const { msisdn, sender } = ENTITY;
  if (roll < 0.45) {
    const features = FEATURES.personalSms;
    out.add(msisdn, A, 'sms_out', timeMs, B, CLASS.home, { features });
    out.add(msisdn, B, 'sms_in', timeMs, A, CLASS.home, { features });
    out.add(sender, A, 'sms_sent', timeMs, B, CLASS.home, { features });
    exchanges.remember(a, b);
  } else if (roll < 0.75) {
    const answered = random() < 0.8;
    const durationSec = answered ? 5 + pick(400) : 0;
    const call = { answered, durationSec, delayMs: durationSec * 1000 }; // call records arrive at call end
    out.add(msisdn, A, 'call_out', timeMs, B, CLASS.home, call);
    out.add(msisdn, B, 'call_in', timeMs, A, CLASS.home, call);
    out.add(sender, A, 'call_made', timeMs, B, CLASS.home, call);
    exchanges.remember(a, b);
  } else if (roll < 0.85) {
    const features = random() < 0.3 ? FEATURES.shopCode : FEATURES.shopLink;
    out.add(msisdn, A, 'sms_in', timeMs, SHOP, CLASS.official, { features });
    out.add(ENTITY.shop, 0, 'sms_sent', timeMs, A, CLASS.home, { features });
  } else if (roll < 0.93) {
    const byCard = random() < 0.4;
    const amount = 500 + pick(5_000);
    const channel = byCard ? 2 : 1;
    out.add(msisdn, A, 'topup', timeMs, NaN, byCard ? CLASS.card : CLASS.none, { amount, channel });
    if (byCard) out.add(ENTITY.cardToken, a, 'card_topup', timeMs, A, CLASS.home, { amount });
  } else if (roll < 0.98) {
    // Money goes to someone the payer called or texted earlier in the stream.
    const [payer, payee] = exchanges.any() ?? [a, b];
    const amount = 100 + pick(3_000);
    const from = FIRST_MSISDN + payer;
    const to = FIRST_MSISDN + payee;
    out.add(msisdn, from, 'transfer_out', timeMs, to, CLASS.home, { amount });
    out.add(msisdn, to, 'transfer_in', timeMs, from, CLASS.home, { amount });
  } else {
    out.add(msisdn, A, 'premium_charge', timeMs, PREMIUM_7130, CLASS.shortNumber, { amount: 50 });
  }
}

/** Scam scenario number `n` (six typologies in turn) against a random subscriber, starting at `timeMs`. */
export function addScamScenario(out: TrafficBatch, timeMs: number, n: number): void {
  const victim = FIRST_MSISDN + pick(SUBSCRIBERS);
  const scammer = FIRST_SCAMMER + n;
  const { msisdn } = ENTITY;
  const { domestic } = CLASS;
  switch (n % 6) {
    case 0: // prize code theft, the code arriving during the call
      out.add(msisdn, victim, 'call_in', timeMs, scammer, domestic, {
        answered: true,
        durationSec: 400,
        delayMs: 400_000,
      });
      out.add(msisdn, victim, 'topup', timeMs + 2 * MINUTE, NaN, CLASS.none, { amount: 1000, channel: 1 });
      out.add(msisdn, victim, 'sms_in', timeMs + 4 * MINUTE, KCELLPAY, CLASS.alphanumeric, {
        features: FEATURES.paymentCode,
      });
      out.add(msisdn, victim, 'transfer_out', timeMs + 6 * MINUTE, scammer, domestic, { amount: 950 });
      break;
    case 1: // relative in trouble
      out.add(msisdn, victim, 'call_in', timeMs, scammer, domestic, {
        answered: true,
        durationSec: 90,
        delayMs: 90_000,
      });
      out.add(msisdn, victim, 'call_in', timeMs + 4 * MINUTE, scammer, domestic, {
        answered: true,
        durationSec: 60,
        delayMs: 60_000,
      });
      out.add(msisdn, victim, 'transfer_out', timeMs + 10 * MINUTE, scammer, domestic, { amount: 5000 });
      break;
    case 2: // premium SMS lure
      out.add(msisdn, victim, 'sms_in', timeMs, scammer, domestic, { features: FEATURES.voiceLure });
      out.add(msisdn, victim, 'sms_out', timeMs + 3 * MINUTE, PREMIUM_7122, CLASS.shortNumber);
      out.add(msisdn, victim, 'premium_charge', timeMs + 4 * MINUTE, PREMIUM_7122, CLASS.shortNumber, {
        amount: 2500,
      });
      break;
    case 3: // stolen card
      for (let i = 0; i < 3; i++) {
        const recipient = FIRST_MSISDN + pick(SUBSCRIBERS);
        out.add(ENTITY.stolenCard, n, 'card_topup', timeMs + i * 5 * MINUTE, recipient, CLASS.home, {
          amount: 3000,
        });
      }
      break;
    case 4: // smishing burst
      for (let i = 0; i < 60; i++) {
        const recipient = FIRST_MSISDN + pick(SUBSCRIBERS);
        out.add(ENTITY.sender, scammer, 'sms_sent', timeMs + i * 2_000, recipient, CLASS.home, {
          features: FEATURES.link,
        });
      }
      break;
    default: // phishing link and a transfer to a stranger
      out.add(msisdn, victim, 'sms_in', timeMs, scammer, domestic, { features: FEATURES.phishing });
      out.add(msisdn, victim, 'transfer_out', timeMs + 5 * MINUTE, FIRST_STRANGER + n, domestic, {
        amount: 700,
      });
  }
}
