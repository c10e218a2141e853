import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { buildAlert, type AlertDraft, type SupportingRule } from './alert-builder';
import { correlationErrorCodes } from '../correlation.errors';
import { defaultEngineOptions, type EngineOptions } from './engine.options';
import {
  systemClock,
  type Clock,
  type DroppedMatches,
  type EngineOutput,
  type SupersededAlert,
  type EventRejection,
  type EngineCounts,
  type EngineStats,
  type EntityFootprint,
  type EvictionStats,
} from './engine.types';
import { ColumnarEntityMemory } from '../state/columnar-entity-memory';
import type { FirstContactPolicy } from '../state/contact-book';
import { Bookkeeping, NO_ENTITY, type EntityMemory } from '../state/entity-memory';
import { parseEventTimeMs } from '../time/event-time';
import { StoredEvent } from '../state/stored-event';
import { IGNORED_KIND, isContact, planKinds, type KindPlan } from '../matching/kind-plan';
import type { PartialMatch } from '../matching/partial-match';
import { NO_PATTERNS, mayShowPatterns, scanPatterns, type PatternScan } from '../matching/open-patterns';
import { RetainedEvent } from '../state/retained-event';
import { ALL_STEP_BITS, RuleSet, type RepeatRef, type StepRef } from '../rules/rule-set';
import type {
  BoundEvents,
  CompiledRule,
  CompiledSequenceRule,
  CompiledThresholdRule,
  EventCondition,
  PredicateContext,
} from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';
import { SequenceMatcher, type MatchSink } from '../matching/sequence-matcher';
import type { CandidateBuffer } from '../matching/candidate-buffer';
import { ChangedEntities } from '../snapshot/changed-entities';
import { entitySnapshot, loadEntity, partitionSnapshot } from '../snapshot/partition-snapshot';
import {
  decodeEntity,
  parseEntitySnapshot,
  parsePartitionSnapshot,
  type EntitySnapshotV1,
} from '../snapshot/state-codec';
import { ThresholdWindow, type ThresholdFired } from '../matching/threshold-window';
import { TypologyArbiter, type ThresholdFiring } from '../matching/typology-arbiter';
import { Watermark } from '../time/watermark';
import { WakeUps } from './wake-ups';

const NO_ALERTS: readonly AlertV1[] = Object.freeze([]);
const NO_EVENTS: readonly EntityEventV1[] = Object.freeze([]);
const NO_REJECTIONS: readonly EventRejection[] = Object.freeze([]);
const NOTHING: EngineOutput = Object.freeze({
  alerts: NO_ALERTS,
  lateEvents: NO_EVENTS,
  rejected: NO_REJECTIONS,
});
const NO_BOUND: BoundEvents = Object.freeze([]);
/**
 * Contacts expire over days: sweeping one entity every 64 events is plenty (a partition of a million
 * subscribers is swept in 64 M events) and keeps the hot path lean; each sweep is a cache miss.
 */
const SWEEP_EVERY_MASK = 63;

/**
 * Correlates the entity events of one partition into alerts, on event time.
 *
 * Feed events with `process` in arrival order. Event time moves with the events themselves (`selfWatermark`, one
 * source), or only through `advanceEventTime` (the correlator, which combines its sources). Not thread-safe; one per
 * partition.
 */
export class CorrelationEngine implements MatchSink {
  private rules: RuleSet;
  private plans: Map<string, KindPlan>;
  private readonly options: EngineOptions;
  /** Everything the engine remembers about each entity, under its id. */
  private readonly memory: EntityMemory;
  /** Event time reached and the watermark. */
  private readonly time: Watermark;
  private readonly wakeUps: WakeUps;
  /** Entities changed since the last take, for the changelog. */
  private readonly changes: ChangedEntities;
  /** What conditions ask of the entity being evaluated. */
  private readonly context: PredicateContext = {
    isFirstContact: (counterparty, atMs) => {
      const id = this.currentId;
      return id === NO_ENTITY || this.memory.isFirstContact(id, counterparty, atMs);
    },
  };
  private readonly matcher = new SequenceMatcher(this.context);
  /** One scam, one alert: which typology's alert stands for a match. */
  private readonly arbiter = new TypologyArbiter(this.context);
  /**
   * The rule sets whose alerts are decided (see `sideBySide`): `[rules]`, unless one engine matches the union of
   * several sets (a back-test's candidate and baseline) and judges each set's matches apart.
   */
  private judged: readonly RuleSet[];
  /** Per rule of the union, a bit for each judged set holding it; undefined with one set (every rule: bit 1). */
  private sidesOfRule: ReadonlyMap<CompiledRule, number> | undefined;
  /** Alerts of each judged set during the current call, with more than one set. */
  private bySide: AlertV1[][] | undefined;

  /** Incremented by `setRules`: states of an older generation recompute what depends on the rules. */
  private rulesEpoch = 0;
  /**
   * Set while processing an event that may have moved its entity's wake-up earlier (a new oldest
   * buffered event, a pending absence, a threshold event); other changes leave it where it is.
   */
  private wakeMayComeSooner = false;

