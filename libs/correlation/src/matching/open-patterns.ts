import type { EntityEventKind, Typology } from '@vigil/contracts';
import type { RuleSet } from '../rules/rule-set';
import type { CompiledSequenceRule, PredicateContext } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';
import type { CandidateBuffer } from './candidate-buffer';

/** What an open and a completed pattern both say: the rule, how far its steps got, and since when. */
export interface PatternProgress {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly typology: Typology;
  /** Name of the last step matched. */
  readonly stage: string;
  /** Positive steps matched so far, of `stepsTotal`. */
  readonly stepsReached: number;
  readonly stepsTotal: number;
  /** Event id of the first matched step: with the rule id, the pattern's identity while it stays open. */
  readonly firstEventId: string;
  /** Event time (ms) of the first matched step. */
  readonly sinceMs: number;
}

/**
 * A sequence rule part-way through on one entity: its first steps matched in order and within their windows, and
 * its next step's window still open at the entity's event time. What the scam signal publishes; nothing in it names
 * a counterparty or carries event content.
 */
export interface OpenPattern extends PatternProgress {
  /** The rule's early-warning step is among those matched. */
  readonly earlyWarningReached: boolean;
  /** Event time (ms) of the latest matched step. */
  readonly lastEventMs: number;
  /** Event time (ms) at which the next step's window (or the rule's whole span) closes. */
  readonly expiresAtMs: number;
  /** Kind of the first matched event, and when it ended (a call: start + duration), for "an unknown caller". */
  readonly firstStepKind: EntityEventKind;
  readonly firstStepEndedMs: number;
}

/** A sequence rule whose required steps all matched recently on one entity (its alert is on the alerts topic). */
export interface CompletedPattern extends PatternProgress {
  readonly completedAtMs: number;
}

/** The patterns of one entity at one event time. */
export interface PatternScan {
  readonly open: readonly OpenPattern[];
  readonly completed: readonly CompletedPattern[];
}

export const NO_PATTERNS: PatternScan = Object.freeze({ open: [], completed: [] });

/** Bound on the candidate events tried per rule and entity: an entity flooded with look-alike events stays cheap. */
const MAX_VISITS_PER_RULE = 2_000;

/** A rule that can show a pattern, with the step bits of its first two steps (a pattern opens with both). */
interface PatternRule {
  readonly rule: CompiledSequenceRule;
  readonly openingBits: number;
}

/** Per rule set, the rules that can show a pattern. */
const patternRulesOf = new WeakMap<RuleSet, readonly PatternRule[]>();

/**
 * Sequence rules of two steps or more that can be open (a step left after the second) or complete as a scam (a
 * confirmed action): a two-step rule that only warns (a second call from an unknown number) shows nothing.
 */
function patternRules(rules: RuleSet): readonly PatternRule[] {
  let found = patternRulesOf.get(rules);
  if (found === undefined) {
    const bits = new Map<CompiledSequenceRule, number>();
    for (const refs of rules.stepsByKind.values())
      for (const ref of refs) if (ref.stepIndex === 1) bits.set(ref.rule, ref.earlierBits | ref.bit);
    const list: PatternRule[] = [];
    for (const rule of rules.rules) {
      if (rule.type !== 'sequence' || rule.steps.length < 2) continue;
      if (rule.confirmed === undefined && rule.requiredCount <= 2) continue;
      list.push({ rule, openingBits: bits.get(rule) ?? 0 });
    }
    patternRulesOf.set(rules, (found = list));
  }
  return found;
}

/** Whether any rule in scope could show a pattern on an entity with these buffered step bits (a cheap test first). */
export function mayShowPatterns(
  rules: RuleSet,
  bufferedSteps: number,
  onlyRules?: ReadonlySet<string>,
): boolean {
  for (const { rule, openingBits } of patternRules(rules))
    if ((bufferedSteps & openingBits) === openingBits && (onlyRules === undefined || onlyRules.has(rule.id)))
      return true;
  return false;
}

interface Chain {
  events: TimedEvent[];
  expiresAtMs: number;
}

/**
 * The deepest open prefix, and any recent completion, of every sequence rule of `rules` over one entity's buffered
 * events at event time `nowMs`; `bufferedSteps` are the step bits of those events (rule-set.ts), which spare the
 * search of rules whose first two steps the entity never had; `onlyRules` (rule ids) limits the scan to the rules
 * an event may have moved. A pattern opens at `minSteps` matched steps: one event alone (an unknown caller) is
 * everyday traffic. Windows are each step's `within` from the previous step and the rule's span from the first;
 * a step anchored on repeats is bounded by the rule's span only (a pattern may then stay open a little longer than
 * the matcher would allow, never shorter).
 */
