import { INPUT_TOPICS } from './topics';
import { ENTITY_EVENT_KINDS, PARTY_CLASSES } from './entity-event.v1.vocabulary';
import { boundedString, finiteNumber, type Check } from './fast-check-primitives';
import { isUtcDateTime } from './date-time';
import schema from './schemas/entity-event.v1.schema.json';

// The schema's limits (schemas/entity-event.v1.schema.json); the spec checks this file against the schema.
const EVENT_ID_MAX = 200;
const SOURCE_EVENT_ID_MAX = 128;
const COUNTERPARTY_MAX = 128;
const FEATURE_STRING_MAX = 256;
const FEATURE_LIST_MAX = 32;
const ENTITY = /^(msisdn|sender|card):.+$/u;
const CURRENCY = /^[A-Z]{3}$/u;
const SOURCE_OFFSET = /^[0-9]{1,20}$/u;
const SOURCE_TOPICS: ReadonlySet<string> = new Set(INPUT_TOPICS);
const KINDS: ReadonlySet<string> = new Set(ENTITY_EVENT_KINDS);
const PARTY_CLASS_SET: ReadonlySet<string> = new Set(PARTY_CLASSES);

const isFeatureValue: Check = (value) => {
  if (typeof value === 'boolean' || finiteNumber(value)) return true;
  if (typeof value === 'string') return value.length <= FEATURE_STRING_MAX;
  if (!Array.isArray(value) || value.length > FEATURE_LIST_MAX) return false;
  for (const item of value) if (typeof item !== 'string' || item.length > FEATURE_STRING_MAX) return false;
  return true;
};

const isFeatures: Check = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const features = value as Record<string, unknown>;
  // for…in with an own-property check: no key array per event (JSON.parse objects inherit nothing enumerable).
  for (const key in features)
    if (!Object.hasOwn(features, key) || !isFeatureValue(features[key])) return false;
  return true;
};

const PROPERTIES: Record<string, Check> = {
  eventId: boundedString(1, EVENT_ID_MAX),
  sourceEventId: boundedString(1, SOURCE_EVENT_ID_MAX),
  sourceTopic: (value) => typeof value === 'string' && SOURCE_TOPICS.has(value),
  sourcePartition: (value) => Number.isInteger(value) && (value as number) >= 0,
  sourceOffset: (value) => typeof value === 'string' && SOURCE_OFFSET.test(value),
  entity: (value) => typeof value === 'string' && ENTITY.test(value),
  kind: (value) => typeof value === 'string' && KINDS.has(value),
  occurredAt: (value) => typeof value === 'string' && isUtcDateTime(value),
  ingestedAt: (value) => typeof value === 'string' && isUtcDateTime(value),
  counterparty: boundedString(1, COUNTERPARTY_MAX),
  counterpartyClass: (value) => typeof value === 'string' && PARTY_CLASS_SET.has(value),
  amount: (value) => finiteNumber(value) && (value as number) >= 0,
  currency: (value) => typeof value === 'string' && CURRENCY.test(value),
  channel: (value) => typeof value === 'string',
  answered: (value) => typeof value === 'boolean',
  durationSec: (value) => Number.isInteger(value) && (value as number) >= 0,
  features: isFeatures,
};
// Required as the schema says, read from it: one list, no copy to keep in step.
const REQUIRED: readonly string[] = schema.required;

/** The properties the fast check knows, for the spec that compares them with the schema. */
export const ENTITY_EVENT_FAST_CHECK_PROPERTIES = Object.keys(PROPERTIES);

/**
 * A hand-written check of vigil.entity-events.v1 for the correlator's hot path, several times cheaper than the
 * generated validator (whose date-time format check alone costs more than the JSON parse). It only ever says yes
 * to values the schema accepts; a no means "not sure" (an offset time zone, a bad record), and the contract then
 * asks the full validator, which also words the problems.
 */
export function isValidEntityEventFast(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key of REQUIRED) if (!Object.hasOwn(record, key)) return false;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    const check = Object.hasOwn(PROPERTIES, key) ? PROPERTIES[key] : undefined;
    if (check === undefined || !check(record[key])) return false;
  }
  return true;
}
