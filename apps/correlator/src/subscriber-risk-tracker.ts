import { PARTITION_HEARTBEAT_KEY, type RiskPatternV1, type SubscriberRiskV1 } from '@vigil/contracts';
import type { EntityEventV1 } from '@vigil/contracts';
import type { CompletedPattern, CorrelationEngine, OpenPattern, PatternProgress } from '@vigil/correlation';

/** What the tracker asks of a partition's engine. */
export type PatternSource = Pick<CorrelationEngine, 'patternsOf' | 'progress' | 'ruleSet'>;

/** An ended pattern stays in its subscriber's state this long (event time): a completed scam is still the risk. */
export const ENDED_PATTERN_RETENTION_MS = 30 * 60_000; // 30 min

const SUBSCRIBER_PREFIX = 'msisdn:';
/** Every rule is in scope: a wake-up on event time, a rule change, a hand-back. */
const ALL_RULES = 'all';
type RulesInScope = Set<string> | typeof ALL_RULES;

interface TrackedRisk {
  /** Open patterns by rule id (the engine reports one per rule: the deepest). */
  open: Map<string, RiskPatternV1>;
  ended: RiskPatternV1[];
  /** The published content (patterns only), to skip rewriting an unchanged state. */
  signature: string;
  /** Event time (ms) at which something of it closes: an open window, an ended pattern's retention. */
  wakeAtMs: number;
}

/**
 * The risk state of the subscribers of one partition, as published on vigil.subscriber-risk.v1: which entities to
 * look at again (changed by an event, woken by event time, or every one when the rules change), and for each the
 * open patterns and the recent endings, derived by comparing the engine's answer with the previous state.
 * Memory: one entry per subscriber with something open or recently ended.
 */
export class SubscriberRiskTracker {
  private readonly states = new Map<string, TrackedRisk>();
  /** Subscribers to look at again, with the rules that may have moved for them. */
  private readonly changed = new Map<string, RulesInScope>();
  /** Handed back by a failed write: written again even if unchanged since (the topic may not have them). */
  private readonly unwritten = new Set<string>();
  private nextWakeMs = Infinity;

