import { ALL_STEP_BITS } from '../rules/rule-set';
import { Bookkeeping, type EntityMemory } from '../state/entity-memory';
import {
  SNAPSHOT_FORMAT,
  encodeEntity,
  type DecodedEntity,
  type EntitySnapshotV1,
  type PartitionSnapshotV1,
} from './state-codec';

/** The whole partition's state as bytes (JSON), for a checkpoint: every entity, and the event time reached. */
export function partitionSnapshot(memory: EntityMemory, reachedMs: number): Buffer {
  const entities: Record<string, EntitySnapshotV1> = {};
  for (const id of memory.ids()) {
    const encoded = encodeEntity(memory, id);
    if (encoded !== undefined) entities[memory.keyOf(id)] = encoded;
  }
  const snapshot: PartitionSnapshotV1 = {
    format: SNAPSHOT_FORMAT,
    maxEventTimeMs: Number.isFinite(reachedMs) ? reachedMs : null,
    entities,
  };
  return Buffer.from(JSON.stringify(snapshot), 'utf8');
}

/** One entity's state as bytes for a changelog keyed by entity; undefined means "no state" (a tombstone). */
export function entitySnapshot(memory: EntityMemory, id: number): Buffer | undefined {
  const encoded = encodeEntity(memory, id);
  return encoded === undefined ? undefined : Buffer.from(JSON.stringify(encoded), 'utf8');
}

/** Puts a decoded entity's state into the (new, empty) entity `id`. */
export function loadEntity(memory: EntityMemory, id: number, decoded: DecodedEntity): void {
  const { contacts, buffered, pending, thresholds } = decoded;
  if (contacts.length > 0) memory.loadContacts(id, contacts);
  for (const item of buffered) memory.bufferEvent(id, item, item.timeMs);
  // The snapshot does not say which steps its events match under the current rules.
  if (memory.bufferLength(id) > 0) memory.setBookkeeping(id, Bookkeeping.bufferedSteps, ALL_STEP_BITS);
  if (pending !== undefined || thresholds !== undefined) {
    const rare = memory.rareFor(id);
    rare.pending = pending;
    rare.thresholds = thresholds;
  }
}
