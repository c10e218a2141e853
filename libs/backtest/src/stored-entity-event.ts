import type { EntityEventKind, EntityEventV1, Features, InputTopic, PartyClass } from '@vigil/contracts';

/**
 * The `entity_events` columns a back-test reads, in the order `storedEntityEventOf` expects them as TabSeparated
 * fields. Times come as Unix seconds (the server's time zone plays no part) plus the stored milliseconds.
 */
export const STORED_EVENT_COLUMNS = [
  'event_id',
  'source_event_id',
  'source_topic',
  'entity_type',
  'entity_key',
  'kind',
  'toUInt32(occurred_at)',
  'occurred_ms',
  'toUInt32(ingested_at)',
  'counterparty_key',
  'counterparty_class',
  'amount',
  'currency',
  'channel',
  'answered',
  'duration_sec',
  'features_json',
] as const;

// The columns store absence as 0 or '' (no Nullable on the hot table); which fields an entity event carries
// follows from its kind (libs/ingest's normalizer): money on payment kinds, answered and duration on call kinds.
// Reading them back only for those kinds gives the engine the event ingest produced, so `amount: { gte: 0 }` or
// `minDurationSec` hold on exactly the events they held on live.
const PAYMENT_KINDS: ReadonlySet<string> = new Set<EntityEventKind>([
  'topup',
  'card_topup',
  'transfer_out',
  'transfer_in',
  'premium_charge',
]);
const CALL_KINDS: ReadonlySet<string> = new Set<EntityEventKind>(['call_in', 'call_out', 'call_made']);

const TSV_UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', '0': '\0', "'": "'" };

/** A TabSeparated String field as the value it encodes. */
export function unescapeTabSeparated(field: string): string {
  return field.includes('\\')
    ? field.replace(/\\(.)/g, (_, char: string) => TSV_UNESCAPES[char] ?? char)
    : field;
}

// A day's features come in few shapes (flags of a lure, an empty object): each distinct text is parsed once and the
// frozen object shared, as the engine never changes an event's features. Bounded: cleared when full.
const FEATURES_CACHE_SIZE = 4_096;
const parsedFeatures = new Map<string, Features>();

function featuresOf(field: string): Features {
  let features = parsedFeatures.get(field);
  if (features === undefined) {
    features = Object.freeze(JSON.parse(unescapeTabSeparated(field)) as Features);
    if (parsedFeatures.size >= FEATURES_CACHE_SIZE) parsedFeatures.clear();
    parsedFeatures.set(field, features);
  }
  return features;
}

// Rows come in existence order: their times fall in the last few minutes (a call's begins where it began, up to hours
// before its record existed). Each minute's text is made once and kept in one of 256 slots (by minute number).
const SECOND_TEXTS = Array.from({ length: 60 }, (_, second) => `${String(second).padStart(2, '0')}.`);
const MILLISECOND_TEXTS = Array.from({ length: 1000 }, (_, ms) => `${String(ms).padStart(3, '0')}Z`);
const MINUTE_SLOTS = 256;
const LAST_MS_OF_YEAR_9999 = 253_402_300_799_999;
const minuteOfSlot = new Float64Array(MINUTE_SLOTS).fill(-1);
const minuteTextOfSlot: string[] = new Array<string>(MINUTE_SLOTS).fill('');

/** `new Date(timeMs).toISOString()`, made from the text of its minute. */
export function isoTimeText(timeMs: number): string {
  if (!(timeMs >= 0 && timeMs <= LAST_MS_OF_YEAR_9999 && Number.isInteger(timeMs)))
    return new Date(timeMs).toISOString();
  const minute = Math.floor(timeMs / 60_000);
  const slot = minute & (MINUTE_SLOTS - 1);
  if (minuteOfSlot[slot] !== minute) {
    minuteOfSlot[slot] = minute;
    minuteTextOfSlot[slot] = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const inMinuteMs = timeMs - minute * 60_000;
  const second = Math.floor(inMinuteMs / 1000);
  return minuteTextOfSlot[slot] + SECOND_TEXTS[second] + MILLISECOND_TEXTS[inMinuteMs - second * 1000];
}

/**
 * One stored row (TabSeparated fields of `STORED_EVENT_COLUMNS`) as the entity event the correlator processed,
 * with numbers in their stored, pseudonymous form: the entity is `<type>:<key>` and counterparties are keys, so
 * equality between steps and first contact hold between the same events as live (a keyed hash is one-to-one on
 * canonical numbers). Source partition and offset are not stored: a back-test reads one ordered source.
 */
export function storedEntityEventOf(fields: readonly string[]): EntityEventV1 {
  const kind = fields[5] as EntityEventKind;
  const occurredMs = Number(fields[6]) * 1000 + Number(fields[7]);
  const event: EntityEventV1 = {
    eventId: unescapeTabSeparated(fields[0]),
    sourceEventId: unescapeTabSeparated(fields[1]),
    sourceTopic: fields[2] as InputTopic,
    entity: `${fields[3]}:${unescapeTabSeparated(fields[4])}`,
    kind,
    occurredAt: isoTimeText(occurredMs),
    ingestedAt: isoTimeText(Number(fields[8]) * 1000),
    features: featuresOf(fields[16]),
  };
  if (fields[9] !== '') event.counterparty = unescapeTabSeparated(fields[9]);
  if (fields[10] !== '') event.counterpartyClass = fields[10] as PartyClass;
  if (PAYMENT_KINDS.has(kind)) {
    event.amount = Number(fields[11]);
    if (fields[12] !== '') event.currency = fields[12];
    if (fields[13] !== '') event.channel = unescapeTabSeparated(fields[13]);
  }
  if (CALL_KINDS.has(kind)) {
    event.answered = fields[14] === '1';
    event.durationSec = Number(fields[15]);
  }
  return event;
}