  /** The entity being evaluated; predicates and sinks read it instead of taking closures per event. */
  private currentId = NO_ENTITY;
  /** Its key, when known without building it (see `currentKey`). */
  private knownKey: string | undefined;
  private out: AlertV1[] | undefined;
  /** Matches dropped at a per-entity bound during the current call, for the caller to log. */
  private dropped: DroppedMatches[] | undefined;
  /** Matches left out for a more specific rule's alert during the current call. */
  private superseded: SupersededAlert[] | undefined;

  /** What `stats` reports as it is. */
  private readonly counts: EngineCounts = {
    eventsProcessed: 0,
    lateEvents: 0,
    duplicateEvents: 0,
    alertsEmitted: 0,
    alertsSuperseded: 0,
  };
  private bufferedEvents = 0;
  private pendingMatches = 0;
  private readonly evictions: EvictionStats = {
    contacts: 0,
    bufferedEvents: 0,
    partialMatches: 0,
    thresholdEvents: 0,
  };

  /** The current entity's buffered events, for the arbiter (asked only when other rules may share a match). */
  private readonly currentCandidates = (): CandidateBuffer => this.memory.candidates(this.currentId);

  /** A threshold fired without the arbiter (a flood fed at once): every judged set holding the rule alerts. */
  private readonly thresholdFired: ThresholdFired = (rule, events) =>
    this.emitThreshold(rule, events, this.sidesOf(rule));

  constructor(
    rules: RuleSet,
    options: Partial<EngineOptions> = {},
    private readonly clock: Clock = systemClock,
    memoryFor: (policy: FirstContactPolicy) => EntityMemory = columnarMemory,
  ) {
    this.rules = rules;
    this.judged = [rules];
    this.plans = planKinds(rules);
    this.options = { ...defaultEngineOptions, ...options };
    this.memory = memoryFor({
      windowMs: this.options.firstContactWindowMs,
      maxContacts: this.options.maxContactsPerEntity,
    });
    this.time = new Watermark(this.options);
    this.wakeUps = new WakeUps(this.memory);
    this.changes = new ChangedEntities(this.memory, this.options.trackDirtyEntities);
  }

  /**
   * One engine for several rule sets side by side (a back-test's candidate and baseline): the union of their rules
   * is matched once over one entity memory (contacts, buffers, threshold windows), and each set's arbiter decides its
   * own alerts (`alertsBySide` of each output, in the order of `sides`). A rule in several sets must be the same
   * compiled object in each (its matches are shared); different rules may not share a key (id@version).
   *
   * The same alerts as one engine per set: a rule's matching reads only events and contacts, never another rule's
   * alerts (the arbiter withholds or names alerts; it changes no matcher state), and buffers, wake-ups and threshold
   * windows decide by event time, not by which rules share them. What the sets do share are the per-entity bounds
   * (`maxBufferedEventsPerEntity`, `maxContactsPerEntity`): an entity overflowing them may lose different events.
   */
  static sideBySide(
    sides: readonly RuleSet[],
    options: Partial<EngineOptions> = {},
    clock: Clock = systemClock,
  ): CorrelationEngine {
    if (sides.length < 1 || sides.length > 30) throw new RangeError(`1 to 30 rule sets, not ${sides.length}`);
    const sidesOfRule = new Map<CompiledRule, number>();
    const byKey = new Map<string, CompiledRule>();
    sides.forEach((set, side) => {
      for (const rule of set.rules) {
        const same = byKey.get(rule.key);
        if (same !== undefined && same !== rule)
          throw new RangeError(`rule ${rule.key} differs between the rule sets compared`);
        byKey.set(rule.key, rule);
        sidesOfRule.set(rule, (sidesOfRule.get(rule) ?? 0) | (1 << side));
      }
    });
    const engine = new CorrelationEngine(new RuleSet([...sidesOfRule.keys()]), options, clock);
    engine.judged = sides;
    engine.sidesOfRule = sidesOfRule;
    return engine;
  }

  /** Replaces the rules live. Buffered events and contacts are kept; partial matches finish under their own version. */
  setRules(rules: RuleSet): void {
    this.rules = rules;
    this.judged = [rules];
    this.sidesOfRule = undefined;
    this.plans = planKinds(rules);
    this.rulesEpoch++;
  }

  /** The rules in force. */
  get ruleSet(): RuleSet {
    return this.rules;
  }

  /** Event time reached minus the allowed lateness (ms since epoch); -Infinity before event time moves. */
  get watermark(): number {
    return this.time.watermarkMs;
  }

