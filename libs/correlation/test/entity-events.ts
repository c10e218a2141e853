import { alertV1, type AlertV1, type EntityEventKind, type EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, loadRuleSet, type Clock, type EngineOptions, type RuleSet } from '../src';
import { join } from 'node:path';

/** Test fixtures: event builders, arrival orders and a drained engine run. */

export const T0 = Date.parse('2025-03-01T10:00:00.000Z');
export const MINUTE = 60_000;
export const LATENESS_MS = 600_000;
export const SUBSCRIBER = 'msisdn:77010000001';
export const fixedClock: Clock = { now: () => Date.parse('2025-03-01T12:00:00.000Z') };

let loaded: RuleSet | undefined;
/** The repository's rule set (`rules/`). */
export function advisoryRules(): RuleSet {
  loaded ??= loadRuleSet(join(__dirname, '..', '..', '..', 'rules'));
  return loaded;
}

/** A scenario event: the entity event plus when its record reaches the engine. */
export interface Scheduled {
  event: EntityEventV1;
  /** Arrival (ms); call records arrive at call end. */
  arrivesAtMs: number;
}

const SOURCE_TOPIC: Record<string, EntityEventV1['sourceTopic']> = {
  sms: 'telco.sms.v1',
  call: 'telco.calls.v1',
};

/** Builds an event `minute` minutes after T0; ids are derived from `id`, so scenarios are reproducible. */
export function ev(
  id: string,
  kind: EntityEventKind,
  minute: number,
  fields: Partial<EntityEventV1> = {},
  entity = SUBSCRIBER,
): Scheduled {
  const timeMs = T0 + Math.round(minute * MINUTE);
  const prefix = kind.split('_')[0];
  const event: EntityEventV1 = {
    eventId: `${id}:${kind}`,
    sourceEventId: id,
    sourceTopic: SOURCE_TOPIC[prefix] ?? 'telco.payments.v1',
    entity,
    kind,
    occurredAt: new Date(timeMs).toISOString(),
    ingestedAt: new Date(timeMs).toISOString(),
    features: {},
    ...fields,
  };
  const callEndMs = kind.startsWith('call') ? (event.durationSec ?? 0) * 1000 : 0;
  return { event, arrivesAtMs: timeMs + callEndMs };
}

/** Events in the order their records arrive. */
export function inArrivalOrder(scenario: readonly Scheduled[]): EntityEventV1[] {
  return [...scenario].sort((a, b) => a.arrivesAtMs - b.arrivesAtMs).map((s) => s.event);
}

/** A small seeded PRNG (mulberry32), so shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A random arrival order in which no event is late: each record is delayed by less than the allowed lateness
 * after it could first exist (a call record at the call's end), so when it arrives no record seen existed more
 * than the lateness after it.
 */
export function shuffledWithinLateness(
  scenario: readonly Scheduled[],
  random: () => number,
  latenessMs = LATENESS_MS,
): EntityEventV1[] {
  return scenario
    .map((s) => ({ event: s.event, key: s.arrivesAtMs + random() * (latenessMs - 1) }))
    .sort((a, b) => a.key - b.key)
    .map((s) => s.event);
}

/**
 * The same order, except that the events of one subscriber with one counterparty arrive in event-time order among
 * themselves (each takes the arrival slot of one of them, so none becomes late). "First contact" can only be
 * answered from the contacts that have arrived: a later call that overtakes an earlier one from the same number
 * counts as a first contact until the earlier one arrives, and an alert it completed in between stands.
 */
export function shuffledKeepingContactOrder(
  scenario: readonly Scheduled[],
  random: () => number,
  latenessMs = LATENESS_MS,
): EntityEventV1[] {
  const order = shuffledWithinLateness(scenario, random, latenessMs);
  const slots = new Map<string, number[]>();
  order.forEach((event, slot) => {
    if (event.counterparty === undefined) return;
    const pair = `${event.entity} ${event.counterparty}`;
    slots.set(pair, [...(slots.get(pair) ?? []), slot]);
  });
  const result = [...order];
  for (const pairSlots of slots.values()) {
    const events = pairSlots.map((slot) => order[slot]).sort(compareEventTime);
    pairSlots.forEach((slot, i) => (result[slot] = events[i]));
  }
  return result;
}

const compareEventTime = (a: EntityEventV1, b: EntityEventV1): number =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt);

/** Feeds events, then lets the partition go idle so absences and thresholds time out. */
export function runToEnd(
  events: readonly EntityEventV1[],
  rules: RuleSet = advisoryRules(),
  options: Partial<EngineOptions> = {},
  engine = new CorrelationEngine(rules, options, fixedClock),
): { alerts: AlertV1[]; late: EntityEventV1[]; engine: CorrelationEngine } {
  const alerts: AlertV1[] = [];
  const late: EntityEventV1[] = [];
  for (const event of events) {
    const out = engine.process(event);
    alerts.push(...out.alerts);
    late.push(...out.lateEvents);
  }
  alerts.push(...drain(engine));
  return { alerts, late, engine };
}

/** Moves event time on far enough for every window to close, as the end of a stream does. */
export function drain(engine: CorrelationEngine): AlertV1[] {
  const reachedMs = Math.max(engine.progress().maxEventTimeMs, fixedClock.now());
  return [...engine.advanceEventTime(reachedMs + 6 * 3_600_000).alerts];
}

/** `ruleId/stage/severity` of each alert, sorted: what a scenario expects. */
export function summary(alerts: readonly AlertV1[]): string[] {
  return alerts.map((a) => `${a.ruleId}/${a.stage}/${a.severity}`).sort();
}

/** Alert ids, sorted. */
export function ids(alerts: readonly AlertV1[]): string[] {
  return alerts.map((a) => a.alertId).sort();
}

/**
 * The confirmed alerts of a scenario run in arrival order, each valid alert.v1, after checking that 25 arrival
 * orders shuffled within the allowed lateness (seeded by `seed`) confirm the same alert ids.
 */
export function confirmedInAnyOrder(scenario: readonly Scheduled[], seed: number): AlertV1[] {
  const confirmedOf = (alerts: readonly AlertV1[]) => alerts.filter((a) => a.stage === 'confirmed');
  const ordered = runToEnd(inArrivalOrder(scenario));
  expect(ordered.late).toEqual([]);
  const confirmed = confirmedOf(ordered.alerts);
  for (const alert of confirmed) expect(alertV1.validate(alert)).toEqual({ ok: true, value: alert });
  const random = seededRandom(seed);
  for (let i = 0; i < 25; i++) {
    const shuffled = runToEnd(shuffledWithinLateness(scenario, random));
    expect(shuffled.late).toEqual([]);
    expect(ids(confirmedOf(shuffled.alerts))).toEqual(ids(confirmed));
  }
  return confirmed;
}
