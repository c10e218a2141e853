import type { RouterStateEntry } from './router-state-entry';

/** A state write to persist: the latest value per key since the last checkpoint. */
export interface StateChange {
  key: string;
  entry: RouterStateEntry;
}

/**
 * The routing state of one alert partition (dedup, suppression and notification cool-downs) with a journal: the
 * changes of a batch are persisted together and either kept (`checkpoint`) or undone (`rollback`) when the
 * batch's outputs could not be made durable and the batch will be redelivered.
 */
export class RouterState {
  private readonly entries = new Map<string, RouterStateEntry>();
  private readonly undo = new Map<string, RouterStateEntry | undefined>();

  constructor(private readonly maxEntries: number = 1_000_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The live entry of `key` at alert time `atMs`, or undefined when absent or expired. */
  get(key: string, atMs: number): RouterStateEntry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > atMs ? entry : undefined;
  }

  set(key: string, entry: RouterStateEntry): void {
    if (!this.undo.has(key)) this.undo.set(key, this.entries.get(key));
    this.entries.delete(key); // re-insert: Map order stays "least recently written first" for eviction
    this.entries.set(key, entry);
  }

  /** Loads a persisted entry (restore); not journaled. */
  restore(key: string, entry: RouterStateEntry | null): void {
    this.entries.delete(key);
    if (entry) this.entries.set(key, entry);
  }

  /** The writes since the last checkpoint, to persist before the batch is committed. */
  pendingChanges(): StateChange[] {
    const changes: StateChange[] = [];
    for (const key of this.undo.keys()) {
      const entry = this.entries.get(key);
      if (entry) changes.push({ key, entry });
    }
    return changes;
  }

  /** The pending changes are durable: forget how to undo them and enforce the size bound. */
  checkpoint(): void {
    this.undo.clear();
    // Evicting the least recently written entries bounds memory; an evicted alertId could pass dedup again.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  /** Undoes every write since the last checkpoint. */
  rollback(): void {
    for (const [key, previous] of this.undo) {
      this.entries.delete(key);
      if (previous) this.entries.set(key, previous);
    }
    this.undo.clear();
  }

  /** Drops entries expired at alert time `watermarkMs`; returns how many. */
  prune(watermarkMs: number): number {
    let pruned = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= watermarkMs && !this.undo.has(key)) {
        this.entries.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