  /**
   * Processes one event; returns the alerts it completed, or the event itself when it is late: when the moment its
   * record could first exist (a call record: at the call's end) is behind the watermark.
   */
  process(event: EntityEventV1): EngineOutput {
    const timeMs = parseEventTimeMs(event.occurredAt);
    const existsAtMs = event.durationSec === undefined ? timeMs : timeMs + event.durationSec * 1000;
    if (this.time.isLate(existsAtMs)) {
      if (Number.isNaN(existsAtMs)) {
        // The contract's date-time format lets through what Date cannot read (a leap second, 23:59:60).
        const reason = `event ${event.eventId}: occurredAt ${event.occurredAt} is not a readable date-time`;
        return {
          alerts: NO_ALERTS,
          lateEvents: NO_EVENTS,
          rejected: [{ event, code: correlationErrorCodes.INVALID_EVENT, reason }],
        };
      }
      this.counts.lateEvents++;
      return { alerts: NO_ALERTS, lateEvents: [event], rejected: NO_REJECTIONS };
    }
    this.counts.eventsProcessed++;
    this.out = undefined;
    this.dropped = undefined;
    this.superseded = undefined;
    this.wakeMayComeSooner = false;
    // One source read in order: this record shows event time has reached it, before its matches are decided.
    this.time.observe(existsAtMs);
    const key = event.entity;
    const plan = this.plans.get(event.kind) ?? IGNORED_KIND;
    const memory = this.memory;
    let id = memory.idOf(key);
    let touched = false;
    this.currentId = id;
    this.knownKey = key;
    // Step bits of a buffer filled under other rules mean nothing now (schedule brings the epoch up to date).
    if (
      id !== NO_ENTITY &&
      memory.bufferLength(id) > 0 &&
      memory.bookkeeping(id, Bookkeeping.rulesEpoch) !== this.rulesEpoch
    )
      memory.setBookkeeping(id, Bookkeeping.bufferedSteps, ALL_STEP_BITS);

    if (isContact(plan, event)) {
      if (id === NO_ENTITY) id = this.createEntity(key);
      this.evictions.contacts += memory.recordContact(id, event.counterparty!, timeMs);
      touched = true;
    }

    // Each step's static test runs once: its bits decide both buffering and which searches to run.
    const ownSteps = staticStepBits(plan.steps, event);
    const repeats = anyRepeat(plan.repeats, event) ? plan.repeats : undefined;
    if (ownSteps !== 0 || repeats !== undefined || anyStatic(plan.absenceConditions, event)) {
      if (id === NO_ENTITY) id = this.createEntity(key);
      touched = this.bufferAndMatch(id, event, timeMs, plan.steps, ownSteps, repeats) || touched;
    }

    const thresholds = plan.thresholds;
    if (thresholds !== undefined) {
      let item: TimedEvent | undefined;
      for (let i = 0; i < thresholds.length; i++) {
        const rule = thresholds[i];
        if (!rule.condition.test(event, timeMs, NO_BOUND, this.context)) continue;
        if (id === NO_ENTITY) id = this.createEntity(key);
        item ??= new RetainedEvent(event, timeMs);
        this.addToThreshold(id, rule, item);
        touched = true;
      }
    }

    if (touched && id !== NO_ENTITY) {
      this.changes.changed(id);
      if (this.wakeMayComeSooner || memory.bookkeeping(id, Bookkeeping.rulesEpoch) !== this.rulesEpoch)
        this.schedule(id);
    }
    if (this.options.selfWatermark) this.advanceTo(this.time.dueMs);
    if ((this.counts.eventsProcessed & SWEEP_EVERY_MASK) === 0) this.sweepOne();
    return this.flush();
  }

  /**
   * Event time has reached `eventTimeMs` (ms): the watermark moves to it minus the allowed lateness, and absences,
   * thresholds and buffers that close before that close now. Never moves backwards. Returns alerts completed by
   * timeouts. The correlator calls it with the slowest of its sources; a test or a back-test at the end of its input.
   */
  advanceEventTime(eventTimeMs: number): EngineOutput {
    this.out = undefined;
    this.dropped = undefined;
    this.superseded = undefined;
    if (this.time.reach(eventTimeMs)) this.advanceTo(this.time.dueMs);
    return this.flush();
  }

  // ---- sequence matching -------------------------------------------------------------------

  /** `ownSteps`: bits of the `steps` whose static test the event passes; `repeats`: steps it may repeat. */
  private bufferAndMatch(
    id: number,
    event: EntityEventV1,
    timeMs: number,
    steps: readonly StepRef[] | undefined,
    ownSteps: number,
    repeats: readonly RepeatRef[] | undefined,
  ): boolean {
    const memory = this.memory;
    const index = memory.bufferEvent(id, event, timeMs);
    if (index < 0) {
      this.counts.duplicateEvents++;
      return false;
    }
    // Read back as objects only when a search needs them: most buffered events never take part in one.
    let buffer: CandidateBuffer | undefined;
    this.bufferedEvents++;
    this.currentId = id;
    if (index === 0) this.wakeMayComeSooner = true;
    const budget = this.options.maxPartialMatchesPerRule;
    const earlier = memory.bookkeeping(id, Bookkeeping.bufferedSteps);
    this.matcher.startEvent();
    if (steps !== undefined && ownSteps !== 0) {
      for (let i = 0; i < steps.length; i++) {
        const ref = steps[i];
        // A shared bit (beyond 30 steps) may start a search that fails: the search runs the full test.
        if ((ownSteps & ref.bit) === 0) continue;
        // Step j needs an earlier buffered event for each step before it: most events can only start a match.
        if (ref.stepIndex > index || (earlier & ref.earlierBits) !== ref.earlierBits) continue;
        buffer ??= memory.candidates(id);
        this.matcher.search(ref.rule, buffer, index, ref.stepIndex, this, budget);
        this.countTruncatedSearch(ref.rule);
      }
      memory.setBookkeeping(
        id,
        Bookkeeping.bufferedSteps,
        memory.bookkeeping(id, Bookkeeping.bufferedSteps) | ownSteps,
      );
    }
    if (repeats !== undefined) {
      for (let i = 0; i < repeats.length; i++) {
        const ref = repeats[i];
        if ((earlier & ref.neededBits) !== ref.neededBits) continue;
        if (!ref.rule.steps[ref.stepIndex].repeat!.staticTest(event)) continue;
        // A repeat arriving after the step it anchors may make a match that was too late in time.
        buffer ??= memory.candidates(id);
        this.matcher.search(ref.rule, buffer, index, ref.stepIndex + 1, this, budget, index);
        this.countTruncatedSearch(ref.rule);
      }
    }
    const length = memory.bufferLength(id);
    if (length > this.options.maxBufferedEventsPerEntity) {
      const excess = length - this.options.maxBufferedEventsPerEntity;
      memory.dropOldestBuffered(id, excess);
      this.bufferedEvents -= excess;
      this.evictions.bufferedEvents += excess;
    }
    return true;
  }

