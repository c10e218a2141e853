import { Bookkeeping, type EntityMemory } from '../state/entity-memory';

/**
 * The entities changed since the last take, for a changelog keyed by entity: each listed once (the memory's
 * `listedInTake` equals the current take), and removed ones too, whose record becomes a tombstone. A removed
 * entity's id is reused only after the take, so that each listed id still names the entity it was listed for.
 * Disabled (`tracking` false), it lists nothing and ids are reused at once.
 */
export class ChangedEntities {
  private listed: number[] = [];
  /** Ids of entities removed since the last take. */
  private retired: number[] = [];
  /** Number of the current take: an entity listed in it has `listedInTake` equal to it (entities start at 0). */
  private take = 1;
  /** Keys of entities removed since the last take; a state re-created under such a key is listed already. */
  private readonly removedKeys = new Set<string>();

  constructor(
    private readonly memory: EntityMemory,
    private readonly tracking: boolean,
  ) {}

  /** Lists the entity once per take; a take number per entity spares a Set per event. */
  changed(id: number): void {
    if (this.memory.bookkeeping(id, Bookkeeping.listedInTake) === this.take || !this.tracking) return;
    this.memory.setBookkeeping(id, Bookkeeping.listedInTake, this.take);
    this.listed.push(id);
  }

  /** Removes an entity that holds nothing any more; it stays listed as changed. */
  removeEmpty(id: number): void {
    const key = this.memory.keyOf(id);
    this.retire(id);
    if (this.tracking) this.removedKeys.add(key);
  }

  /** Removes an entity whose state a restore replaces; listed already, it stays listed under its key. */
  removeReplaced(key: string, id: number): void {
    if (this.memory.bookkeeping(id, Bookkeeping.listedInTake) === this.take) this.removedKeys.add(key);
    this.retire(id);
  }

  /** An entity created in place of one removed since the last take inherits its listing (no duplicate key). */
  created(key: string, id: number): void {
    if (this.removedKeys.size === 0 || !this.removedKeys.has(key)) return;
    this.memory.setBookkeeping(id, Bookkeeping.listedInTake, this.take);
  }

  /** Keys of the entities changed since the last take. */
  keys(): ReadonlySet<string> {
    return new Set(this.listed.map((id) => this.memory.keyOf(id)));
  }

  /** Returns and clears the changed entities' keys. */
  takeKeys(): string[] {
    const keys = this.listed.map((id) => this.memory.keyOf(id));
    // A new take number unlists every entity at once, without visiting them.
    this.take++;
    this.listed = [];
    for (const id of this.retired) this.memory.release(id);
    this.retired = [];
    this.removedKeys.clear();
    return keys;
  }

  /** Forgets every listing after the memory was cleared: the ids it held name nothing now, none is released. */
  clear(): void {
    this.listed = [];
    this.retired = [];
    this.removedKeys.clear();
    this.take++;
  }

  /** Takes the id out of use; it is reused after the next take, when nothing lists it any more. */
  private retire(id: number): void {
    this.memory.remove(id);
    if (this.tracking) this.retired.push(id);
    else this.memory.release(id);
  }
}
