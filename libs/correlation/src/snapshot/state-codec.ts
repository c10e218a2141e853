import { CorrelationError, correlationErrorCodes } from '../correlation.errors';
import type { EntityMemory } from '../state/entity-memory';
import type { PartialMatch } from '../matching/partial-match';
import type { RuleSet } from '../rules/rule-set';
import { RetainedEvent } from '../state/retained-event';
import { MATCHABLE_FIELDS, type MatchableEvent, type TimedEvent } from '../time/timed-event';
import { ThresholdWindow } from '../matching/threshold-window';

/** Serialized state of one entity (JSON). Short keys: the changelog holds one record per entity. */
export interface EntitySnapshotV1 {
  /** Contact index slots. */
  c?: number[];
  /** Buffered events. */
  b?: MatchableEvent[];
  /** Partial matches awaiting an absence or settled first contacts: rule key, events, deadline (ms), stage. */
  p?: { r: string; e: MatchableEvent[]; d: number; s?: 'early_warning' | 'confirmed' }[];
  /** Threshold windows: rule key, pending events, final events, cool-down end (ms, null = none). */
  t?: { r: string; p: MatchableEvent[]; l: MatchableEvent[]; u: number | null }[];
}

/** Serialized state of a whole partition. */
export interface PartitionSnapshotV1 {
  format: typeof SNAPSHOT_FORMAT;
  /** Max event time seen (ms), null before the first event. */
  maxEventTimeMs: number | null;
  entities: Record<string, EntitySnapshotV1>;
}

export const SNAPSHOT_FORMAT = 'vigil.correlation.snapshot.v1';

function timed(event: MatchableEvent): TimedEvent {
  const timeMs = Date.parse(event.occurredAt);
  if (Number.isNaN(timeMs)) throw invalid(`event ${event.eventId} has no valid occurredAt`);
  return new RetainedEvent(event, timeMs);
}

/** An event as written to a snapshot: the retained fields, without the event time (read from occurredAt). */
function encodeEvent(item: TimedEvent): MatchableEvent {
  const out: Record<string, unknown> = {};
  for (const field of MATCHABLE_FIELDS) out[field] = item[field];
  return out as MatchableEvent;
}

function invalid(problem: string): CorrelationError {
  return new CorrelationError(correlationErrorCodes.INVALID_SNAPSHOT, [problem]);
}

/** Encodes one entity's state; undefined when it holds nothing (a tombstone for a changelog). */
export function encodeEntity(memory: EntityMemory, id: number): EntitySnapshotV1 | undefined {
  if (memory.isEmpty(id)) return undefined;
  const out: EntitySnapshotV1 = {};
  if (memory.contactCount(id) > 0) out.c = memory.contactSlots(id);
  if (memory.bufferLength(id) > 0) out.b = memory.bufferedEvents(id).map(encodeEvent);
  const rare = memory.rareOf(id);
  if (rare?.pending !== undefined) {
    out.p = rare.pending.map((m) => ({
      r: m.rule.key,
      e: m.events.map(encodeEvent),
      d: m.deadlineMs,
      ...(m.stage === undefined ? {} : { s: m.stage }),
    }));
  }
  if (rare?.thresholds !== undefined) {
    out.t = [...rare.thresholds.values()].map((w) => ({
      r: w.rule.key,
      p: w.pending.map(encodeEvent),
      l: (w.distinct === undefined ? w.live : [...w.distinct.values()]).map(encodeEvent),
      u: Number.isFinite(w.cooldownUntilMs) ? w.cooldownUntilMs : null,
    }));
  }
  return out;
}

/**
 * One entity's state decoded against the current rule set, for the engine to take into its EntityMemory, and how
 * many partial matches were dropped because their rule version is gone.
 */
export interface DecodedEntity {
  /** Whether there is nothing to restore (the entity then gets no state). */
  readonly isEmpty: boolean;
  /** Contacts in EntityMemory's `contactSlots` form. */
  readonly contacts: readonly number[];
  readonly buffered: readonly TimedEvent[];
  readonly pending: PartialMatch[] | undefined;
  readonly thresholds: Map<string, ThresholdWindow> | undefined;
  readonly droppedPartialMatches: number;
}

/** Decodes one entity's state against the current rule set. */
export function decodeEntity(json: EntitySnapshotV1, rules: RuleSet): DecodedEntity {
  if (typeof json !== 'object' || json === null) throw invalid('entity state is not an object');
  let dropped = 0;
  // A contact is a pair of numbers; a lone number is no contact.
  const contacts = Array.isArray(json.c) && json.c.length >= 2 ? json.c : [];
  const buffered = Array.isArray(json.b) ? json.b.map(timed) : [];
  const pending: PartialMatch[] = [];
  for (const p of json.p ?? []) {
    const rule = rules.get(p.r);
    if (rule === undefined || rule.type !== 'sequence') {
      dropped++;
      continue;
    }
    const stage = p.s === 'early_warning' || p.s === 'confirmed' ? p.s : undefined;
    pending.push({
      rule,
      events: p.e.map(timed),
      deadlineMs: p.d,
      ...(stage === undefined ? {} : { stage }),
    });
  }
  let thresholds: Map<string, ThresholdWindow> | undefined;
  for (const t of json.t ?? []) {
    const rule = rules.get(t.r);
    if (rule === undefined || rule.type !== 'threshold') {
      dropped++;
      continue;
    }
    const window = new ThresholdWindow(rule);
    window.pending = t.p.map(timed);
    const live = t.l.map(timed);
    if (window.distinct !== undefined) {
      for (const item of live) {
        const value = rule.distinctOf!(item);
        if (value !== undefined) window.distinct.set(value, item);
      }
    } else {
      window.live = live;
    }
    window.cooldownUntilMs = t.u ?? -Infinity;
    (thresholds ??= new Map()).set(rule.key, window);
  }
  return {
    isEmpty:
      contacts.length === 0 && buffered.length === 0 && pending.length === 0 && thresholds === undefined,
    contacts,
    buffered,
    pending: pending.length > 0 ? pending : undefined,
    thresholds,
    droppedPartialMatches: dropped,
  };
}

/** Parses partition snapshot bytes. */
export function parsePartitionSnapshot(bytes: Buffer): PartitionSnapshotV1 {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalid(`not JSON (${(error as Error).message})`);
  }
  const snapshot = parsed as PartitionSnapshotV1;
  if (typeof parsed !== 'object' || parsed === null || snapshot.format !== SNAPSHOT_FORMAT) {
    throw invalid(`expected format ${SNAPSHOT_FORMAT}`);
  }
  return snapshot;
}

/** Parses one entity's snapshot bytes. */
export function parseEntitySnapshot(bytes: Buffer): EntitySnapshotV1 {
  try {
    return JSON.parse(bytes.toString('utf8')) as EntitySnapshotV1;
  } catch (error) {
    throw invalid(`entity state is not JSON (${(error as Error).message})`);
  }
}