  /** @internal MatchSink */
  earlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    if (!this.holdUntilContactsSettle(rule, events, length, 'early_warning'))
      this.emitEarlyWarning(rule, events.slice(0, length), this.sidesOf(rule));
  }

  /** @internal MatchSink */
  confirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    if (!this.holdUntilContactsSettle(rule, events, length, 'confirmed'))
      this.decideConfirmed(rule, events.slice(0, length), this.sidesOf(rule));
  }

  /** @internal MatchSink */
  awaitAbsence(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    const matched = events.slice(0, length);
    this.hold({ rule, events: matched, deadlineMs: matched[length - 1].timeMs + rule.absence!.withinMs });
  }

  /**
   * A first-contact answer is only as good as the contacts that have arrived. A match whose events lie more than the
   * allowed lateness ahead of the event time every source has reached (a backlog drained out of order, an input read
   * hours ahead of another) waits until the watermark has passed them: every contact before them has then arrived,
   * whatever the arrival order. A match of a live feed (its events within the lateness) is reported at once.
   */
  private holdUntilContactsSettle(
    rule: CompiledSequenceRule,
    events: readonly TimedEvent[],
    length: number,
    stage: 'early_warning' | 'confirmed',
  ): boolean {
    if (!rule.asksFirstContact) return false;
    let latestMs = -Infinity;
    for (let i = 0; i < length; i++) if (events[i].timeMs > latestMs) latestMs = events[i].timeMs;
    // Within the lateness of event time, arrival order decides, as it does for any live feed.
    if (this.time.isLive(latestMs)) return false;
    this.hold({
      rule,
      events: events.slice(0, length),
      deadlineMs: latestMs - this.options.allowedLatenessMs,
      stage,
    });
    return true;
  }

  /**
   * One scam, one alert: a confirmed match (`events` its own, copied) is published now, left out for a more
   * specific rule's alert, or held until event time decides between them (also when the match is released from a
   * hold: by then the conditions that held it no longer do).
   */
  private decideConfirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], sides: number): void {
    // Each judged set holding the rule decides apart: its arbiter knows only its own rules.
    for (let side = 0; side < this.judged.length; side++)
      if ((sides & (1 << side)) !== 0) this.decideConfirmedFor(rule, events, side);
  }

  private decideConfirmedFor(rule: CompiledSequenceRule, events: readonly TimedEvent[], side: number): void {
    const rules = this.judged[side];
    const length = events.length;
    const verdict = this.arbiter.judge(rules, rule, events, length, this.currentCandidates);
    if (verdict.supersededBy !== undefined) {
      this.recordSuperseded(rule, verdict.supersededBy);
      return;
    }
    const supporting = verdict.supporting?.map(supportOf);
    const lastMs = events[length - 1].timeMs;
    if (length < rule.steps.length) {
      // At its final severity: the escalating step (a charge) may still come in its window.
      const windowEndMs = lastMs + rule.steps[length].withinMs;
      if (!this.time.hasAllRecordsUntil(windowEndMs)) {
        this.hold({
          rule,
          events,
          deadlineMs: this.time.deadlineForAllRecordsUntil(windowEndMs),
          stage: 'confirmed',
          sides: 1 << side,
        });
        return;
      }
      if (this.escalated(rule, events, windowEndMs)) return;
    }
    if (!this.time.hasAllRecordsUntil(lastMs) && this.arbiter.mayBeClaimed(rules, rule, events)) {
      // Decided once every record up to its last event is in: then no late one can let a more specific rule claim it.
      this.hold({
        rule,
        events,
        deadlineMs: this.time.deadlineForAllRecordsUntil(lastMs),
        stage: 'confirmed',
        sides: 1 << side,
      });
      return;
    }
    this.emitConfirmed(rule, events, supporting, 1 << side);
  }

  /**
   * Keeps a match until the watermark passes its deadline, within the per-rule bound (the oldest goes first). Side by
   * side, the bound is each judged set's: a held match leaves the sets that drop it.
   */
  private hold(match: PartialMatch): void {
    const rare = this.memory.rareFor(this.currentId);
    const pending = (rare.pending ??= []);
    const sides = this.sidesOfHeld(match);
    for (let sideBit = 1; sideBit <= sides; sideBit <<= 1) {
      if ((sides & sideBit) === 0) continue;
      let ofRule = 0;
      let oldest = -1;
      for (let i = 0; i < pending.length; i++) {
        if (pending[i].rule !== match.rule || (this.sidesOfHeld(pending[i]) & sideBit) === 0) continue;
        ofRule++;
        if (oldest < 0) oldest = i;
      }
      if (ofRule < this.options.maxPartialMatchesPerRule) continue;
      const left = this.sidesOfHeld(pending[oldest]) & ~sideBit;
      if (left === 0) {
        pending.splice(oldest, 1);
        this.pendingMatches--;
      } else {
        pending[oldest] = { ...pending[oldest], sides: left };
      }
      this.recordDropped(match.rule, 1, 'held_match_cap');
    }
    // Kept past this call: what is still read from the EventStore on demand is read now.
    for (const item of match.events) if (item instanceof StoredEvent) item.settle();
    this.wakeMayComeSooner = true;
    pending.push(match);
    this.pendingMatches++;
  }

  private emitEarlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], sides: number): void {
    const warning = rule.earlyWarning!;
    this.emit(sides, {
      rule,
      stage: 'early_warning',
      severity: warning.severity,
      entity: this.currentKey(),
      events,
      stepNames: stepNames(rule, events.length),
      notify: warning.notify,
      identity: identityOf(rule, events, events.length),
    });
  }

  private emitConfirmed(
    rule: CompiledSequenceRule,
    events: readonly TimedEvent[],
    supporting: readonly SupportingRule[] | undefined,
    sides: number,
  ): void {
    const confirmed = rule.confirmed!;
    const length = events.length;
    const severity =
      length > rule.requiredCount
        ? (rule.steps[length - 1].severity ?? confirmed.severity)
        : confirmed.severity;
    this.emit(sides, {
      rule,
      stage: 'confirmed',
      severity,
      entity: this.currentKey(),
      events,
      stepNames: stepNames(rule, length),
      notify: confirmed.notify,
      identity: identityOf(rule, events, length),
      supporting,
    });
  }

  /** Counts the matches the last search left out at the per-rule budget. */
  private countTruncatedSearch(rule: CompiledRule): void {
    if (this.matcher.truncated === 0) return;
    this.recordDropped(rule, this.matcher.truncated, 'match_budget');
    this.matcher.truncated = 0;
  }

  /** Counts matches a per-entity bound dropped, and names rule and entity for the caller's log. */
  private recordDropped(rule: CompiledRule, count: number, reason: DroppedMatches['reason']): void {
    this.evictions.partialMatches += count;
    (this.dropped ??= []).push({
      ruleId: rule.id,
      ruleVersion: rule.version,
      entity: this.currentKey(),
      count,
      reason,
    });
  }

  /** Counts an alert left out for a more specific rule's, and names both for the caller's log. */
  private recordSuperseded(rule: CompiledRule, by: CompiledRule): void {
    this.counts.alertsSuperseded++;
    (this.superseded ??= []).push({
      ruleId: rule.id,
      ruleVersion: rule.version,
      entity: this.currentKey(),
      supersededBy: by.id,
    });
  }

  /** The watermark passed a held match: decide it if its steps still hold with the contacts known now. */
  private completeHeld(match: PartialMatch, id: number): void {
    if (match.stage === undefined) {
      this.completeAbsence(match, id);
      return;
    }
    if (!this.stepsStillHold(match)) return;
    if (match.stage === 'early_warning')
      this.emitEarlyWarning(match.rule, match.events, this.sidesOfHeld(match));
    else this.decideConfirmed(match.rule, match.events, this.sidesOfHeld(match));
  }

  /** First-contact answers may have changed since the match: a contact can arrive after the events it precedes. */
  private stepsStillHold({ rule, events }: PartialMatch): boolean {
    for (let i = 0; i < events.length; i++) {
      if (!rule.steps[i].condition.test(events[i], events[i].timeMs, events, this.context)) return false;
    }
    return true;
  }

  private completeAbsence(match: PartialMatch, id: number): void {
    const { rule, events } = match;
    if (!this.stepsStillHold(match)) return;
    const lastMs = events[events.length - 1].timeMs;
    const absence = rule.absence!;
    for (const item of this.memory.bufferedEvents(id)) {
      if (item.timeMs <= lastMs) continue;
      if (item.timeMs > match.deadlineMs) break;
      // Only a record that existed by the deadline counts (a call that began before it but ended after may still
      // be on its way): the watermark vouches for exactly those, so the outcome does not depend on arrival order.
      if (item.timeMs + (item.durationSec ?? 0) * 1000 > match.deadlineMs) continue;
      if (absence.condition.test(item, item.timeMs, events, this.context)) return;
    }
    if (rule.confirmed === undefined) return;
    // The absence's deadline is past: event time is beyond every event of the match, nothing is left to wait for.
    this.decideConfirmed(rule, events, this.sidesOfHeld(match));
  }

  /** Whether the optional step after a match came by `deadlineMs`: that alert was published instead. */
  private escalated(rule: CompiledSequenceRule, events: readonly TimedEvent[], deadlineMs: number): boolean {
    const step = rule.steps[events.length];
    const lastMs = events[events.length - 1].timeMs;
    const firstMs = events[0].timeMs;
    for (const item of this.memory.bufferedEvents(this.currentId)) {
      if (item.timeMs <= lastMs) continue;
      if (item.timeMs > deadlineMs || item.timeMs - firstMs > rule.withinMs) break;
      if (step.condition.test(item, item.timeMs, events, this.context)) return true;
    }
    return false;
  }

  // ---- thresholds --------------------------------------------------------------------------

  private addToThreshold(id: number, rule: CompiledThresholdRule, item: TimedEvent): void {
    this.wakeMayComeSooner = true;
    const windows = (this.memory.rareFor(id).thresholds ??= new Map());
    let window = windows.get(rule.key);
    if (window === undefined) {
      window = new ThresholdWindow(rule);
      windows.set(rule.key, window);
    }
    if (!window.add(item)) return;
    if (window.pending.length >= this.options.maxThresholdEventsPerRule) {
      // Bounded memory beats exact ordering under a flood: feed what is queued now.
      this.evictions.thresholdEvents += window.pending.length;
      window.finalize(this.time.watermarkMs, true, this.thresholdFired);
    }
  }

  /** One burst, one alert per typology: each judged set decides among its own rules' firings. */
  private decideThresholds(firings: ThresholdFiring[], firedBefore: ReadonlyMap<string, number>): void {
    const sideBySide = this.judged.length > 1;
    for (let side = 0; side < this.judged.length; side++) {
      const bit = 1 << side;
      const ofSide = sideBySide ? firings.filter(({ rule }) => (this.sidesOf(rule) & bit) !== 0) : firings;
      for (const { firing, supersededBy } of this.arbiter.decideThresholds(
        this.judged[side],
        ofSide,
        firedBefore,
      )) {
        if (supersededBy === undefined) this.emitThreshold(firing.rule, firing.events, bit);
        else this.recordSuperseded(firing.rule, supersededBy);
      }
    }
  }

  private emitThreshold(rule: CompiledThresholdRule, events: readonly TimedEvent[], sides: number): void {
    if (rule.confirmed === undefined) return;
    this.emit(sides, {
      rule,
      stage: 'confirmed',
      severity: rule.confirmed.severity,
      entity: this.currentKey(),
      events,
      notify: rule.confirmed.notify,
    });
  }

  // ---- event time --------------------------------------------------------------------------

  /** Moves the watermark on to `watermarkMs` and wakes the entities due by then, in event-time order. */
  private advanceTo(watermarkMs: number): void {
    if (!this.time.advance(watermarkMs)) return;
    for (let id = this.wakeUps.nextDue(watermarkMs); id !== NO_ENTITY; id = this.wakeUps.nextDue(watermarkMs))
      this.wake(id);
  }

  private wake(id: number): void {
    const watermarkMs = this.time.watermarkMs;
    const memory = this.memory;
    this.currentId = id;
    this.knownKey = undefined;
    const rare = memory.rareOf(id);
    if (rare?.pending !== undefined) {
      const waiting: PartialMatch[] = [];
      for (const match of rare.pending) {
        if (match.deadlineMs < watermarkMs) {
          this.pendingMatches--;
          this.completeHeld(match, id);
        } else {
          waiting.push(match);
        }
      }
      rare.pending = waiting.length > 0 ? waiting : undefined;
    }
    if (rare?.thresholds !== undefined) {
      const windows = rare.thresholds;
      const firedBefore = new Map<string, number>();
      const firings: ThresholdFiring[] = [];
      const collect: ThresholdFired = (rule, events) =>
        firings.push({ rule, events: [...events], atMs: events[events.length - 1].timeMs });
      for (const [ruleKey, window] of windows) {
        if (this.rules.get(ruleKey) === undefined) {
          windows.delete(ruleKey);
          continue;
        }
        firedBefore.set(ruleKey, window.cooldownUntilMs - window.rule.windowMs);
        window.finalize(watermarkMs, false, collect);
      }
      if (firings.length > 0) this.decideThresholds(firings, firedBefore);
      for (const [ruleKey, window] of windows) {
        window.expire(watermarkMs);
        if (window.isIdle(watermarkMs)) windows.delete(ruleKey);
      }
      if (windows.size === 0) rare.thresholds = undefined;
    }
    memory.tidyRare(id);
    if (memory.bufferLength(id) > 0) {
      this.bufferedEvents -= memory.dropBufferedBefore(id, watermarkMs - this.rules.maxSpanMs);
      if (memory.bufferLength(id) === 0) memory.setBookkeeping(id, Bookkeeping.bufferedSteps, 0);
    }
    this.changes.changed(id);
    if (memory.isEmpty(id)) this.changes.removeEmpty(id);
    else this.schedule(id);
  }

  private schedule(id: number): void {
    const memory = this.memory;
    if (memory.bookkeeping(id, Bookkeeping.rulesEpoch) !== this.rulesEpoch) {
      memory.setBookkeeping(id, Bookkeeping.rulesEpoch, this.rulesEpoch);
      if (memory.bufferLength(id) > 0) memory.setBookkeeping(id, Bookkeeping.bufferedSteps, ALL_STEP_BITS);
    }
    this.wakeUps.schedule(id, this.wakeUps.nextWakeMs(id, this.rules.maxSpanMs));
  }

  /** Expires old contacts of one entity per call, so idle entities eventually cost nothing. */
  private sweepOne(): void {
    const id = this.memory.nextInRotation();
    if (id === NO_ENTITY || this.memory.contactCount(id) === 0) return;
    const cutoffMs = this.time.watermarkMs - this.options.firstContactWindowMs;
    if (this.memory.expireContacts(id, cutoffMs) === 0) return;
    this.changes.changed(id);
    if (this.memory.isEmpty(id)) this.changes.removeEmpty(id);
  }

  // ---- output ------------------------------------------------------------------------------

  /** `sides`: bits of the judged sets the alert is theirs (see `sideBySide`). */
  private emit(sides: number, draft: AlertDraft): void {
    const alert = buildAlert(draft, this.clock.now());
    this.counts.alertsEmitted++;
    if (this.sidesOfRule === undefined) {
      (this.out ??= []).push(alert);
      return;
    }
    const bySide = (this.bySide ??= this.judged.map(() => []));
    for (let side = 0; side < bySide.length; side++)
      if ((sides & (1 << side)) !== 0) bySide[side].push(alert);
  }

  /** Bits of the judged sets holding `rule`. */
  private sidesOf(rule: CompiledRule): number {
    return this.sidesOfRule === undefined ? 1 : (this.sidesOfRule.get(rule) ?? 0);
  }

  /** Bits of the judged sets a held match is for: those its hold named, or all holding its rule. */
  private sidesOfHeld(match: PartialMatch): number {
    return match.sides ?? this.sidesOf(match.rule);
  }

  private flush(): EngineOutput {
    if (this.bySide !== undefined) return this.flushBySide(this.bySide);
    const alerts = this.out;
    const dropped = this.dropped;
    const superseded = this.superseded;
    this.out = undefined;
    this.dropped = undefined;
    this.superseded = undefined;
    if (dropped !== undefined || superseded !== undefined) {
      const output: EngineOutput = {
        alerts: alerts ?? NO_ALERTS,
        lateEvents: NO_EVENTS,
        rejected: NO_REJECTIONS,
      };
      return { ...output, droppedMatches: dropped, supersededAlerts: superseded };
    }
    return alerts === undefined ? NOTHING : { alerts, lateEvents: NO_EVENTS, rejected: NO_REJECTIONS };
  }

  private flushBySide(bySide: AlertV1[][]): EngineOutput {
    const output: EngineOutput = {
      alerts: bySide[0],
      alertsBySide: bySide,
      lateEvents: NO_EVENTS,
      rejected: NO_REJECTIONS,
      droppedMatches: this.dropped,
      supersededAlerts: this.superseded,
    };
    this.bySide = undefined;
    this.out = undefined;
    this.dropped = undefined;
    this.superseded = undefined;
    return output;
  }

  /** The entity being evaluated's key; built from its code only when an alert needs it. */
  private currentKey(): string {
    return (this.knownKey ??= this.memory.keyOf(this.currentId));
  }

  private createEntity(key: string): number {
    const id = this.memory.create(key);
    this.memory.setBookkeeping(id, Bookkeeping.rulesEpoch, this.rulesEpoch);
    this.currentId = id;
    this.changes.created(key, id);
    return id;
  }

  // ---- introspection -----------------------------------------------------------------------

  /** Counters and gauges for metrics. */
  stats(): EngineStats {
    let thresholdWindows = 0;
    if (this.rules.thresholdsByKind.size > 0) {
      for (const rare of this.memory.rareParts()) thresholdWindows += rare.thresholds?.size ?? 0;
    }
    return {
      ...this.counts,
      trackedEntities: this.memory.size,
      activePartialMatches: this.pendingMatches + thresholdWindows,
      bufferedEvents: this.bufferedEvents,
      evictions: { ...this.evictions },
      watermarkMs: this.time.watermarkMs,
    };
  }

  /**
   * The scam patterns open on `entity` at the current event time, and those that completed within their span
   * (open-patterns.ts): what the scam signal publishes. Opens at `minSteps` matched steps; `onlyRules` (rule ids)
   * limits the answer to those rules.
   */
  patternsOf(entity: string, minSteps = 2, onlyRules?: ReadonlySet<string>): PatternScan {
    const memory = this.memory;
    const id = memory.idOf(entity);
    if (id === NO_ENTITY || memory.bufferLength(id) === 0) return NO_PATTERNS;
    // Step bits of a buffer filled under other rules mean nothing now.
    const steps =
      memory.bookkeeping(id, Bookkeeping.rulesEpoch) === this.rulesEpoch
        ? memory.bookkeeping(id, Bookkeeping.bufferedSteps)
        : ALL_STEP_BITS;
    if (!mayShowPatterns(this.rules, steps, onlyRules)) return NO_PATTERNS;
    this.currentId = id;
    this.knownKey = entity;
    const buffer = memory.candidates(id);
    return scanPatterns(this.rules, buffer, this.context, this.time.reachedMs, minSteps, steps, onlyRules);
  }

  /** How much state one entity holds, or undefined when none. */
  footprint(entity: string): EntityFootprint | undefined {
    const id = this.memory.idOf(entity);
    if (id === NO_ENTITY) return undefined;
    const rare = this.memory.rareOf(id);
    let thresholdEvents = 0;
    for (const window of rare?.thresholds?.values() ?? []) thresholdEvents += window.size;
    return {
      contacts: this.memory.contactCount(id),
      bufferedEvents: this.memory.bufferLength(id),
      partialMatches: rare?.pending?.length ?? 0,
      thresholdEvents,
    };
  }

  // ---- snapshot / restore ------------------------------------------------------------------

  /** The whole partition's state as bytes (JSON), for a checkpoint. */
  snapshot(): Buffer {
    return partitionSnapshot(this.memory, this.time.reachedMs);
  }

  /** Replaces the whole state with a `snapshot()`; partial matches of rule versions no longer loaded are dropped. */
  restore(bytes: Buffer): void {
    const snapshot = parsePartitionSnapshot(bytes);
    this.clearState();
    for (const [key, json] of Object.entries(snapshot.entities)) this.restoreEntityJson(key, json);
    this.restoreProgress(snapshot.maxEventTimeMs ?? -Infinity);
  }

  /** One entity's state as bytes for a changelog keyed by entity; undefined means "no state" (a tombstone). */
  snapshotEntity(entity: string): Buffer | undefined {
    const id = this.memory.idOf(entity);
    return id === NO_ENTITY ? undefined : entitySnapshot(this.memory, id);
  }

  /** Restores one entity from `snapshotEntity` bytes; undefined (a tombstone) removes it. */
  restoreEntity(entity: string, bytes: Buffer | undefined): void {
    const previous = this.memory.idOf(entity);
    if (previous !== NO_ENTITY) this.forget(entity, previous);
    if (bytes !== undefined) this.restoreEntityJson(entity, parseEntitySnapshot(bytes));
  }

  /** Max event time seen (ms), to persist next to per-entity records; -Infinity before the first event. */
  progress(): { maxEventTimeMs: number } {
    return { maxEventTimeMs: this.time.reachedMs };
  }

  /** Restores event-time progress after restoring entities from a changelog. */
  restoreProgress(maxEventTimeMs: number): void {
    this.time.restore(maxEventTimeMs);
  }

  /** Entities changed since the last `takeDirtyEntities` (when `trackDirtyEntities`). */
  dirtyEntities(): ReadonlySet<string> {
    return this.changes.keys();
  }

  /** Returns and clears the changed entities: write `snapshotEntity` of each to the changelog. */
  takeDirtyEntities(): string[] {
    return this.changes.takeKeys();
  }

  private restoreEntityJson(key: string, json: EntitySnapshotV1): void {
    const decoded = decodeEntity(json, this.rules);
    this.evictions.partialMatches += decoded.droppedPartialMatches;
    if (decoded.isEmpty) return;
    const id = this.createEntity(key);
    loadEntity(this.memory, id, decoded);
    this.bufferedEvents += this.memory.bufferLength(id);
    this.pendingMatches += decoded.pending?.length ?? 0;
    this.schedule(id);
  }

  private forget(key: string, id: number): void {
    this.bufferedEvents -= this.memory.bufferLength(id);
    this.pendingMatches -= this.memory.rareOf(id)?.pending?.length ?? 0;
    this.changes.removeReplaced(key, id);
  }

  private clearState(): void {
    this.memory.clear();
    this.wakeUps.clear();
    this.changes.clear();
    this.time.clear();
    this.bufferedEvents = 0;
    this.pendingMatches = 0;
  }
}