  constructor(
    private readonly partition: number,
    private readonly engine: PatternSource,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * An event of this entity was processed: the patterns of the rules with a step it may play may have moved. An
   * event that can play no step (most of them) costs a few static tests and nothing more.
   */
  touch(event: EntityEventV1): void {
    const entity = event.entity;
    if (!entity.startsWith(SUBSCRIBER_PREFIX)) return;
    const steps = this.engine.ruleSet.stepsByKind.get(event.kind);
    if (steps === undefined) return;
    let scope = this.changed.get(entity);
    if (scope === ALL_RULES) return;
    for (const { rule, stepIndex } of steps) {
      if (scope?.has(rule.id) || !rule.steps[stepIndex].condition.staticTest(event)) continue;
      if (scope === undefined) this.changed.set(entity, (scope = new Set()));
      scope.add(rule.id);
    }
  }

  /** The entity's patterns may have moved under any rule (a restored state). */
  touchEntity(entity: string): void {
    if (entity.startsWith(SUBSCRIBER_PREFIX)) this.changed.set(entity, ALL_RULES);
  }

  /** The rules changed: every tracked subscriber is looked at again (a withdrawn rule ends its patterns). */
  touchAll(): void {
    for (const entity of this.states.keys()) this.changed.set(entity, ALL_RULES);
  }

  /** Work handed back by a failed write: these entities are written again with the next take. */
  handBack(entities: Iterable<string>): void {
    for (const entity of entities) {
      this.changed.set(entity, ALL_RULES);
      this.unwritten.add(entity);
    }
  }

  get pending(): boolean {
    return this.changed.size > 0;
  }

  /** Subscribers with something open or recently ended. */
  get trackedSubscribers(): number {
    return this.states.size;
  }

  /** The states that changed since the last take, as records to publish (an emptied state as empty lists). */
  take(): SubscriberRiskV1[] {
    const eventTimeMs = this.engine.progress().maxEventTimeMs;
    if (eventTimeMs >= this.nextWakeMs) this.wakeDue(eventTimeMs);
    if (this.changed.size === 0) return [];
    const records: SubscriberRiskV1[] = [];
    const updatedAt = new Date(this.now()).toISOString();
    const eventTime = new Date(Number.isFinite(eventTimeMs) ? eventTimeMs : this.now()).toISOString();
    for (const [entity, scope] of this.changed) {
      const record = this.recompute(entity, eventTimeMs, scope);
      if (record !== undefined) records.push({ ...record, updatedAt, eventTime });
    }
    this.changed.clear();
    this.unwritten.clear();
    return records;
  }

  /** The partition's heartbeat: its states are current as of now. */
  heartbeat(): SubscriberRiskV1 {
    const eventTimeMs = this.engine.progress().maxEventTimeMs;
    const updatedAt = new Date(this.now()).toISOString();
    return {
      subscriber: PARTITION_HEARTBEAT_KEY,
      partition: this.partition,
      updatedAt,
      eventTime: Number.isFinite(eventTimeMs) ? new Date(eventTimeMs).toISOString() : updatedAt,
      openPatterns: [],
      endedPatterns: [],
    };
  }

  private wakeDue(eventTimeMs: number): void {
    let next = Infinity;
    for (const [entity, state] of this.states) {
      if (state.wakeAtMs <= eventTimeMs) this.changed.set(entity, ALL_RULES);
      else next = Math.min(next, state.wakeAtMs);
    }
    this.nextWakeMs = next;
  }

  private recompute(
    entity: string,
    eventTimeMs: number,
    scope: RulesInScope,
  ): Omit<SubscriberRiskV1, 'updatedAt' | 'eventTime'> | undefined {
    const previous = this.states.get(entity);
    const only = scope === ALL_RULES ? undefined : scope;
    const scan = this.engine.patternsOf(entity, 2, only);
    const unwritten = this.unwritten.has(entity);
    if (previous === undefined && scan.open.length === 0 && scan.completed.length === 0 && !unwritten)
      return undefined;
    const nowMs = Number.isFinite(eventTimeMs) ? eventTimeMs : this.now();
    const open = new Map<string, RiskPatternV1>();
    // Rules out of scope keep what they had: nothing of theirs moved (their windows wake the entity up).
    for (const [key, pattern] of previous?.open ?? [])
      if (only !== undefined && !only.has(key)) open.set(key, pattern);
    for (const pattern of scan.open) open.set(pattern.ruleId, openRecord(pattern));
    const ended = (previous?.ended ?? []).filter(
      (pattern) => Date.parse(pattern.endedAt!) + ENDED_PATTERN_RETENTION_MS > nowMs,
    );
    const completedByRule = new Map(scan.completed.map((pattern) => [pattern.ruleId, pattern]));
    for (const [key, before] of previous?.open ?? []) {
      if (open.has(key)) continue;
      ended.push(this.ending(before, completedByRule.get(before.ruleId), nowMs));
    }
    for (const completed of scan.completed) {
      const known = ended.some(
        (pattern) => pattern.ruleId === completed.ruleId && pattern.since === iso(completed.sinceMs),
      );
      if (!known && completed.completedAtMs + ENDED_PATTERN_RETENTION_MS > nowMs)
        ended.push(completedRecord(completed));
    }
    const openPatterns = [...open.values()];
    const signature = JSON.stringify([openPatterns, ended]);
    if (previous !== undefined && previous.signature === signature && !unwritten) return undefined;
    if (openPatterns.length === 0 && ended.length === 0) this.states.delete(entity);
    else {
      const wakeAtMs = wakeOf(openPatterns, ended);
      this.states.set(entity, { open, ended, signature, wakeAtMs });
      this.nextWakeMs = Math.min(this.nextWakeMs, wakeAtMs);
    }
    return { subscriber: entity, partition: this.partition, openPatterns, endedPatterns: ended };
  }

  /** How an open pattern that is open no more ended. */
  private ending(
    before: RiskPatternV1,
    completed: CompletedPattern | undefined,
    nowMs: number,
  ): RiskPatternV1 {
    const { expiresAt, ...pattern } = before;
    if (completed !== undefined && completed.completedAtMs >= Date.parse(before.since))
      return { ...completedRecord(completed), firstStepKind: before.firstStepKind };
    const ruleStillLoaded = this.engine.ruleSet.rules.some((rule) => rule.id === before.ruleId);
    if (!ruleStillLoaded) return { ...pattern, ending: 'withdrawn_rule', endedAt: iso(nowMs) };
    return { ...pattern, ending: 'expired', endedAt: iso(Math.min(Date.parse(expiresAt!), nowMs)) };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The rule and how far its steps got: what the record of an open and of a completed pattern start with. */
function ruleProgress(
  pattern: PatternProgress,
): Pick<RiskPatternV1, 'ruleId' | 'ruleVersion' | 'typology' | 'stage' | 'stepsReached' | 'stepsTotal'> {
  const { ruleId, ruleVersion, typology, stage, stepsReached, stepsTotal } = pattern;
  return { ruleId, ruleVersion, typology, stage, stepsReached, stepsTotal };
}

function openRecord(pattern: OpenPattern): RiskPatternV1 {
  return {
    ...ruleProgress(pattern),
    earlyWarningReached: pattern.earlyWarningReached,
    since: iso(pattern.sinceMs),
    lastEventAt: iso(pattern.lastEventMs),
    expiresAt: iso(pattern.expiresAtMs),
    firstStepKind: pattern.firstStepKind,
    firstStepEndedAt: iso(pattern.firstStepEndedMs),
  };
}

function completedRecord(pattern: CompletedPattern): RiskPatternV1 {
  return {
    ...ruleProgress(pattern),
    earlyWarningReached: true,
    since: iso(pattern.sinceMs),
    lastEventAt: iso(pattern.completedAtMs),
    ending: 'completed',
    endedAt: iso(pattern.completedAtMs),
  };
}

function wakeOf(open: readonly RiskPatternV1[], ended: readonly RiskPatternV1[]): number {
  let wake = Infinity;
  for (const pattern of open) wake = Math.min(wake, Date.parse(pattern.expiresAt!) + 1);
  for (const pattern of ended)
    wake = Math.min(wake, Date.parse(pattern.endedAt!) + ENDED_PATTERN_RETENTION_MS);
  return wake;
}
