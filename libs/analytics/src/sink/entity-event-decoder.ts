import {
  ENTITY_EVENT_KINDS,
  type EntityEventV1,
  PARTY_CLASSES,
  entityEventV1,
  INPUT_TOPICS,
} from '@vigil/contracts';
import { isCanonicalUtc } from '../rows/date-time-text';

const SOURCE_TOPICS: ReadonlySet<unknown> = new Set(INPUT_TOPICS);
const KINDS: ReadonlySet<unknown> = new Set(ENTITY_EVENT_KINDS);
const CLASSES: ReadonlySet<unknown> = new Set(PARTY_CLASSES);
const ENTITY = /^(msisdn|sender|card):.+$/u; // the schema's pattern, with the flag Ajv compiles patterns with
const CURRENCY = /^[A-Z]{3}$/;
const SOURCE_OFFSET = /^[0-9]{1,20}$/u;

/**
 * Decodes a vigil.entity-events.v1 record, throwing ContractError exactly when the contract's own `deserialize`
 * would. A record in the shape producers write is vouched for by a hand-written check that is at least as strict
 * as the JSON Schema (about 10× cheaper than the general validator); anything it does not vouch for — malformed,
 * invalid, or merely unusual such as a `+06:00` timestamp — is decided by the contract's full validation.
 */
export function decodeEntityEvent(bytes: Buffer | string | null | undefined): EntityEventV1 {
  if (bytes === null || bytes === undefined || bytes.length === 0) return entityEventV1.deserialize(bytes);
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch {
    return entityEventV1.deserialize(bytes); // throws MALFORMED_JSON with the parser's explanation
  }
  return isPlainEntityEvent(value) ? value : entityEventV1.assert(value);
}

const isString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max; // UTF-16 length ≥ code points

function isFeatureValue(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
    case 'number':
      return true;
    case 'string':
      return value.length <= 256;
    default:
      if (!Array.isArray(value) || value.length > 32) return false;
      for (const item of value) if (typeof item !== 'string' || item.length > 256) return false;
      return true;
  }
}

/** A subset of what the JSON Schema accepts: true only if Ajv would accept the value too. */
export function isPlainEntityEvent(value: unknown): value is EntityEventV1 {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  if (
    !isString(event.eventId, 200) ||
    !isString(event.sourceEventId, 128) ||
    !SOURCE_TOPICS.has(event.sourceTopic) ||
    typeof event.entity !== 'string' ||
    !ENTITY.test(event.entity) ||
    !KINDS.has(event.kind) ||
    typeof event.occurredAt !== 'string' ||
    !isCanonicalUtc(event.occurredAt) ||
    typeof event.ingestedAt !== 'string' ||
    !isCanonicalUtc(event.ingestedAt)
  ) {
    return false;
  }
  const features = event.features;
  if (typeof features !== 'object' || features === null || Array.isArray(features)) return false;
  for (const name in features) {
    if (!isFeatureValue((features as Record<string, unknown>)[name])) return false;
  }
  for (const key in event) {
    const field = event[key];
    switch (key) {
      case 'eventId':
      case 'sourceEventId':
      case 'sourceTopic':
      case 'entity':
      case 'kind':
      case 'occurredAt':
      case 'ingestedAt':
      case 'features':
        break;
      case 'counterparty':
        if (!isString(field, 128)) return false;
        break;
      case 'counterpartyClass':
        if (!CLASSES.has(field)) return false;
        break;
      case 'amount':
        if (typeof field !== 'number' || !(field >= 0)) return false;
        break;
      case 'currency':
        if (typeof field !== 'string' || !CURRENCY.test(field)) return false;
        break;
      case 'channel':
        if (typeof field !== 'string') return false;
        break;
      case 'answered':
        if (typeof field !== 'boolean') return false;
        break;
      case 'durationSec':
      case 'sourcePartition':
        if (!Number.isInteger(field) || (field as number) < 0) return false;
        break;
      case 'sourceOffset':
        if (typeof field !== 'string' || !SOURCE_OFFSET.test(field)) return false;
        break;
      default:
        return false; // additionalProperties: false
    }
  }
  return true;
}