/** The engine's own memory, built for a million idle subscribers (see ColumnarEntityMemory). */
function columnarMemory(policy: FirstContactPolicy): EntityMemory {
  return new ColumnarEntityMemory(policy);
}

/** A less specific rule named on the alert that stands for its match too. */
function supportOf(rule: CompiledSequenceRule): SupportingRule {
  return { ruleId: rule.id, ruleVersion: rule.version, typology: rule.typology, stage: 'confirmed' };
}

function anyRepeat(repeats: readonly RepeatRef[] | undefined, event: EntityEventV1): boolean {
  if (repeats === undefined) return false;
  for (let i = 0; i < repeats.length; i++)
    if (repeats[i].rule.steps[repeats[i].stepIndex].repeat!.staticTest(event)) return true;
  return false;
}

function anyStatic(conditions: readonly EventCondition[] | undefined, event: EntityEventV1): boolean {
  if (conditions === undefined) return false;
  for (let i = 0; i < conditions.length; i++) if (conditions[i].staticTest(event)) return true;
  return false;
}

/** Bits of the steps whose static test the event passes. */
function staticStepBits(steps: readonly StepRef[] | undefined, event: EntityEventV1): number {
  if (steps === undefined) return 0;
  let bits = 0;
  for (let i = 0; i < steps.length; i++) {
    const ref = steps[i];
    if (ref.rule.steps[ref.stepIndex].condition.staticTest(event)) bits |= ref.bit;
  }
  return bits;
}

/**
 * Under one_per_completing_event a match is known by its last event alone: whichever combination of earlier events
 * arrived first is its evidence, and the alert id stays the same whatever the arrival order.
 */
function identityOf(
  rule: CompiledSequenceRule,
  events: readonly TimedEvent[],
  length: number,
): readonly string[] | undefined {
  return rule.matchMode === 'every_combination' ? undefined : [events[length - 1].eventId];
}

function stepNames(rule: CompiledSequenceRule, length: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < length; i++) names.push(rule.steps[i].name);
  return names;
}
