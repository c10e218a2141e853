import { NO_ENTITY, type EntityMemory } from '../state/entity-memory';
import { TimerQueue } from '../time/timer-queue';

/**
 * When each entity next needs attention in event time: the end of its oldest buffered event's usefulness, a held
 * match's deadline, a threshold window's next event or expiry. The queue keeps stale entries; the memory's
 * `wakeAtMs` of an entity says which of its entries is current.
 */
export class WakeUps {
  private readonly timers = new TimerQueue<number>();

  constructor(private readonly memory: EntityMemory) {}

  /** Event time at which the entity next needs attention (ms), given the longest span of a rule; Infinity when never. */
  nextWakeMs(id: number, maxSpanMs: number): number {
    let next = Infinity;
    const firstBufferedMs = this.memory.firstBufferedMs(id);
    if (firstBufferedMs !== undefined) next = firstBufferedMs + maxSpanMs + 1;
    const rare = this.memory.rareOf(id);
    if (rare === undefined) return next;
    if (rare.pending !== undefined) for (const m of rare.pending) next = Math.min(next, m.deadlineMs + 1);
    if (rare.thresholds !== undefined) {
      for (const window of rare.thresholds.values()) {
        next = Math.min(next, window.nextPendingMs() + 1);
        const oldest = window.distinct?.values().next().value ?? window.live[0];
        if (oldest !== undefined) next = Math.min(next, oldest.timeMs + window.rule.windowMs + 1);
        if (window.size === 0 && window.cooldownUntilMs > -Infinity)
          next = Math.min(next, window.cooldownUntilMs + 1);
      }
    }
    return next;
  }

  /** Wakes the entity at `atMs`, unless it is woken earlier already. */
  schedule(id: number, atMs: number): void {
    if (atMs < this.memory.wakeAtMs(id)) {
      this.memory.setWakeAtMs(id, atMs);
      this.timers.push(atMs, id);
    }
  }

  /** The next entity due at or before `watermarkMs`, its wake-up now spent; NO_ENTITY when none is. */
  nextDue(watermarkMs: number): number {
    const timers = this.timers;
    while (timers.peekTime() <= watermarkMs) {
      const dueMs = timers.peekTime();
      const id = timers.pop();
      // Stale: rescheduled since, or removed (removal resets the wake time; a reused id has its own).
      if (this.memory.wakeAtMs(id) !== dueMs) continue;
      this.memory.setWakeAtMs(id, Infinity);
      return id;
    }
    return NO_ENTITY;
  }

  clear(): void {
    this.timers.clear();
  }
}
