import type { NetworkRole } from '@vigil/contracts';

/** What the stage keeps of one observation: enough for the evidence, the victims and the campaign links. */
export interface TrackedObservation {
  /** Alert id (lure) or entity-event id (transfer): the dedup key. */
  id: string;
  subscriber: string;
  atMs: number;
  alertId?: string;
  eventId?: string;
  typology?: string;
  confirmed?: boolean;
  domains?: string[];
}

/** The finding open on a track: the window it started in, and what was last emitted and proposed. */
export interface OpenFinding {
  findingId: string;
  startMs: number;
  /** What the last emitted version said, so an unchanged finding is not emitted again. */
  emittedVictims: number;
  emittedEvidence: number;
  emittedCampaignId?: string;
  /**
   * The campaign it belongs to: once two findings meet they keep the earlier campaign's id, even after the member
   * that linked them goes quiet (a campaign never splits back).
   */
  campaign?: { id: string; startMs: number };
  /** Victims count at which this stage last proposed the number (undefined: never). */
  proposedVictims?: number;
}

/**
 * Everything the stage knows about one number in one role family: as a lure (caller/sender) or as a payee (mule).
 * Observations are kept in event-time order, at most the configured number of them.
 */
export interface NumberTrack {
  /** `lure|<number>` or `mule|<number>`: the changelog key. */
  key: string;
  number: string;
  role: NetworkRole;
  observations: TrackedObservation[];
  finding?: OpenFinding;
}

export const trackKeyOf = (family: 'lure' | 'mule', number: string): string => `${family}|${number}`;

/** Inserts in event-time order (ties by id, so a replay in another order keeps the same order); false: known. */
export function insertObservation(track: NumberTrack, item: TrackedObservation, max: number): boolean {
  const list = track.observations;
  if (list.some((existing) => existing.id === item.id)) return false;
  let at = list.length;
  while (
    at > 0 &&
    (list[at - 1].atMs > item.atMs || (list[at - 1].atMs === item.atMs && list[at - 1].id > item.id))
  )
    at -= 1;
  list.splice(at, 0, item);
  if (list.length > max) list.splice(0, list.length - max);
  return true;
}

/** Distinct subscribers among observations. */
export function distinctSubscribers(observations: readonly TrackedObservation[]): string[] {
  const seen = new Set<string>();
  for (const item of observations) seen.add(item.subscriber);
  return [...seen];
}

/**
 * The start of the earliest window of `windowMs` holding observations of at least `minVictims` distinct
 * subscribers (both ends included), or undefined.
 */
export function earliestQualifyingWindow(
  observations: readonly TrackedObservation[],
  windowMs: number,
  minVictims: number,
): number | undefined {
  const counts = new Map<string, number>();
  let start = 0;
  for (let end = 0; end < observations.length; end++) {
    const item = observations[end];
    counts.set(item.subscriber, (counts.get(item.subscriber) ?? 0) + 1);
    while (item.atMs - observations[start].atMs > windowMs) {
      const leaving = observations[start].subscriber;
      const left = (counts.get(leaving) ?? 1) - 1;
      if (left === 0) counts.delete(leaving);
      else counts.set(leaving, left);
      start += 1;
    }
    if (counts.size >= minVictims) return observations[start].atMs;
  }
  return undefined;
}
