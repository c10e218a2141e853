import type { CandidateBuffer } from './candidate-buffer';
import type { CompiledSequenceRule, PredicateContext } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';

/** What the matcher reports; `events[0..length)` are the matched events per step (a reused array: copy it). */
export interface MatchSink {
  earlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
  /** All positive steps matched; `length` > requiredCount when the optional last step is included. */
  confirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
  /** Required steps matched, the absence step now has to time out. */
  awaitAbsence(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void;
}

const NO_INDEX = -1;

/**
 * Finds every match of a sequence rule that includes one newly buffered event, over the entity's
 * event-time-ordered buffer. Because only matches containing the new event are reported, each
 * match is reported once, when its last missing event arrives, whatever the arrival order.
 * Under `one_per_completing_event` it reports one match per last event instead (match-mode.ts).
 * Holds its scratch space, so a search allocates nothing.
 */
export class SequenceMatcher {
  private readonly chosen: (TimedEvent | undefined)[] = [];
  /** Buffer index of each chosen event. */
  private readonly chosenAt: number[] = [];
  private rule!: CompiledSequenceRule;
  private buffer!: CandidateBuffer;
  private sink!: MatchSink;
  private newIndex = 0;
  private fixedStep = 0;
  private budget = 0;
  /** Matches not reported because the per-rule budget ran out (counted as evictions). */
  truncated = 0;
  /**
   * Under one_per_completing_event: `${length}@${last event id}` of what the current event already reported for
   * its rule (an event playing several steps is searched once per step).
   */
  private readonly reported = new Set<string>();
  private reportedFor: CompiledSequenceRule | undefined;
  /** The new event is the last event of a full match already reported: nothing more to find. */
  private exhausted = false;
  /** Answers "was a match of this length ending at that event complete before the new event arrived?". */
  private probe: SequenceMatcher | undefined;
  private probeLength = 0;
  private excludedIndex = NO_INDEX;
  private found = false;
  /**
   * Set by a search from a repeat (`repeatIndex`): the new event repeats the step before `fixedStep`, plays no step itself, and only
   * matches that needed it (too late for the repeats there were before) are reported.
   */
  private repeatIndex = NO_INDEX;
  /** No event beyond this index takes part (a bounded `matchIncludes`). */
  private lastIndex = Infinity;

  /** `context` answers the conditions' questions about the entity whose buffer is searched. */
  constructor(private readonly context: PredicateContext) {}

  /** Starts the searches of one new event (see `reported`). */
  startEvent(): void {
    this.reportedFor = undefined;
  }

  /**
   * Reports matches in which `buffer[newIndex]` plays step `fixedStep`. Given `repeatIndex` (= `newIndex`), the new
   * event is a repeat of step `fixedStep - 1` instead and plays no step itself: reported are the matches it completes,
   * with its earlier steps before the repeat, the rest after it, and step `fixedStep`'s event within its window of the
   * repeat but not of the repeats before it (those matches were reported already).
   * At most `budget` matches are reported; the rest are counted in `truncated`.
   */
  search(
    rule: CompiledSequenceRule,
    buffer: CandidateBuffer,
    newIndex: number,
    fixedStep: number,
    sink: MatchSink,
    budget: number,
    repeatIndex = NO_INDEX,
  ): void {
    if (this.reportedFor !== rule) {
      this.reportedFor = rule;
      this.reported.clear();
    }
    this.exhausted = false;
    this.repeatIndex = repeatIndex;
    this.sink = sink;
    this.budget = budget;
    this.run(rule, buffer, newIndex, fixedStep);
  }

  /** Whether the required steps of `rule` match with `buffer[index]` as step `stepIndex`, none after `lastIndex`. */
  matchIncludes(
    rule: CompiledSequenceRule,
    buffer: CandidateBuffer,
    index: number,
    stepIndex: number,
    lastIndex: number,
  ): boolean {
    if (index > lastIndex) return false;
    this.rule = rule;
    this.buffer = buffer;
    this.lastIndex = lastIndex;
    const found = this.probeFor(index, stepIndex, rule.requiredCount, NO_INDEX);
    this.lastIndex = Infinity;
    return found;
  }

  /**
   * Whether the first `length` steps of the current rule match with `buffer[index]` as step `stepIndex`, without
   * `buffer[excludedIndex]` and none after `lastIndex`.
   */
  private probeFor(index: number, stepIndex: number, length: number, excludedIndex: number): boolean {
    const probe = (this.probe ??= new SequenceMatcher(this.context));
    probe.probeLength = length;
    probe.excludedIndex = excludedIndex;
    probe.repeatIndex = NO_INDEX;
    probe.lastIndex = this.lastIndex;
    probe.found = false;
    probe.run(this.rule, this.buffer, index, stepIndex);
    return probe.found;
  }

