import { compareTimed } from '../time/timed-order';
import type { CompiledThresholdRule } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';

/** Receives the events of a threshold that was reached, in event-time order. */
export type ThresholdFired = (rule: CompiledThresholdRule, events: TimedEvent[]) => void;

/**
 * One entity's sliding event-time window for one threshold rule.
 * Arrivals wait in `pending` until the watermark passes them, then feed the window in event-time
 * order: the outcome (and the alert id) is the same whatever the arrival order.
 * After firing, events within one window length are ignored, so one burst gives one alert.
 */
export class ThresholdWindow {
  pending: TimedEvent[] = [];
  /** Final events inside the window, in event-time order (plain counts). */
  live: TimedEvent[] = [];
  /** Latest final event per distinct value, in insertion (= event-time) order (distinct counts). */
  distinct: Map<string, TimedEvent> | undefined;
  cooldownUntilMs = -Infinity;

  constructor(readonly rule: CompiledThresholdRule) {
    if (rule.distinctOf !== undefined) this.distinct = new Map();
  }

  /** Events held: what the per-entity bound applies to. */
  get size(): number {
    return this.pending.length + (this.distinct?.size ?? this.live.length);
  }

  /** Earliest pending event time, or Infinity. */
  nextPendingMs(): number {
    let min = Infinity;
    for (const item of this.pending) if (item.timeMs < min) min = item.timeMs;
    return min;
  }

  /** Queues an arrival; returns false when it is a duplicate or falls inside the cool-down. */
  add(item: TimedEvent): boolean {
    if (item.timeMs < this.cooldownUntilMs) return false;
    const id = item.eventId;
    for (const queued of this.pending) if (queued.eventId === id) return false;
    this.pending.push(item);
    return true;
  }

  /** Feeds every pending event older than `watermarkMs` (all of them when `force`) into the window. */
  finalize(watermarkMs: number, force: boolean, fired: ThresholdFired): void {
    if (this.pending.length === 0) return;
    let ready: TimedEvent[];
    if (force) {
      ready = this.pending;
      this.pending = [];
    } else {
      ready = [];
      const waiting: TimedEvent[] = [];
      for (const item of this.pending) (item.timeMs < watermarkMs ? ready : waiting).push(item);
      if (ready.length === 0) return;
      this.pending = waiting;
    }
    ready.sort(compareTimed);
    for (const item of ready) this.feed(item, fired);
  }

  private feed(item: TimedEvent, fired: ThresholdFired): void {
    const rule = this.rule;
    if (item.timeMs < this.cooldownUntilMs) return;
    const from = item.timeMs - rule.windowMs;
    let count: number;
    if (this.distinct !== undefined) {
      const value = rule.distinctOf!(item);
      if (value === undefined) return;
      for (const [key, seen] of this.distinct) {
        if (seen.timeMs >= from) break;
        this.distinct.delete(key);
      }
      this.distinct.delete(value);
      this.distinct.set(value, item);
      count = this.distinct.size;
    } else {
      let drop = 0;
      while (drop < this.live.length && this.live[drop].timeMs < from) drop++;
      if (drop > 0) this.live.splice(0, drop);
      this.live.push(item);
      count = this.live.length;
    }
    if (count < rule.atLeast) return;
    const events = this.distinct !== undefined ? [...this.distinct.values()] : this.live;
    this.live = [];
    this.distinct?.clear();
    this.cooldownUntilMs = item.timeMs + rule.windowMs;
    fired(rule, events);
  }

  /** Drops final state that can no longer reach the threshold before `cutoffMs`. */
  expire(cutoffMs: number): void {
    const from = cutoffMs - this.rule.windowMs;
    if (this.distinct !== undefined) {
      for (const [key, seen] of this.distinct) {
        if (seen.timeMs >= from) break;
        this.distinct.delete(key);
      }
    } else {
      let drop = 0;
      while (drop < this.live.length && this.live[drop].timeMs < from) drop++;
      if (drop > 0) this.live.splice(0, drop);
    }
  }

  /** True when nothing is held and no cool-down matters any more at `cutoffMs`. */
  isIdle(cutoffMs: number): boolean {
    return this.size === 0 && this.cooldownUntilMs < cutoffMs;
  }
}
