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
  type EngineStats,
  type EntityFootprint,
  type EvictionStats,
} from './engine.types';
import { EntityRecords } from '../state/entity-records';
import { EntityTable, NO_ENTITY } from '../state/entity-table';
import { parseEventTimeMs } from '../time/event-time';
import { EventStore } from '../state/event-store';
import { StoredEvent } from '../state/stored-event';
import { ContactBook } from '../state/contact-book';
import { IGNORED_KIND, isContact, planKinds, type KindPlan } from '../matching/kind-plan';
import type { PartialMatch } from '../matching/partial-match';
import { NO_PATTERNS, mayShowPatterns, scanPatterns, type PatternScan } from '../matching/open-patterns';
import { RetainedEvent } from '../state/retained-event';
import { ALL_STEP_BITS, type RepeatRef, type RuleSet, type StepRef } from '../rules/rule-set';
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
import {
  SNAPSHOT_FORMAT,
  decodeEntity,
  encodeEntity,
  parseEntitySnapshot,
  parsePartitionSnapshot,
  type EntitySnapshotV1,
  type PartitionSnapshotV1,
} from '../snapshot/state-codec';
import { ThresholdWindow, type ThresholdFired } from '../matching/threshold-window';

/** A threshold rule that reached its count, before the engine decides to publish it. */
interface ThresholdFiring {
  readonly rule: CompiledThresholdRule;
  readonly events: TimedEvent[];
  readonly atMs: number;
}
import { TimerQueue } from '../time/timer-queue';

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
  private readonly contacts: ContactBook;
  /** Entity ids by key; everything else about an entity is in `records` under its id. */
  private readonly entities = new EntityTable();
  private readonly records = new EntityRecords();
  private readonly buffered = new EventStore();
  private readonly timers = new TimerQueue<number>();
  private readonly matcher = new SequenceMatcher();
  /** Asks whether other rules match, from inside the matcher's reports (it is mid-search then). */
  private readonly probe = new SequenceMatcher();
  /** Entities changed since the last take, each once (their listedInTake), plus removed ones. */
  private dirtyIds: number[] = [];
  /**
   * Ids of entities removed since the last take: reused only after it, so that each id listed in
   * `dirtyIds` still names the entity it was listed for.
   */
  private retiredIds: number[] = [];
  /** Number of the current take: an entity listed in it has `listedInTake` equal to it (records start at 0). */
  private take = 1;
  /** Entities removed since the last take; a state re-created under such a key is already listed. */
  private readonly removedKeys = new Set<string>();

  /** Incremented by `setRules`: states of an older generation recompute what depends on the rules. */
  private rulesEpoch = 0;
  /**
   * Set while processing an event that may have moved its entity's wake-up earlier (a new oldest
   * buffered event, a pending absence, a threshold event); other changes leave it where it is.
   */
  private wakeMayComeSooner = false;

  private maxEventTimeMs = -Infinity;
  private watermarkMs = -Infinity;

  /** The entity being evaluated; predicates and sinks read it instead of taking closures per event. */
  private currentId = NO_ENTITY;
  /** Its key, when known without building it (see `currentKey`). */
  private knownKey: string | undefined;
  private out: AlertV1[] | undefined;
  /** Matches dropped at a per-entity bound during the current call, for the caller to log. */
  private dropped: DroppedMatches[] | undefined;
  /** Matches left out for a more specific rule's alert during the current call. */
  private superseded: SupersededAlert[] | undefined;

  private eventsProcessed = 0;
  private lateEvents = 0;
  private duplicateEvents = 0;
  private alertsEmitted = 0;
  private alertsSuperseded = 0;
  private bufferedEvents = 0;
  private pendingMatches = 0;
  private readonly evictions: EvictionStats = {
    contacts: 0,
    bufferedEvents: 0,
    partialMatches: 0,
    thresholdEvents: 0,
  };

  private readonly context: PredicateContext = {
    isFirstContact: (counterparty, atMs) => {
      const id = this.currentId;
      return id === NO_ENTITY || this.contacts.isFirstContact(this.records.list(id), counterparty, atMs);
    },
  };

  private readonly thresholdFired: ThresholdFired = (rule, events) => {
    if (rule.confirmed === undefined) return;
    this.emit({
      rule,
      stage: 'confirmed',
      severity: rule.confirmed.severity,
      entity: this.currentKey(),
      events,
      notify: rule.confirmed.notify,
    });
  };

  constructor(
    rules: RuleSet,
    options: Partial<EngineOptions> = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.rules = rules;
    this.plans = planKinds(rules);
    this.options = { ...defaultEngineOptions, ...options };
    this.contacts = new ContactBook({
      windowMs: this.options.firstContactWindowMs,
      maxContacts: this.options.maxContactsPerEntity,
    });
  }

  /** Replaces the rules live. Buffered events and contacts are kept; partial matches finish under their own version. */
  setRules(rules: RuleSet): void {
    this.rules = rules;
    this.plans = planKinds(rules);
    this.rulesEpoch++;
  }

  /** The rules in force. */
  get ruleSet(): RuleSet {
    return this.rules;
  }

  /** Event time reached minus the allowed lateness (ms since epoch); -Infinity before event time moves. */
  get watermark(): number {
    return this.watermarkMs;
  }

  /**
   * Processes one event; returns the alerts it completed, or the event itself when it is late: when the moment its
   * record could first exist (a call record: at the call's end) is behind the watermark.
   */
  process(event: EntityEventV1): EngineOutput {
    const timeMs = parseEventTimeMs(event.occurredAt);
    const existsAtMs = event.durationSec === undefined ? timeMs : timeMs + event.durationSec * 1000;
    if (!(existsAtMs >= this.watermarkMs)) {
      if (Number.isNaN(existsAtMs)) {
        // The contract's date-time format lets through what Date cannot read (a leap second, 23:59:60).
        const reason = `event ${event.eventId}: occurredAt ${event.occurredAt} is not a readable date-time`;
        return {
          alerts: NO_ALERTS,
          lateEvents: NO_EVENTS,
          rejected: [{ event, code: correlationErrorCodes.INVALID_EVENT, reason }],
        };
      }
      this.lateEvents++;
      return { alerts: NO_ALERTS, lateEvents: [event], rejected: NO_REJECTIONS };
    }
    this.eventsProcessed++;
    this.out = undefined;
    this.dropped = undefined;
    this.superseded = undefined;
    this.wakeMayComeSooner = false;
    // One source read in order: this record shows event time has reached it, before its matches are decided.
    if (this.options.selfWatermark && existsAtMs > this.maxEventTimeMs) this.maxEventTimeMs = existsAtMs;
    const key = event.entity;
    const plan = this.plans.get(event.kind) ?? IGNORED_KIND;
    const records = this.records;
    let id = this.entities.get(key);
    let touched = false;
    this.currentId = id;
    this.knownKey = key;
    // Step bits of a buffer filled under other rules mean nothing now (schedule brings the epoch up to date).
    if (id !== NO_ENTITY && records.bufferLength(id) > 0 && records.rulesEpoch(id) !== this.rulesEpoch)
      records.setBufferedSteps(id, ALL_STEP_BITS);

    if (isContact(plan, event)) {
      if (id === NO_ENTITY) id = this.createEntity(key);
      this.evictions.contacts += this.contacts.record(records.list(id), event.counterparty!, timeMs);
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
      this.markDirty(id);
      if (this.wakeMayComeSooner || records.rulesEpoch(id) !== this.rulesEpoch) this.schedule(id);
    }
    if (this.options.selfWatermark) this.advanceTo(this.maxEventTimeMs - this.options.allowedLatenessMs);
    if ((this.eventsProcessed & SWEEP_EVERY_MASK) === 0) this.sweepOne();
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
    if (eventTimeMs > this.maxEventTimeMs) {
      this.maxEventTimeMs = eventTimeMs;
      this.advanceTo(eventTimeMs - this.options.allowedLatenessMs);
    }
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
    const records = this.records;
    const index = this.buffered.insert(records.list(id), event, timeMs);
    if (index < 0) {
      this.duplicateEvents++;
      return false;
    }
    // Read back as objects only when a search needs them: most buffered events never take part in one.
    let buffer: CandidateBuffer | undefined;
    this.bufferedEvents++;
    this.currentId = id;
    if (index === 0) this.wakeMayComeSooner = true;
    const budget = this.options.maxPartialMatchesPerRule;
    const earlier = records.bufferedSteps(id);
    this.matcher.startEvent();
    if (steps !== undefined && ownSteps !== 0) {
      for (let i = 0; i < steps.length; i++) {
        const ref = steps[i];
        // A shared bit (beyond 30 steps) may start a search that fails: the search runs the full test.
        if ((ownSteps & ref.bit) === 0) continue;
        // Step j needs an earlier buffered event for each step before it: most events can only start a match.
        if (ref.stepIndex > index || (earlier & ref.earlierBits) !== ref.earlierBits) continue;
        buffer ??= this.buffered.view(records.list(id));
        this.matcher.search(ref.rule, buffer, index, ref.stepIndex, this.context, this, budget);
        if (this.matcher.truncated > 0) {
          this.recordDropped(ref.rule, this.matcher.truncated, 'match_budget');
          this.matcher.truncated = 0;
        }
      }
      records.setBufferedSteps(id, records.bufferedSteps(id) | ownSteps);
    }
    if (repeats !== undefined) {
      for (let i = 0; i < repeats.length; i++) {
        const ref = repeats[i];
        if ((earlier & ref.neededBits) !== ref.neededBits) continue;
        if (!ref.rule.steps[ref.stepIndex].repeat!.staticTest(event)) continue;
        // A repeat arriving after the step it anchors may make a match that was too late in time.
        buffer ??= this.buffered.view(records.list(id));
        this.matcher.searchFromRepeat(ref.rule, buffer, index, ref.stepIndex + 1, this.context, this, budget);
        if (this.matcher.truncated > 0) {
          this.recordDropped(ref.rule, this.matcher.truncated, 'match_budget');
          this.matcher.truncated = 0;
        }
      }
    }
    const length = records.bufferLength(id);
    if (length > this.options.maxBufferedEventsPerEntity) {
      const excess = length - this.options.maxBufferedEventsPerEntity;
      this.buffered.dropOldest(records.list(id), excess);
      this.bufferedEvents -= excess;
      this.evictions.bufferedEvents += excess;
    }
    return true;
  }

  /** @internal MatchSink */
  earlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    if (!this.holdUntilContactsSettle(rule, events, length, 'early_warning'))
      this.emitEarlyWarning(rule, events.slice(0, length));
  }

  /** @internal MatchSink */
  confirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    if (!this.holdUntilContactsSettle(rule, events, length, 'confirmed'))
      this.decideConfirmed(rule, events.slice(0, length));
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
    if (latestMs <= this.maxEventTimeMs + this.options.allowedLatenessMs) return false;
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
  private decideConfirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[]): void {
    const length = events.length;
    const supporting = this.arbitrate(rule, events, length);
    if (supporting === SUPERSEDED) return;
    const lastMs = events[length - 1].timeMs;
    if (length < rule.steps.length) {
      // At its final severity: the escalating step (a charge) may still come in its window.
      const windowEndMs = lastMs + rule.steps[length].withinMs;
      if (!this.hasAllRecordsUntil(windowEndMs)) {
        this.hold({
          rule,
          events,
          deadlineMs: this.deadlineForAllRecordsUntil(windowEndMs),
          stage: 'confirmed',
        });
        return;
      }
      if (this.escalated(rule, events, windowEndMs)) return;
    }
    if (!this.hasAllRecordsUntil(lastMs) && this.mayBeClaimed(rule, events)) {
      // Decided once every record up to its last event is in: then no late one can let a more specific rule claim it.
      this.hold({ rule, events, deadlineMs: this.deadlineForAllRecordsUntil(lastMs), stage: 'confirmed' });
      return;
    }
    this.emitConfirmed(rule, events, supporting);
  }

  /** Keeps a match until the watermark passes its deadline, within the per-rule bound (the oldest goes first). */
  private hold(match: PartialMatch): void {
    const rare = this.records.rareFor(this.currentId);
    const pending = (rare.pending ??= []);
    let ofRule = 0;
    let oldest = -1;
    for (let i = 0; i < pending.length; i++) {
      if (pending[i].rule !== match.rule) continue;
      ofRule++;
      if (oldest < 0) oldest = i;
    }
    if (ofRule >= this.options.maxPartialMatchesPerRule) {
      pending.splice(oldest, 1);
      this.pendingMatches--;
      this.recordDropped(match.rule, 1, 'held_match_cap');
    }
    // Kept past this call: what is still read from the EventStore on demand is read now.
    for (const item of match.events) if (item instanceof StoredEvent) item.settle();
    this.wakeMayComeSooner = true;
    pending.push(match);
    this.pendingMatches++;
  }

  private emitEarlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[]): void {
    const warning = rule.earlyWarning!;
    this.emit({
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
  ): void {
    const confirmed = rule.confirmed!;
    const length = events.length;
    const severity =
      length > rule.requiredCount
        ? (rule.steps[length - 1].severity ?? confirmed.severity)
        : confirmed.severity;
    this.emit({
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

  /** The watermark passed a held match: decide it if its steps still hold with the contacts known now. */
  private completeHeld(match: PartialMatch, id: number): void {
    if (match.stage === undefined) {
      this.completeAbsence(match, id);
      return;
    }
    if (!this.stepsStillHold(match)) return;
    if (match.stage === 'early_warning') this.emitEarlyWarning(match.rule, match.events);
    else this.decideConfirmed(match.rule, match.events);
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
    for (const item of this.buffered.read(this.records.list(id))) {
      if (item.timeMs <= lastMs) continue;
      if (item.timeMs > match.deadlineMs) break;
      // Only a record that existed by the deadline counts (a call that began before it but ended after may still
      // be on its way): the watermark vouches for exactly those, so the outcome does not depend on arrival order.
      if (item.timeMs + (item.durationSec ?? 0) * 1000 > match.deadlineMs) continue;
      if (absence.condition.test(item, item.timeMs, events, this.context)) return;
    }
    if (rule.confirmed === undefined) return;
    // The absence's deadline is past: event time is beyond every event of the match, nothing is left to wait for.
    this.decideConfirmed(rule, events);
  }

  /** Whether the optional step after a match came by `deadlineMs`: that alert was published instead. */
  private escalated(rule: CompiledSequenceRule, events: readonly TimedEvent[], deadlineMs: number): boolean {
    const step = rule.steps[events.length];
    const lastMs = events[events.length - 1].timeMs;
    const firstMs = events[0].timeMs;
    for (const item of this.buffered.read(this.records.list(this.currentId))) {
      if (item.timeMs <= lastMs) continue;
      if (item.timeMs > deadlineMs || item.timeMs - firstMs > rule.withinMs) break;
      if (step.condition.test(item, item.timeMs, events, this.context)) return true;
    }
    return false;
  }

  // ---- most specific typology wins ---------------------------------------------------------

  /**
   * Before a confirmed alert of `rule` on the current entity: SUPERSEDED when a more specific rule has a match
   * sharing one of its events (that rule's alert stands for both, whichever completed first), else the less
   * specific rules with such a match, to name on the alert. Asked of the buffer, so no state is kept for it and
   * the answer does not depend on which of the two alerts completed first.
   */
  private arbitrate(
    rule: CompiledSequenceRule,
    events: readonly TimedEvent[],
    length: number,
  ): readonly SupportingRule[] | undefined | typeof SUPERSEDED {
    const { supersededBy, supersedes } = this.rules.specificity;
    const stronger = supersededBy.get(rule.id);
    const weaker = supersedes.get(rule.id);
    if (stronger === undefined && weaker === undefined) return undefined;
    const buffer = this.buffered.view(this.records.list(this.currentId));
    const indexes: number[] = [];
    for (let i = 0; i < length; i++) indexes.push(indexOf(buffer, events[i]));
    // Only matches within the alert's own events' time count against it: what comes later cannot change whether
    // it is published, whichever order the records arrive in.
    const lastIndex = indexes[length - 1];
    for (const other of stronger ?? []) {
      if (lastIndex < 0 || !this.sharesMatch(other, buffer, indexes, lastIndex)) continue;
      this.alertsSuperseded++;
      (this.superseded ??= []).push({
        ruleId: rule.id,
        ruleVersion: rule.version,
        entity: this.currentKey(),
        supersededBy: other.id,
      });
      return SUPERSEDED;
    }
    let supporting: SupportingRule[] | undefined;
    for (const other of weaker ?? []) {
      if (!this.sharesMatch(other, buffer, indexes, buffer.length - 1)) continue;
      (supporting ??= []).push({
        ruleId: other.id,
        ruleVersion: other.version,
        typology: other.typology,
        stage: 'confirmed',
      });
    }
    return supporting;
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
        if (this.probe.matchIncludes(rule, buffer, index, step, this.context, lastIndex)) return true;
      }
    }
    return false;
  }

  /**
   * Whether every record that existed by `timeMs` has arrived. The correlator's event time is the slowest source's:
   * each source has passed it. One source read by itself (`selfWatermark`, tests, back-tests) vouches only up to
   * the watermark, since its records may come out of order within the allowed lateness.
   */
  private hasAllRecordsUntil(timeMs: number): boolean {
    return (this.options.selfWatermark ? this.watermarkMs : this.maxEventTimeMs) >= timeMs;
  }

  /** The watermark past which `hasAllRecordsUntil(timeMs)` holds: the deadline of a match held for it. */
  private deadlineForAllRecordsUntil(timeMs: number): number {
    return this.options.selfWatermark ? timeMs : timeMs - this.options.allowedLatenessMs;
  }

  /** Whether one of the events fits a step of a more specific rule, which a record still to come might complete. */
  private mayBeClaimed(rule: CompiledSequenceRule, events: readonly TimedEvent[]): boolean {
    const stronger = this.rules.specificity.supersededBy.get(rule.id);
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

  // ---- thresholds --------------------------------------------------------------------------

  private addToThreshold(id: number, rule: CompiledThresholdRule, item: TimedEvent): void {
    this.wakeMayComeSooner = true;
    const windows = (this.records.rareFor(id).thresholds ??= new Map());
    let window = windows.get(rule.key);
    if (window === undefined) {
      window = new ThresholdWindow(rule);
      windows.set(rule.key, window);
    }
    if (!window.add(item)) return;
    if (window.pending.length >= this.options.maxThresholdEventsPerRule) {
      // Bounded memory beats exact ordering under a flood: feed what is queued now.
      this.evictions.thresholdEvents += window.pending.length;
      window.finalize(this.watermarkMs, true, this.thresholdFired);
    }
  }

  /**
   * One burst, one alert per typology: threshold rules of one typology on one entity (premium SMS malware: a burst of
   * SMS, and the charges they bring) alert once per window between them. Firings are taken in event-time order, the
   * earliest wins, so which one alerts does not depend on how far the watermark moved at once.
   */
  private emitThresholdFirings(firings: ThresholdFiring[], firedBefore: ReadonlyMap<string, number>): void {
    firings.sort((a, b) => a.atMs - b.atMs || (a.rule.key < b.rule.key ? -1 : 1));
    const firedAt = new Map(firedBefore);
    for (const firing of firings) {
      const { rule, atMs } = firing;
      let winner: CompiledThresholdRule | undefined;
      for (const [key, at] of firedAt) {
        const other = this.rules.get(key);
        if (key === rule.key || other?.type !== 'threshold' || other.typology !== rule.typology) continue;
        if (at <= atMs && atMs - at < Math.max(other.windowMs, rule.windowMs)) winner = other;
      }
      if (winner !== undefined) {
        this.alertsSuperseded++;
        (this.superseded ??= []).push({
          ruleId: rule.id,
          ruleVersion: rule.version,
          entity: this.currentKey(),
          supersededBy: winner.id,
        });
        continue;
      }
      firedAt.set(rule.key, atMs);
      this.thresholdFired(rule, firing.events);
    }
  }

  // ---- event time --------------------------------------------------------------------------

  private advanceTo(watermarkMs: number): void {
    if (watermarkMs <= this.watermarkMs) return;
    this.watermarkMs = watermarkMs;
    const timers = this.timers;
    while (timers.peekTime() <= watermarkMs) {
      const dueMs = timers.peekTime();
      const id = timers.pop();
      // Stale: rescheduled since, or removed (removal resets the wake time; a reused id has its own).
      if (this.records.wakeAtMs(id) !== dueMs) continue;
      this.records.setWakeAtMs(id, Infinity);
      this.wake(id);
    }
  }

  private wake(id: number): void {
    const watermarkMs = this.watermarkMs;
    const records = this.records;
    this.currentId = id;
    this.knownKey = undefined;
    const rare = records.rareOf(id);
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
      if (firings.length > 0) this.emitThresholdFirings(firings, firedBefore);
      for (const [ruleKey, window] of windows) {
        window.expire(watermarkMs);
        if (window.isIdle(watermarkMs)) windows.delete(ruleKey);
      }
      if (windows.size === 0) rare.thresholds = undefined;
    }
    records.tidyRare(id);
    if (records.bufferLength(id) > 0) {
      const list = records.list(id);
      this.bufferedEvents -= this.buffered.dropBefore(list, watermarkMs - this.rules.maxSpanMs);
      if (list.bufferLength === 0) records.setBufferedSteps(id, 0);
    }
    this.markDirty(id);
    if (records.isEmpty(id)) this.remove(id);
    else this.schedule(id);
  }

  /** Event time at which the entity next needs attention: a deadline, a threshold event, or buffer expiry. */
  private nextWakeMs(id: number): number {
    let next = Infinity;
    const firstBufferedMs = this.buffered.firstTimeMs(this.records.list(id));
    if (firstBufferedMs !== undefined) next = firstBufferedMs + this.rules.maxSpanMs + 1;
    const rare = this.records.rareOf(id);
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

  private schedule(id: number): void {
    const records = this.records;
    if (records.rulesEpoch(id) !== this.rulesEpoch) {
      records.setRulesEpoch(id, this.rulesEpoch);
      if (records.bufferLength(id) > 0) records.setBufferedSteps(id, ALL_STEP_BITS);
    }
    const next = this.nextWakeMs(id);
    if (next < records.wakeAtMs(id)) {
      records.setWakeAtMs(id, next);
      this.timers.push(next, id);
    }
  }

  /** Expires old contacts of one entity per call, so idle entities eventually cost nothing. */
  private sweepOne(): void {
    const id = this.records.nextInRotation();
    if (id === NO_ENTITY || this.records.contactCount(id) === 0) return;
    const cutoffMs = this.watermarkMs - this.options.firstContactWindowMs;
    if (this.contacts.expire(this.records.list(id), cutoffMs) === 0) return;
    this.markDirty(id);
    if (this.records.isEmpty(id)) this.remove(id);
  }

  // ---- change tracking ---------------------------------------------------------------------

  /** Lists the entity for the changelog once per take; a take number per entity spares a Set per event. */
  private markDirty(id: number): void {
    if (this.records.listedInTake(id) === this.take || !this.options.trackDirtyEntities) return;
    this.records.setListedInTake(id, this.take);
    this.dirtyIds.push(id);
  }

  /** Drops an empty entity; it stays listed as changed (its record becomes a tombstone). */
  private remove(id: number): void {
    const key = this.records.keyOf(id);
    this.records.setWakeAtMs(id, Infinity); // any queued wake-up is now stale
    this.entities.delete(key);
    this.retire(id);
    if (this.options.trackDirtyEntities) this.removedKeys.add(key);
  }

  /** Takes the id out of use; it is reused after the next take, when nothing lists it any more. */
  private retire(id: number): void {
    this.records.retire(id);
    if (this.options.trackDirtyEntities) this.retiredIds.push(id);
    else this.records.release(id);
  }

  // ---- output ------------------------------------------------------------------------------

  private emit(draft: AlertDraft): void {
    (this.out ??= []).push(buildAlert(draft, this.clock.now()));
    this.alertsEmitted++;
  }

  private flush(): EngineOutput {
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

  /** The entity being evaluated's key; built from its code only when an alert needs it. */
  private currentKey(): string {
    return (this.knownKey ??= this.records.keyOf(this.currentId));
  }

  private createEntity(key: string): number {
    const id = this.records.add(key, this.entities.codeOf(key));
    this.records.setRulesEpoch(id, this.rulesEpoch);
    this.entities.set(key, id);
    this.currentId = id;
    this.adoptListing(key, id);
    return id;
  }

  /** An entity replacing one removed since the last take inherits its changelog listing (no duplicate key). */
  private adoptListing(key: string, id: number): void {
    if (this.removedKeys.size === 0 || !this.removedKeys.has(key)) return;
    this.records.setListedInTake(id, this.take);
  }

  // ---- introspection -----------------------------------------------------------------------

  /** Counters and gauges for metrics. */
  stats(): EngineStats {
    let thresholdWindows = 0;
    if (this.rules.thresholdsByKind.size > 0) {
      for (const rare of this.records.rareParts()) thresholdWindows += rare.thresholds?.size ?? 0;
    }
    return {
      eventsProcessed: this.eventsProcessed,
      lateEvents: this.lateEvents,
      duplicateEvents: this.duplicateEvents,
      alertsEmitted: this.alertsEmitted,
      alertsSuperseded: this.alertsSuperseded,
      trackedEntities: this.entities.size,
      activePartialMatches: this.pendingMatches + thresholdWindows,
      bufferedEvents: this.bufferedEvents,
      evictions: { ...this.evictions },
      watermarkMs: this.watermarkMs,
    };
  }

  /**
   * The scam patterns open on `entity` at the current event time, and those that completed within their span
   * (open-patterns.ts): what the scam signal publishes. Opens at `minSteps` matched steps; `onlyRules` (rule ids)
   * limits the answer to those rules.
   */
  patternsOf(entity: string, minSteps = 2, onlyRules?: ReadonlySet<string>): PatternScan {
    const id = this.entities.get(entity);
    if (id === NO_ENTITY || this.records.bufferLength(id) === 0) return NO_PATTERNS;
    this.currentId = id;
    this.knownKey = entity;
    const records = this.records;
    // Step bits of a buffer filled under other rules mean nothing now.
    const steps = records.rulesEpoch(id) === this.rulesEpoch ? records.bufferedSteps(id) : ALL_STEP_BITS;
    if (!mayShowPatterns(this.rules, steps, onlyRules)) return NO_PATTERNS;
    const buffer = this.buffered.view(records.list(id));
    return scanPatterns(this.rules, buffer, this.context, this.maxEventTimeMs, minSteps, steps, onlyRules);
  }

  /** How much state one entity holds, or undefined when none. */
  footprint(entity: string): EntityFootprint | undefined {
    const id = this.entities.get(entity);
    if (id === NO_ENTITY) return undefined;
    const rare = this.records.rareOf(id);
    let thresholdEvents = 0;
    for (const window of rare?.thresholds?.values() ?? []) thresholdEvents += window.size;
    return {
      contacts: this.records.contactCount(id),
      bufferedEvents: this.records.bufferLength(id),
      partialMatches: rare?.pending?.length ?? 0,
      thresholdEvents,
    };
  }

  // ---- snapshot / restore ------------------------------------------------------------------

  /** The whole partition's state as bytes (JSON), for a checkpoint. */
  snapshot(): Buffer {
    const entities: Record<string, EntitySnapshotV1> = {};
    for (const id of this.records.ids()) {
      const encoded = encodeEntity(this.records.list(id), this.contacts, this.buffered);
      if (encoded !== undefined) entities[this.records.keyOf(id)] = encoded;
    }
    const snapshot: PartitionSnapshotV1 = {
      format: SNAPSHOT_FORMAT,
      maxEventTimeMs: Number.isFinite(this.maxEventTimeMs) ? this.maxEventTimeMs : null,
      entities,
    };
    return Buffer.from(JSON.stringify(snapshot), 'utf8');
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
    const id = this.entities.get(entity);
    if (id === NO_ENTITY) return undefined;
    const encoded = encodeEntity(this.records.list(id), this.contacts, this.buffered);
    return encoded === undefined ? undefined : Buffer.from(JSON.stringify(encoded), 'utf8');
  }

  /** Restores one entity from `snapshotEntity` bytes; undefined (a tombstone) removes it. */
  restoreEntity(entity: string, bytes: Buffer | undefined): void {
    const previous = this.entities.get(entity);
    if (previous !== NO_ENTITY) this.forget(entity, previous);
    if (bytes !== undefined) this.restoreEntityJson(entity, parseEntitySnapshot(bytes));
  }

  /** Max event time seen (ms), to persist next to per-entity records; -Infinity before the first event. */
  progress(): { maxEventTimeMs: number } {
    return { maxEventTimeMs: this.maxEventTimeMs };
  }

  /** Restores event-time progress after restoring entities from a changelog. */
  restoreProgress(maxEventTimeMs: number): void {
    this.maxEventTimeMs = Math.max(this.maxEventTimeMs, maxEventTimeMs);
    this.watermarkMs = this.maxEventTimeMs - this.options.allowedLatenessMs;
  }

  /** Entities changed since the last `takeDirtyEntities` (when `trackDirtyEntities`). */
  dirtyEntities(): ReadonlySet<string> {
    return new Set(this.dirtyIds.map((id) => this.records.keyOf(id)));
  }

  /** Returns and clears the changed entities: write `snapshotEntity` of each to the changelog. */
  takeDirtyEntities(): string[] {
    const keys = this.dirtyIds.map((id) => this.records.keyOf(id));
    // A new take number unlists every entity at once, without visiting them.
    this.take++;
    this.dirtyIds = [];
    for (const id of this.retiredIds) this.records.release(id);
    this.retiredIds = [];
    this.removedKeys.clear();
    return keys;
  }

  private restoreEntityJson(key: string, json: EntitySnapshotV1): void {
    const { state, buffered, droppedPartialMatches } = decodeEntity(json, this.rules, this.contacts);
    this.evictions.partialMatches += droppedPartialMatches;
    if (state === undefined) return;
    const records = this.records;
    const id = this.createEntity(key);
    const list = records.list(id);
    list.contactsAt = state.contactsAt;
    list.contactCount = state.contactCount;
    for (const item of buffered) this.buffered.insert(list, item, item.timeMs);
    // The snapshot does not say which steps its events match under the current rules.
    if (list.bufferLength > 0) records.setBufferedSteps(id, ALL_STEP_BITS);
    if (state.pending !== undefined || state.thresholds !== undefined) {
      const rare = records.rareFor(id);
      rare.pending = state.pending;
      rare.thresholds = state.thresholds;
    }
    this.bufferedEvents += records.bufferLength(id);
    this.pendingMatches += state.pending?.length ?? 0;
    this.schedule(id);
  }

  private forget(key: string, id: number): void {
    const records = this.records;
    this.bufferedEvents -= records.bufferLength(id);
    this.pendingMatches -= records.rareOf(id)?.pending?.length ?? 0;
    this.contacts.release(records.list(id));
    this.buffered.release(records.list(id));
    records.setWakeAtMs(id, Infinity);
    this.entities.delete(key);
    if (records.listedInTake(id) === this.take) this.removedKeys.add(key);
    this.retire(id);
  }

  private clearState(): void {
    this.entities.clear();
    this.records.clear();
    this.contacts.clear();
    this.buffered.clear();
    this.timers.clear();
    // What was listed or retired named ids of the records just cleared: forget it, do not release it.
    this.dirtyIds = [];
    this.retiredIds = [];
    this.removedKeys.clear();
    this.take++;
    this.bufferedEvents = 0;
    this.pendingMatches = 0;
    this.maxEventTimeMs = -Infinity;
    this.watermarkMs = -Infinity;
  }
}

/** A confirmed match left out for a more specific rule's alert. */
const SUPERSEDED = Symbol('superseded');

/** Position of a buffered event (by time, then id), or -1 when it is no longer buffered. */
function indexOf(buffer: CandidateBuffer, event: TimedEvent): number {
  for (let i = buffer.length - 1; i >= 0; i--) {
    const timeMs = buffer.timeMsAt(i);
    if (timeMs < event.timeMs) return -1;
    if (timeMs === event.timeMs && buffer.eventAt(i).eventId === event.eventId) return i;
  }
  return -1;
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
