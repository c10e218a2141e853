import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { buildAlert, type AlertDraft } from './alert-builder';
import { CorrelationError, correlationErrorCodes } from './correlation.errors';
import { defaultEngineOptions, type EngineOptions } from './engine.options';
import {
  systemClock,
  type Clock,
  type EngineOutput,
  type EngineStats,
  type EntityFootprint,
  type EvictionStats,
} from './engine.types';
import { EntityState } from './entity-state';
import { EntityTable } from './entity-table';
import { parseEventTimeMs } from './event-time';
import { EventStore } from './event-store';
import { ContactBook } from './contact-book';
import { IGNORED_KIND, isContact, planKinds, type KindPlan } from './kind-plan';
import type { PartialMatch } from './partial-match';
import { RetainedEvent } from './retained-event';
import { ALL_STEP_BITS, type RuleSet } from './rule-set';
import type {
  BoundEvents,
  CompiledSequenceRule,
  CompiledThresholdRule,
  PredicateContext,
  TimedEvent,
} from './rule.types';
import { SequenceMatcher, type MatchSink } from './sequence-matcher';
import {
  SNAPSHOT_FORMAT,
  decodeEntity,
  encodeEntity,
  parseEntitySnapshot,
  parsePartitionSnapshot,
  type EntitySnapshotV1,
  type PartitionSnapshotV1,
} from './state-codec';
import { ThresholdWindow, type ThresholdFired } from './threshold-window';
import { TimerQueue } from './timer-queue';

const NO_ALERTS: readonly AlertV1[] = Object.freeze([]);
const NO_EVENTS: readonly EntityEventV1[] = Object.freeze([]);
const NOTHING: EngineOutput = Object.freeze({ alerts: NO_ALERTS, lateEvents: NO_EVENTS });
const NO_BOUND: BoundEvents = Object.freeze([]);
/**
 * Contacts expire over days: sweeping one entity every 64 events is plenty (a partition of a million
 * subscribers is swept in 64 M events) and keeps the hot path lean; each sweep is a cache miss.
 */
const SWEEP_EVERY_MASK = 63;

/**
 * Correlates the entity events of one partition into alerts, on event time.
 *
 * Feed events with `process` in arrival order; call `advanceWatermark` periodically with the wall
 * clock so idle partitions still time out absences and thresholds. Not thread-safe; one per partition.
 */
export class CorrelationEngine implements MatchSink {
  private rules: RuleSet;
  private plans: Map<string, KindPlan>;
  private readonly options: EngineOptions;
  private readonly contacts: ContactBook;
  private readonly entities = new EntityTable();
  private readonly buffered = new EventStore();
  private readonly timers = new TimerQueue<EntityState>();
  private readonly matcher = new SequenceMatcher();
  /** Entities changed since the last take, each once (EntityState.listedInTake), plus removed ones. */
  private dirtyKeys: string[] = [];
  /** Number of the current take: a state listed in it has `listedInTake` equal to it (states start at 0). */
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
  private idleAnchorEvents = -1;
  private idleAnchorProcessingMs = 0;
  private idleAnchorEventTimeMs = -Infinity;

  /** The entity being evaluated; predicates and sinks read it instead of taking closures per event. */
  private currentEntity = '';
  private currentState: EntityState | undefined;
  private out: AlertV1[] | undefined;

