/**
 * A bounded map with near-LRU eviction at Map speed: entries live in a young and an old generation; a hit in the
 * old generation is promoted, and when the young one is full the old one is dropped whole. Whatever was used
 * since the last turnover survives it, so a hot set up to `capacity` entries stays cached, at most 2 × capacity
 * entries are held, and no per-access bookkeeping (linked lists, re-insertion) is paid on a young hit.
 */
export class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('cache capacity must be at least 1');
  }

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
