/**
 * A binary min-heap of (event time ms, entity state) wake-ups. Stale entries are tolerated:
 * the owner compares the popped time with the entity's current wake time and skips mismatches.
 * Holding the state itself spares a lookup by key in a million-entry Map per wake-up.
 */
export class TimerQueue<T> {
  private times: number[] = [];
  private entities: T[] = [];

  get size(): number {
    return this.times.length;
  }

  /** Earliest scheduled time, or Infinity when empty. */
  peekTime(): number {
    return this.times.length === 0 ? Infinity : this.times[0];
  }

  push(timeMs: number, entity: T): void {
    const times = this.times;
    const entities = this.entities;
    let i = times.length;
    times.push(timeMs);
    entities.push(entity);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= timeMs) break;
      times[i] = times[parent];
      entities[i] = entities[parent];
      i = parent;
    }
    times[i] = timeMs;
    entities[i] = entity;
  }

  /** Removes the earliest entry and returns its entity (call peekTime first). */
  pop(): T {
    const times = this.times;
    const entities = this.entities;
    const top = entities[0];
    const lastTime = times.pop()!;
    const lastEntity = entities.pop()!;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && times[right] < times[left] ? right : left;
        if (times[child] >= lastTime) break;
        times[i] = times[child];
        entities[i] = entities[child];
        i = child;
      }
      times[i] = lastTime;
      entities[i] = lastEntity;
    }
    return top;
  }

  clear(): void {
    this.times = [];
    this.entities = [];
  }
}
