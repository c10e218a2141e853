import { ALERT_STAGES, SEVERITIES, TYPOLOGIES } from './alert.v1.vocabulary';
import { boundedString, finiteNumber, isPlainObject, type Check } from './fast-check-primitives';
import { isUtcDateTime } from './date-time';
import schema from './schemas/alert.v1.schema.json';

// The schema's limits (schemas/alert.v1.schema.json); the spec checks this file against the schema.
const ALERT_ID_MAX = 128;
const TYPOLOGY_SET: ReadonlySet<unknown> = new Set(TYPOLOGIES);
const SEVERITY_SET: ReadonlySet<unknown> = new Set(SEVERITIES);
const STAGE_SET: ReadonlySet<unknown> = new Set(ALERT_STAGES);

const isString: Check = (value) => typeof value === 'string';
const isDateTime: Check = (value) => typeof value === 'string' && isUtcDateTime(value);

const isStringList: Check = (value) => {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
};

const isEvidenceItem = (item: unknown): boolean => {
  if (!isPlainObject(item)) return false;
  if (typeof item.eventId !== 'string' || typeof item.kind !== 'string' || !isDateTime(item.occurredAt))
    return false;
  return item.step === undefined || typeof item.step === 'string';
};

const isEvidence: Check = (value) => {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) if (!isEvidenceItem(item)) return false;
  return true;
};

const PROPERTIES: Record<string, Check> = {
  alertId: boundedString(1, ALERT_ID_MAX),
  ruleId: isString,
  ruleVersion: (value) => Number.isInteger(value) && (value as number) >= 1,
  typology: (value) => TYPOLOGY_SET.has(value),
  severity: (value) => SEVERITY_SET.has(value),
  stage: (value) => STAGE_SET.has(value),
  entity: isString,
  counterparties: isStringList,
  detectedAt: isDateTime,
  firstEventAt: isDateTime,
  lastEventAt: isDateTime,
  evidence: isEvidence,
  explanation: isString,
  score: (value) => finiteNumber(value) && (value as number) >= 0 && (value as number) <= 1,
};
// Required as the schema says, read from it: one list, no copy to keep in step.
const REQUIRED: readonly string[] = schema.required;

/** The properties the fast check knows, for the spec that compares them with the schema. */
export const ALERT_FAST_CHECK_PROPERTIES = Object.keys(PROPERTIES);

/**
 * A hand-written check of vigil.alerts.v1 for the correlator, which validates every alert it produces: the
 * generated validator's three date-time format checks per alert and one per evidence item cost more than the
 * JSON encoding. It only ever says yes to values the schema accepts (other properties are allowed, as there);
 * a no means "not sure", and the contract asks the full validator, which also words the problems.
 */
export function isValidAlertFast(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of REQUIRED) if (!Object.hasOwn(value, key) || value[key] === undefined) return false;
  for (const key of ALERT_FAST_CHECK_PROPERTIES) {
    if (!Object.hasOwn(value, key)) continue;
    const property = value[key];
    // JSON.stringify drops an undefined property, and so the schema never sees it.
    if (property !== undefined && !PROPERTIES[key](property)) return false;
  }
  return true;
}
