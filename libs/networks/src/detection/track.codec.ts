import type { NumberTrack } from './number-track';

const SNAPSHOT_VERSION = 1;
const ROLES: ReadonlySet<unknown> = new Set(['caller', 'sender', 'mule']);

/** A track as its changelog record: versioned JSON (the changelog is the stage's own, compacted per key). */
export function encodeTrack(track: NumberTrack): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: SNAPSHOT_VERSION,
      number: track.number,
      role: track.role,
      observations: track.observations,
      finding: track.finding,
    }),
    'utf8',
  );
}

/** The track of a changelog record, or undefined when the record is not one this version wrote. */
export function decodeTrack(key: string, value: Buffer): NumberTrack | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if (record.v !== SNAPSHOT_VERSION || typeof record.number !== 'string' || !ROLES.has(record.role))
    return undefined;
  if (!Array.isArray(record.observations)) return undefined;
  const valid = record.observations.every(
    (item: unknown) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Record<string, unknown>).id === 'string' &&
      typeof (item as Record<string, unknown>).subscriber === 'string' &&
      Number.isFinite((item as Record<string, unknown>).atMs),
  );
  if (!valid) return undefined;
  const finding = record.finding as NumberTrack['finding'];
  if (finding !== undefined && (typeof finding.findingId !== 'string' || !Number.isFinite(finding.startMs)))
    return undefined;
  return {
    key,
    number: record.number,
    role: record.role as NumberTrack['role'],
    observations: record.observations as NumberTrack['observations'],
    finding,
  };
}
