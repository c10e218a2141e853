import type { CandidateBuffer } from './buffer-view';
import type { CompiledSequenceRule, PredicateContext, TimedEvent } from './rule.types';

/** What the matcher reports; `events[0..length)` are the matched events per step (a reused array: copy it). */
export interface MatchSink {
  earlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
  /** All positive steps matched; `length` > requiredCount when the optional last step is included. */
  confirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
  /** Required steps matched, the absence step now has to time out. */
  awaitAbsence(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
}

/**
 * Finds every match of a sequence rule that includes one newly buffered event, over the entity's
 * event-time-ordered buffer. Because only matches containing the new event are reported, each
 * match is reported once, when its last missing event arrives, whatever the arrival order.
 * Holds its scratch space, so a search allocates nothing.
 */
export class SequenceMatcher {
  private readonly chosen: (TimedEvent | undefined)[] = [];
  private rule!: CompiledSequenceRule;
  private buffer!: CandidateBuffer;
  private context!: PredicateContext;
  private sink!: MatchSink;
  private newIndex = 0;
  private fixedStep = 0;
  private budget = 0;
  /** Matches not reported because the per-rule budget ran out (counted as evictions). */
  truncated = 0;

  /**
   * Reports matches in which `buffer[newIndex]` plays step `fixedStep`.
   * At most `budget` matches are reported; the rest are counted in `truncated`.
   */
  search(
    rule: CompiledSequenceRule,
    buffer: CandidateBuffer,
    newIndex: number,
    fixedStep: number,
    context: PredicateContext,
    sink: MatchSink,
    budget: number,
  ): void {
    this.rule = rule;
    this.buffer = buffer;
    this.newIndex = newIndex;
    this.fixedStep = fixedStep;
    this.context = context;
    this.sink = sink;
    this.budget = budget;
    this.step(0, 0, 0, 0);
    this.chosen.length = 0;
  }

  private report(kind: 'warning' | 'confirmed' | 'absence', length: number): void {
    if (this.budget <= 0) {
      this.truncated++;
      return;
    }
    this.budget--;
    const events = this.chosen as TimedEvent[];
    if (kind === 'warning') this.sink.earlyWarning(this.rule, events, length);
    else if (kind === 'confirmed') this.sink.confirmed(this.rule, events, length);
    else this.sink.awaitAbsence(this.rule, events, length);
  }

  private step(j: number, fromIndex: number, firstMs: number, previousMs: number): void {
    const rule = this.rule;
    const fixed = this.fixedStep;
    const warning = rule.earlyWarning;
    if (warning !== undefined && j === warning.afterIndex + 1 && fixed <= warning.afterIndex)
      this.report('warning', j);
    if (j === rule.requiredCount && fixed < j) {
      if (rule.absence !== undefined) this.report('absence', j);
      else if (rule.confirmed !== undefined) this.report('confirmed', j);
    }
    if (j === rule.steps.length) {
      if (j > rule.requiredCount && rule.confirmed !== undefined) this.report('confirmed', j);
      return;
    }
    const step = rule.steps[j];
    const buffer = this.buffer;
    const newIndex = this.newIndex;
    const newMs = buffer.timeMsAt(newIndex);
    const kinds = step.condition.kinds;
    const last = j < fixed ? newIndex - 1 : j === fixed ? newIndex : buffer.length - 1;
    const first = j === fixed ? newIndex : fromIndex;
    for (let i = first; i <= last; i++) {
      const t = buffer.timeMsAt(i);
      if (j > 0) {
        if (t - previousMs > step.withinMs || t - firstMs > rule.withinMs) break;
      } else if (newMs - t > rule.withinMs) {
        continue;
      }
      if (j !== fixed && i === newIndex) continue;
      if (!kinds.has(buffer.kindAt(i))) continue;
      const candidate = buffer.eventAt(i);
      if (!step.condition.test(candidate, t, this.chosen, this.context)) continue;
      this.chosen[j] = candidate;
      this.step(j + 1, i + 1, j === 0 ? t : firstMs, t);
      this.chosen[j] = undefined;
      if (this.budget <= 0 && this.truncated > 0) return;
    }
  }
}
