import type { RuleSet } from '../rules/rule-set';
import type { CompiledSequenceRule, CompiledThresholdRule, PredicateContext } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';
import type { CandidateBuffer } from './candidate-buffer';
import { SequenceMatcher } from './sequence-matcher';

/** What a confirmed match of a rule is, next to the other rules' matches on its events. */
export interface Arbitration {
  /** A more specific rule with a match sharing one of its events: that rule's alert stands for both. */
  readonly supersededBy?: CompiledSequenceRule;
  /** Less specific rules with such a match, to name on the alert. */
  readonly supporting?: readonly CompiledSequenceRule[];
}

/** A threshold rule that reached its count, before it is decided whether it alerts. */
export interface ThresholdFiring {
  readonly rule: CompiledThresholdRule;
  readonly events: TimedEvent[];
  readonly atMs: number;
}

/** A firing and the rule of its typology that alerted for the same burst (undefined: it alerts itself). */
export interface ThresholdDecision {
  readonly firing: ThresholdFiring;
  readonly supersededBy: CompiledThresholdRule | undefined;
}

const NONE: Arbitration = Object.freeze({});

/**
 * One scam, one alert: the most specific typology wins. Sequence matches are compared through the buffer (so no
 * state is kept for it and the answer does not depend on which of two alerts completed first); threshold firings
 * of one typology by event time.
 */
export class TypologyArbiter {
  /** Asks whether other rules match, from inside the matcher's reports (the engine's matcher is mid-search then). */
  private readonly probe: SequenceMatcher;

  constructor(context: PredicateContext) {
    this.probe = new SequenceMatcher(context);
  }

  /**
   * Before a confirmed alert of `rule` on an entity whose buffered events `candidates` returns: whether a more
   * specific rule has a match sharing one of its `events` (the first `length`), and which less specific ones do.
   */
  judge(
    rules: RuleSet,
    rule: CompiledSequenceRule,
    events: readonly TimedEvent[],
    length: number,
    candidates: () => CandidateBuffer,
  ): Arbitration {
    const { supersededBy, supersedes } = rules.specificity;
    const stronger = supersededBy.get(rule.id);
    const weaker = supersedes.get(rule.id);
    if (stronger === undefined && weaker === undefined) return NONE;
    const buffer = candidates();
    const indexes: number[] = [];
    for (let i = 0; i < length; i++) indexes.push(indexOf(buffer, events[i]));
    // Only matches within the alert's own events' time count against it: what comes later cannot change whether
    // it is published, whichever order the records arrive in.
    const lastIndex = indexes[length - 1];
    for (const other of stronger ?? []) {
      if (lastIndex >= 0 && this.sharesMatch(other, buffer, indexes, lastIndex))
        return { supersededBy: other };
    }
    let supporting: CompiledSequenceRule[] | undefined;
    for (const other of weaker ?? []) {
      if (this.sharesMatch(other, buffer, indexes, buffer.length - 1)) (supporting ??= []).push(other);
    }
    return supporting === undefined ? NONE : { supporting };
  }

  /** Whether one of the events fits a step of a more specific rule, which a record still to come might complete. */
  mayBeClaimed(rules: RuleSet, rule: CompiledSequenceRule, events: readonly TimedEvent[]): boolean {
    const stronger = rules.specificity.supersededBy.get(rule.id);
    if (stronger === undefined) return false;
    const length = events.length;
    for (const other of stronger) {
      for (let i = 0; i < length; i++) {
        for (let step = 0; step < other.requiredCount; step++)
          if (other.steps[step].condition.staticTest(events[i])) return true;
      }
    }
    return false;
  }

  /**
   * One burst, one alert per typology: threshold rules of one typology on one entity (premium SMS malware: a burst of
   * SMS, and the charges they bring) alert once per window between them. Firings are taken in event-time order, the
   * earliest wins, so which one alerts does not depend on how far the watermark moved at once. `firedBefore`: when
   * each rule last alerted (ms), by rule key.
   */
  decideThresholds(
    rules: RuleSet,
    firings: ThresholdFiring[],
    firedBefore: ReadonlyMap<string, number>,
  ): ThresholdDecision[] {
    firings.sort((a, b) => a.atMs - b.atMs || (a.rule.key < b.rule.key ? -1 : 1));
    const firedAt = new Map(firedBefore);
    return firings.map((firing) => {
      const { rule, atMs } = firing;
      let winner: CompiledThresholdRule | undefined;
      for (const [key, at] of firedAt) {
        const other = rules.get(key);
        if (key === rule.key || other?.type !== 'threshold' || other.typology !== rule.typology) continue;
        if (at <= atMs && atMs - at < Math.max(other.windowMs, rule.windowMs)) winner = other;
      }
      if (winner === undefined) firedAt.set(rule.key, atMs);
      return { firing, supersededBy: winner };
    });
  }

  /**
   * Whether a match of `rule`'s required steps, all of its events at or before `lastIndex`, includes one of the
   * buffered events at `indexes`.
   */
  private sharesMatch(
    rule: CompiledSequenceRule,
    buffer: CandidateBuffer,
    indexes: readonly number[],
    lastIndex: number,
  ): boolean {
    for (const index of indexes) {
      if (index < 0) continue;
      const event = buffer.eventAt(index);
      for (let step = 0; step < rule.requiredCount; step++) {
        if (!rule.steps[step].condition.staticTest(event)) continue;
        if (this.probe.matchIncludes(rule, buffer, index, step, lastIndex)) return true;
      }
    }
    return false;
  }
}

/** Position of a buffered event (by time, then id), or -1 when it is no longer buffered. */
function indexOf(buffer: CandidateBuffer, event: TimedEvent): number {
  for (let i = buffer.length - 1; i >= 0; i--) {
    const timeMs = buffer.timeMsAt(i);
    if (timeMs < event.timeMs) return -1;
    if (timeMs === event.timeMs && buffer.eventAt(i).eventId === event.eventId) return i;
  }
  return -1;
}
