import { NetworksInputError, networksErrorCodes } from '../networks.errors';
import type { NetworkObservation } from './observation.types';

/** An observation on the repartition topic: JSON, times in ms (an internal topic, not a public contract). */
export function encodeObservation(observation: NetworkObservation): Buffer {
  return Buffer.from(JSON.stringify(observation), 'utf8');
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Decodes and checks one observation; throws NetworksInputError (a dead letter, not a crash) on anything else. */
export function decodeObservation(bytes: Buffer | null): NetworkObservation {
  let value: unknown;
  try {
    value = JSON.parse(bytes === null ? '' : bytes.toString('utf8'));
  } catch {
    throw new NetworksInputError(networksErrorCodes.MALFORMED_OBSERVATION, 'not JSON');
  }
  const item = value as Partial<Record<string, unknown>>;
  const common =
    typeof value === 'object' &&
    value !== null &&
    isString(item.number) &&
    isString(item.subscriber) &&
    isTime(item.occurredAtMs);
  if (common && item.type === 'transfer' && isString(item.eventId)) return value as NetworkObservation;
  if (
    common &&
    item.type === 'lure' &&
    (item.role === 'caller' || item.role === 'sender') &&
    isString(item.alertId) &&
    isString(item.typology) &&
    (item.stage === 'early_warning' || item.stage === 'confirmed') &&
    Array.isArray(item.domains) &&
    item.domains.every(isString)
  )
    return value as NetworkObservation;
  throw new NetworksInputError(
    networksErrorCodes.MALFORMED_OBSERVATION,
    'not a lure or transfer observation',
  );
}