export function scanPatterns(
  rules: RuleSet,
  buffer: CandidateBuffer,
  context: PredicateContext,
  nowMs: number,
  minSteps: number,
  bufferedSteps: number,
  onlyRules?: ReadonlySet<string>,
): PatternScan {
  if (buffer.length === 0) return NO_PATTERNS;
  let open: OpenPattern[] | undefined;
  let completed: CompletedPattern[] | undefined;
  for (const { rule, openingBits } of patternRules(rules)) {
    if (onlyRules !== undefined && !onlyRules.has(rule.id)) continue;
    // Most entities never buffered an event for both opening steps: nothing to search (bits never rule one out).
    if ((bufferedSteps & openingBits) !== openingBits) continue;
    const found = new ChainSearch(rule, buffer, context, nowMs).run();
    const done = found.completed;
    const alive = found.alive;
    if (done !== undefined && (alive === undefined || lastMs(done) >= lastMs(alive.events))) {
      (completed ??= []).push(completedPattern(rule, done));
    } else if (alive !== undefined && alive.events.length >= minSteps) {
      (open ??= []).push(openPattern(rule, alive));
    }
  }
  return open === undefined && completed === undefined
    ? NO_PATTERNS
    : { open: open ?? [], completed: completed ?? [] };
}

/** Depth-first search of one rule's chains over the buffer, keeping the best completed and the best open one. */
class ChainSearch {
  completed: TimedEvent[] | undefined;
  alive: Chain | undefined;
  private readonly chosen: TimedEvent[] = [];
  private visits = 0;

  constructor(
    private readonly rule: CompiledSequenceRule,
    private readonly buffer: CandidateBuffer,
    private readonly context: PredicateContext,
    private readonly nowMs: number,
  ) {}

  run(): { completed: TimedEvent[] | undefined; alive: Chain | undefined } {
    this.step(0, 0, 0, 0);
    return { completed: this.completed, alive: this.alive };
  }

  private step(j: number, fromIndex: number, firstMs: number, previousMs: number): void {
    const { rule, buffer } = this;
    const step = rule.steps[j];
    const anchored = j > 0 && rule.steps[j - 1].repeat !== undefined;
    for (let i = fromIndex; i < buffer.length; i++) {
      if (++this.visits > MAX_VISITS_PER_RULE) return;
      const t = buffer.timeMsAt(i);
      if (j === 0) {
        // A first step whose whole span is over by now can neither be open nor have just completed.
        if (t + rule.withinMs < this.nowMs) continue;
      } else {
        if (t - firstMs > rule.withinMs) return;
        if (!anchored && t - previousMs > step.withinMs) return;
      }
      if (!step.condition.kinds.has(buffer.kindAt(i))) continue;
      const candidate = buffer.eventAt(i);
      if (!step.condition.test(candidate, t, this.chosen, this.context)) continue;
      this.chosen[j] = candidate;
      const first = j === 0 ? t : firstMs;
      this.consider(j + 1, first, t);
      if (j + 1 < rule.steps.length) this.step(j + 1, i + 1, first, t);
      this.chosen.length = j;
    }
  }

  /** The chain of `length` steps just found: a completion, or an open prefix if its next window is still open. */
  private consider(length: number, firstMs: number, latestMs: number): void {
    const rule = this.rule;
    if (length >= rule.requiredCount) {
      if (rule.confirmed === undefined) return; // a warning-only rule: its full match is no scam completed
      if (this.completed === undefined || latestMs >= lastMs(this.completed))
        this.completed = this.chosen.slice(0, length);
      return;
    }
    const expiresAtMs = Math.min(latestMs + rule.steps[length].withinMs, firstMs + rule.withinMs);
    if (expiresAtMs < this.nowMs) return;
    const best = this.alive;
    if (
      best === undefined ||
      length > best.events.length ||
      (length === best.events.length && latestMs > lastMs(best.events))
    )
      this.alive = { events: this.chosen.slice(0, length), expiresAtMs };
  }
}

function lastMs(events: readonly TimedEvent[]): number {
  return events[events.length - 1].timeMs;
}

function openPattern(rule: CompiledSequenceRule, { events, expiresAtMs }: Chain): OpenPattern {
  const first = events[0];
  const reached = events.length;
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    typology: rule.typology,
    stage: rule.steps[reached - 1].name,
    stepsReached: reached,
    stepsTotal: rule.steps.length,
    earlyWarningReached: rule.earlyWarning !== undefined && reached > rule.earlyWarning.afterIndex,
    firstEventId: first.eventId,
    sinceMs: first.timeMs,
    lastEventMs: lastMs(events),
    expiresAtMs,
    firstStepKind: first.kind,
    firstStepEndedMs: first.timeMs + (first.durationSec ?? 0) * 1000,
  };
}

function completedPattern(rule: CompiledSequenceRule, events: readonly TimedEvent[]): CompletedPattern {
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    typology: rule.typology,
    stage: rule.steps[events.length - 1].name,
    stepsReached: events.length,
    stepsTotal: rule.steps.length,
    firstEventId: events[0].eventId,
    sinceMs: events[0].timeMs,
    completedAtMs: lastMs(events),
  };
}