  /** Searches `buffer` for matches of `rule` with `buffer[newIndex]` as step `fixedStep`, as the fields set say. */
  private run(
    rule: CompiledSequenceRule,
    buffer: CandidateBuffer,
    newIndex: number,
    fixedStep: number,
  ): void {
    this.rule = rule;
    this.buffer = buffer;
    this.newIndex = newIndex;
    this.fixedStep = fixedStep;
    this.step(0, 0, 0, 0);
    this.chosen.length = 0;
  }

  private report(kind: 'warning' | 'confirmed' | 'absence', length: number): void {
    const rule = this.rule;
    if (rule.matchMode === 'one_per_completing_event' && !this.isFirstFor(length)) return;
    if (this.budget <= 0) {
      this.truncated++;
      return;
    }
    this.budget--;
    const events = this.chosen as TimedEvent[];
    if (kind === 'warning') this.sink.earlyWarning(rule, events, length);
    else if (kind === 'confirmed') this.sink.confirmed(rule, events, length);
    else this.sink.awaitAbsence(rule, events, length);
  }

  /**
   * One match per last event: the first found, unless a match with the same last event was complete before the new
   * event arrived (it was reported then). Whether it was is asked of the buffer, so no state is kept for it.
   */
  private isFirstFor(length: number): boolean {
    const lastIndex = this.chosenAt[length - 1];
    const key = `${length}@${this.chosen[length - 1]!.eventId}`;
    if (this.reported.has(key)) return false;
    if (lastIndex !== this.newIndex && this.probeFor(lastIndex, length - 1, length, this.newIndex))
      return false;
    this.reported.add(key);
    if (lastIndex === this.newIndex && length === this.rule.steps.length) this.exhausted = true;
    return true;
  }

  /**
   * Whether `buffer[index]` (at `timeMs`) is within step `j`'s window of the latest repeat of step `j - 1` before it.
   * From a repeat, also that it was not within the window without that repeat.
   */
  private fitsAnchoredWindow(j: number, index: number, timeMs: number): boolean {
    const withinMs = this.rule.steps[j].withinMs;
    if (timeMs - this.latestRepeatMs(j - 1, index, this.excludedIndex) > withinMs) return false;
    return (
      this.repeatIndex === NO_INDEX || timeMs - this.latestRepeatMs(j - 1, index, this.repeatIndex) > withinMs
    );
  }

  /** Time of the latest event repeating step `k` between its event and `beforeIndex` (skipping `skipIndex`). */
  private latestRepeatMs(k: number, beforeIndex: number, skipIndex: number): number {
    const repeat = this.rule.steps[k].repeat!;
    const buffer = this.buffer;
    for (let r = beforeIndex - 1; r > this.chosenAt[k]; r--) {
      if (r === skipIndex || !repeat.kinds.has(buffer.kindAt(r))) continue;
      const timeMs = buffer.timeMsAt(r);
      if (repeat.test(buffer.eventAt(r), timeMs, this.chosen, this.context)) return timeMs;
    }
    return this.chosen[k]!.timeMs;
  }

  private step(j: number, fromIndex: number, firstMs: number, previousMs: number): void {
    const rule = this.rule;
    const fixed = this.fixedStep;
    if (this.probeLength > 0) {
      if (j === this.probeLength) {
        this.found = true;
        return;
      }
    } else {
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
    }
    const step = rule.steps[j];
    const buffer = this.buffer;
    const newIndex = this.newIndex;
    const newMs = buffer.timeMsAt(newIndex);
    const kinds = step.condition.kinds;
    const asRepeat = this.repeatIndex !== NO_INDEX;
    const plays = !asRepeat && j === fixed;
    const last = j < fixed ? newIndex - 1 : plays ? newIndex : Math.min(buffer.length - 1, this.lastIndex);
    const first = plays ? newIndex : j === fixed ? Math.max(fromIndex, newIndex + 1) : fromIndex;
    // The window of a step after a repeated one runs from the latest repeat: a later candidate may still fit.
    const anchored = j > 0 && rule.steps[j - 1].repeat !== undefined;
    for (let i = first; i <= last; i++) {
      const t = buffer.timeMsAt(i);
      if (j > 0) {
        if (t - firstMs > rule.withinMs) break;
        if (!anchored && t - previousMs > step.withinMs) break;
      } else if (newMs - t > rule.withinMs) {
        continue;
      }
      if (i === newIndex && !plays) continue;
      if (i === this.excludedIndex) continue;
      if (!kinds.has(buffer.kindAt(i))) continue;
      if (anchored && !this.fitsAnchoredWindow(j, i, t)) continue;
      const candidate = buffer.eventAt(i);
      if (!step.condition.test(candidate, t, this.chosen, this.context)) continue;
      this.chosen[j] = candidate;
      this.chosenAt[j] = i;
      this.step(j + 1, i + 1, j === 0 ? t : firstMs, t);
      this.chosen[j] = undefined;
      if ((this.budget <= 0 && this.truncated > 0) || this.exhausted || this.found) return;
    }
  }
}