  private eventsProcessed = 0;
  private lateEvents = 0;
  private duplicateEvents = 0;
  private alertsEmitted = 0;
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
      const state = this.currentState;
      return state === undefined || this.contacts.isFirstContact(state, counterparty, atMs);
    },
  };

  private readonly thresholdFired: ThresholdFired = (rule, events) => {
    if (rule.confirmed === undefined) return;
    this.emit({
      rule,
      stage: 'confirmed',
      severity: rule.confirmed.severity,
      entity: this.currentEntity,
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

  /** Max event time seen minus the allowed lateness (ms since epoch); -Infinity before the first event. */
  get watermark(): number {
    return this.watermarkMs;
  }

  /** Processes one event; returns the alerts it completed, or the event itself when it is late. */
  process(event: EntityEventV1): EngineOutput {
    const timeMs = parseEventTimeMs(event.occurredAt);
    if (!(timeMs >= this.watermarkMs)) {
      if (Number.isNaN(timeMs)) {
        throw new CorrelationError(correlationErrorCodes.INVALID_EVENT, [
          `event ${event.eventId}: occurredAt is not a date-time`,
        ]);
      }
      this.lateEvents++;
      return { alerts: NO_ALERTS, lateEvents: [event] };
    }
    this.eventsProcessed++;
    this.out = undefined;
    this.wakeMayComeSooner = false;
    const key = event.entity;
    const plan = this.plans.get(event.kind) ?? IGNORED_KIND;
    let state = this.entities.get(key);
    let touched = false;
    this.currentEntity = key;
    this.currentState = state;
    // Step bits of a buffer filled under other rules mean nothing now (schedule brings the epoch up to date).
    if (state !== undefined && state.bufferLength > 0 && state.rulesEpoch !== this.rulesEpoch)
      state.bufferedSteps = ALL_STEP_BITS;

    if (isContact(plan, event)) {
      state ??= this.createState(key);
      this.evictions.contacts += this.contacts.record(state, event.counterparty!, timeMs);
      touched = true;
    }

    const bufferConditions = plan.bufferConditions;
    if (bufferConditions !== undefined && anyStatic(bufferConditions, event)) {
      state ??= this.createState(key);
      touched = this.bufferAndMatch(state, event, timeMs, plan) || touched;
    }

    const thresholds = plan.thresholds;
    if (thresholds !== undefined) {
      let item: TimedEvent | undefined;
      for (let i = 0; i < thresholds.length; i++) {
        const rule = thresholds[i];
        if (!rule.condition.test(event, timeMs, NO_BOUND, this.context)) continue;
        state ??= this.createState(key);
        item ??= new RetainedEvent(event, timeMs);
        this.addToThreshold(state, rule, item);
        touched = true;
      }
    }

    if (touched && state !== undefined) {
      this.markDirty(state);
      if (this.wakeMayComeSooner || state.rulesEpoch !== this.rulesEpoch) this.schedule(key, state);
    }
    if (timeMs > this.maxEventTimeMs) {
      this.maxEventTimeMs = timeMs;
      this.advanceTo(timeMs - this.options.allowedLatenessMs);
    }
    if ((this.eventsProcessed & SWEEP_EVERY_MASK) === 0) this.sweepOne();
    return this.flush();
  }

  /**
   * Advances event time for an idle partition: once no event arrived for `idleTimeoutMs` of
   * processing time, event time is taken to have reached the wall clock (events are produced in real
   * time; a stream that lags behind it, such as a replay, has no idle gaps while it lags), and never
   * less than the last event time plus the idle period. Returns alerts completed by timeouts.
   */
  advanceWatermark(processingTimeMs: number): EngineOutput {
    this.out = undefined;
    if (this.idleAnchorEvents !== this.eventsProcessed) {
      this.idleAnchorEvents = this.eventsProcessed;
      this.idleAnchorProcessingMs = processingTimeMs;
      this.idleAnchorEventTimeMs = this.maxEventTimeMs;
    } else if (
      processingTimeMs - this.idleAnchorProcessingMs >= this.options.idleTimeoutMs &&
      this.idleAnchorEventTimeMs > -Infinity
    ) {
      const estimatedMs = Math.max(
        this.idleAnchorEventTimeMs + (processingTimeMs - this.idleAnchorProcessingMs),
        processingTimeMs,
      );
      if (estimatedMs > this.maxEventTimeMs) {
        this.maxEventTimeMs = estimatedMs;
        this.advanceTo(estimatedMs - this.options.allowedLatenessMs);
      }
    }
    return this.flush();
  }

  // ---- sequence matching -------------------------------------------------------------------

  private bufferAndMatch(state: EntityState, event: EntityEventV1, timeMs: number, plan: KindPlan): boolean {
    const index = this.buffered.insert(state, event, timeMs);
    if (index < 0) {
      this.duplicateEvents++;
      return false;
    }
    // Read back as objects only when a search needs them: most buffered events never take part in one.
    let buffer: TimedEvent[] | undefined;
    this.bufferedEvents++;
    this.currentState = state;
    if (index === 0) this.wakeMayComeSooner = true;
    const steps = plan.steps;
    if (steps !== undefined) {
      const budget = this.options.maxPartialMatchesPerRule;
      const earlier = state.bufferedSteps;
      let own = 0;
      for (let i = 0; i < steps.length; i++) {
        const ref = steps[i];
        if (!ref.rule.steps[ref.stepIndex].condition.staticTest(event)) continue;
        own |= ref.bit;
        // Step j needs an earlier buffered event for each step before it: most events can only start a match.
        if (ref.stepIndex > index || (earlier & ref.earlierBits) !== ref.earlierBits) continue;
        buffer ??= this.buffered.read(state);
        this.matcher.search(ref.rule, buffer, index, ref.stepIndex, this.context, this, budget);
      }
      state.bufferedSteps |= own;
      this.evictions.partialMatches += this.matcher.truncated;
      this.matcher.truncated = 0;
    }
    if (state.bufferLength > this.options.maxBufferedEventsPerEntity) {
      const excess = state.bufferLength - this.options.maxBufferedEventsPerEntity;
      this.buffered.dropOldest(state, excess);
      this.bufferedEvents -= excess;
      this.evictions.bufferedEvents += excess;
    }
    return true;
  }

  /** @internal MatchSink */
  earlyWarning(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    const warning = rule.earlyWarning!;
    this.emit({
      rule,
      stage: 'early_warning',
      severity: warning.severity,
      entity: this.currentEntity,
      events: events.slice(0, length),
      stepNames: stepNames(rule, length),
      notify: warning.notify,
    });
  }

  /** @internal MatchSink */
  confirmed(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    const confirmed = rule.confirmed!;
    const severity =
      length > rule.requiredCount
        ? (rule.steps[length - 1].severity ?? confirmed.severity)
        : confirmed.severity;
    this.emit({
      rule,
      stage: 'confirmed',
      severity,
      entity: this.currentEntity,
      events: events.slice(0, length),
      stepNames: stepNames(rule, length),
      notify: confirmed.notify,
    });
  }

  /** @internal MatchSink */
  awaitAbsence(rule: CompiledSequenceRule, events: readonly TimedEvent[], length: number): void {
    const state = this.currentState!;
    const pending = (state.pending ??= []);
    let ofRule = 0;
    let oldest = -1;
    for (let i = 0; i < pending.length; i++) {
      if (pending[i].rule !== rule) continue;
      ofRule++;
      if (oldest < 0) oldest = i;
    }
    if (ofRule >= this.options.maxPartialMatchesPerRule) {
      pending.splice(oldest, 1);
      this.pendingMatches--;
      this.evictions.partialMatches++;
    }
    const matched = events.slice(0, length);
    this.wakeMayComeSooner = true;
    pending.push({ rule, events: matched, deadlineMs: matched[length - 1].timeMs + rule.absence!.withinMs });
    this.pendingMatches++;
  }

  private completeAbsence(match: PartialMatch, state: EntityState): void {
    const { rule, events } = match;
    // First-contact answers may have changed since: a contact can arrive late, but before the deadline passed.
    for (let i = 0; i < events.length; i++) {
      if (!rule.steps[i].condition.test(events[i], events[i].timeMs, events, this.context)) return;
    }
    const lastMs = events[events.length - 1].timeMs;
    const absence = rule.absence!;
    for (const item of this.buffered.read(state)) {
      if (item.timeMs <= lastMs) continue;
      if (item.timeMs > match.deadlineMs) break;
      if (absence.condition.test(item, item.timeMs, events, this.context)) return;
    }
    if (rule.confirmed === undefined) return;
    this.emit({
      rule,
      stage: 'confirmed',
      severity: rule.confirmed.severity,
      entity: this.currentEntity,
      events,
      stepNames: stepNames(rule, events.length),
      notify: rule.confirmed.notify,
    });
  }

  // ---- thresholds --------------------------------------------------------------------------

  private addToThreshold(state: EntityState, rule: CompiledThresholdRule, item: TimedEvent): void {
    this.wakeMayComeSooner = true;
    const windows = (state.thresholds ??= new Map());
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

  // ---- event time --------------------------------------------------------------------------

  private advanceTo(watermarkMs: number): void {
    if (watermarkMs <= this.watermarkMs) return;
    this.watermarkMs = watermarkMs;
    const timers = this.timers;
    while (timers.peekTime() <= watermarkMs) {
      const dueMs = timers.peekTime();
      const state = timers.pop();
      // Stale: rescheduled since, or removed (removal resets wakeAtMs).
      if (state.wakeAtMs !== dueMs) continue;
      state.wakeAtMs = Infinity;
      this.wake(state.key, state);
    }
  }

  private wake(key: string, state: EntityState): void {
    const watermarkMs = this.watermarkMs;
    this.currentEntity = key;
    this.currentState = state;
    if (state.pending !== undefined) {
      const waiting: PartialMatch[] = [];
      for (const match of state.pending) {
        if (match.deadlineMs < watermarkMs) {
          this.pendingMatches--;
          this.completeAbsence(match, state);
        } else {
          waiting.push(match);
        }
      }
      state.pending = waiting.length > 0 ? waiting : undefined;
    }
    if (state.thresholds !== undefined) {
      for (const [ruleKey, window] of state.thresholds) {
        if (this.rules.get(ruleKey) === undefined) {
          state.thresholds.delete(ruleKey);
          continue;
        }
        window.finalize(watermarkMs, false, this.thresholdFired);
        window.expire(watermarkMs);
        if (window.isIdle(watermarkMs)) state.thresholds.delete(ruleKey);
      }
      if (state.thresholds.size === 0) state.thresholds = undefined;
    }
    if (state.bufferLength > 0) {
      this.bufferedEvents -= this.buffered.dropBefore(state, watermarkMs - this.rules.maxSpanMs);
      if (state.bufferLength === 0) state.bufferedSteps = 0;
    }
    this.markDirty(state);
    if (state.isEmpty()) this.remove(key, state);
    else this.schedule(key, state);
  }

  /** Event time at which the entity next needs attention: a deadline, a threshold event, or buffer expiry. */
  private nextWakeMs(state: EntityState): number {
    let next = Infinity;
    const firstBufferedMs = this.buffered.firstTimeMs(state);
    if (firstBufferedMs !== undefined) next = firstBufferedMs + this.rules.maxSpanMs + 1;
    if (state.pending !== undefined) for (const m of state.pending) next = Math.min(next, m.deadlineMs + 1);
    if (state.thresholds !== undefined) {
      for (const window of state.thresholds.values()) {
        next = Math.min(next, window.nextPendingMs() + 1);
        const oldest = window.distinct?.values().next().value ?? window.live[0];
        if (oldest !== undefined) next = Math.min(next, oldest.timeMs + window.rule.windowMs + 1);
        if (window.size === 0 && window.cooldownUntilMs > -Infinity)
          next = Math.min(next, window.cooldownUntilMs + 1);
      }
    }
    return next;
  }

  private schedule(key: string, state: EntityState): void {
    if (state.rulesEpoch !== this.rulesEpoch) {
      state.rulesEpoch = this.rulesEpoch;
      if (state.bufferLength > 0) state.bufferedSteps = ALL_STEP_BITS;
    }
    const next = this.nextWakeMs(state);
    if (next < state.wakeAtMs) {
      state.wakeAtMs = next;
      this.timers.push(next, state);
    }
  }

  /** Expires old contacts of one entity per call, so idle entities eventually cost nothing. */
  private sweepOne(): void {
    const state = this.entities.nextInRotation();
    if (state === undefined || state.contactCount === 0) return;
    const key = state.key;
    if (this.contacts.expire(state, this.watermarkMs - this.options.firstContactWindowMs) === 0) return;
    this.markDirty(state);
    if (state.isEmpty()) this.remove(key, state);
  }

  // ---- change tracking ---------------------------------------------------------------------

  /** Lists the entity for the changelog once per take; a flag on the state spares a Set per event. */
  private markDirty(state: EntityState): void {
    if (state.listedInTake === this.take || !this.options.trackDirtyEntities) return;
    state.listedInTake = this.take;
    // The state's own key: listing the event's copy would keep the event's string alive until the take.
    this.dirtyKeys.push(state.key);
  }

  /** Drops an empty entity; it stays listed as changed (its record becomes a tombstone). */
  private remove(key: string, state: EntityState): void {
    state.wakeAtMs = Infinity; // any queued wake-up is now stale
    this.entities.delete(key);
    if (this.options.trackDirtyEntities) this.removedKeys.add(key);
  }

  // ---- output ------------------------------------------------------------------------------

  private emit(draft: AlertDraft): void {
    (this.out ??= []).push(buildAlert(draft, this.clock.now()));
    this.alertsEmitted++;
  }

  private flush(): EngineOutput {
    const alerts = this.out;
    this.out = undefined;
    return alerts === undefined ? NOTHING : { alerts, lateEvents: NO_EVENTS };
  }

  private createState(key: string): EntityState {
    const state = new EntityState();
    state.key = key;
    state.rulesEpoch = this.rulesEpoch;
    this.entities.set(key, state);
    this.currentState = state;
    this.adoptListing(key, state);
    return state;
  }

  /** A state replacing one removed since the last take inherits its changelog listing (no duplicate key). */
  private adoptListing(key: string, state: EntityState): void {
    if (this.removedKeys.size === 0 || !this.removedKeys.has(key)) return;
    state.listedInTake = this.take;
  }

  // ---- introspection -----------------------------------------------------------------------

  /** Counters and gauges for metrics. */
  stats(): EngineStats {
    let thresholdWindows = 0;
    if (this.rules.thresholdsByKind.size > 0) {
      for (const state of this.entities.values()) thresholdWindows += state.thresholds?.size ?? 0;
    }
    return {
      eventsProcessed: this.eventsProcessed,
      lateEvents: this.lateEvents,
      duplicateEvents: this.duplicateEvents,
      alertsEmitted: this.alertsEmitted,
      trackedEntities: this.entities.size,
      activePartialMatches: this.pendingMatches + thresholdWindows,
      bufferedEvents: this.bufferedEvents,
      evictions: { ...this.evictions },
      watermarkMs: this.watermarkMs,
    };
  }

  /** How much state one entity holds, or undefined when none. */
  footprint(entity: string): EntityFootprint | undefined {
    const state = this.entities.get(entity);
    if (state === undefined) return undefined;
    let thresholdEvents = 0;
    for (const window of state.thresholds?.values() ?? []) thresholdEvents += window.size;
    return {
      contacts: state.contactCount,
      bufferedEvents: state.bufferLength,
      partialMatches: state.pending?.length ?? 0,
      thresholdEvents,
    };
  }

  // ---- snapshot / restore ------------------------------------------------------------------

  /** The whole partition's state as bytes (JSON), for a checkpoint. */
  snapshot(): Buffer {
    const entities: Record<string, EntitySnapshotV1> = {};
    for (const state of this.entities.values()) {
      const encoded = encodeEntity(state, this.contacts, this.buffered);
      if (encoded !== undefined) entities[state.key] = encoded;
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
    const encoded = encodeEntity(this.entities.get(entity), this.contacts, this.buffered);
    return encoded === undefined ? undefined : Buffer.from(JSON.stringify(encoded), 'utf8');
  }

  /** Restores one entity from `snapshotEntity` bytes; undefined (a tombstone) removes it. */
  restoreEntity(entity: string, bytes: Buffer | undefined): void {
    const previous = this.entities.get(entity);
    if (previous !== undefined) this.forget(entity, previous);
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
    return new Set(this.dirtyKeys);
  }

  /** Returns and clears the changed entities: write `snapshotEntity` of each to the changelog. */
  takeDirtyEntities(): string[] {
    const keys = this.dirtyKeys;
    // A new take number unlists every state at once, without visiting them.
    this.take++;
    this.dirtyKeys = [];
    this.removedKeys.clear();
    return keys;
  }

  private restoreEntityJson(key: string, json: EntitySnapshotV1): void {
    const { state, buffered, droppedPartialMatches } = decodeEntity(json, this.rules, this.contacts);
    this.evictions.partialMatches += droppedPartialMatches;
    if (state === undefined) return;
    state.key = key;
    state.rulesEpoch = this.rulesEpoch;
    for (const item of buffered) this.buffered.insert(state, item, item.timeMs);
    // The snapshot does not say which steps its events match under the current rules.
    if (state.bufferLength > 0) state.bufferedSteps = ALL_STEP_BITS;
    this.entities.set(key, state);
    this.adoptListing(key, state);
    this.bufferedEvents += state.bufferLength;
    this.pendingMatches += state.pending?.length ?? 0;
    this.schedule(key, state);
  }

  private forget(key: string, state: EntityState): void {
    this.bufferedEvents -= state.bufferLength;
    this.pendingMatches -= state.pending?.length ?? 0;
    this.contacts.release(state);
    this.buffered.release(state);
    state.wakeAtMs = Infinity;
    this.entities.delete(key);
    if (state.listedInTake === this.take) this.removedKeys.add(key);
  }

  private clearState(): void {
    this.entities.clear();
    this.contacts.clear();
    this.buffered.clear();
    this.timers.clear();
    this.takeDirtyEntities();
    this.bufferedEvents = 0;
    this.pendingMatches = 0;
    this.maxEventTimeMs = -Infinity;
    this.watermarkMs = -Infinity;
  }
}

function anyStatic(
  conditions: readonly { staticTest(event: EntityEventV1): boolean }[],
  event: EntityEventV1,
): boolean {
  for (let i = 0; i < conditions.length; i++) if (conditions[i].staticTest(event)) return true;
  return false;
}

function stepNames(rule: CompiledSequenceRule, length: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < length; i++) names.push(rule.steps[i].name);
  return names;
}
