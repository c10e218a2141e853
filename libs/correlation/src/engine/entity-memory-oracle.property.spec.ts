import { ENTITY_EVENT_KINDS, type EntityEventV1, type Features } from '@vigil/contracts';
import fc from 'fast-check';
import { LATENESS_MS, MINUTE, advisoryRules, ev, fixedClock, type Scheduled } from '../../test/entity-events';
import { scenarioArb } from '../../test/scenarios';
import type { FirstContactPolicy } from '../state/contact-book';
import type { EntityMemory } from '../state/entity-memory';
import { PlainEntityMemory } from '../state/plain-entity-memory';
import { CorrelationEngine } from './correlation-engine';
import type { EngineOptions } from './engine.options';

/** A few entities and counterparties, so that random events meet each other and the scam scenarios. */
const ENTITIES = ['msisdn:77010000000', 'msisdn:77010000001', 'msisdn:77010000002', 'sender:S1', 'card:1'];
const COUNTERPARTIES = [
  '77470000',
  '77470001',
  '77480000',
  'KCELLPAY',
  '7122',
  '7111',
  '0770123',
  'Kaspi Bank',
];
const FEATURES: Features[] = [
  {},
  { otpCode: true, serviceSender: true },
  { prizeLure: true, officialSender: false },
  { codeRequest: true, officialSender: false },
  { hasUrl: true },
  { activationLure: true, referencedShortNumbers: ['7122'] },
  { spywareOffer: true, brandLookalikeDomain: true },
  { premiumShortNumber: true },
  { moneyRequest: true, officialSender: false },
];

const noiseArb = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  kind: fc.constantFrom(...ENTITY_EVENT_KINDS),
  minute: fc.double({ min: -30, max: 180, noNaN: true }),
  counterparty: fc.option(fc.constantFrom(...COUNTERPARTIES), { nil: undefined }),
  counterpartyClass: fc.option(fc.constantFrom('domestic', 'short_number', 'home_msisdn', 'alphanumeric'), {
    nil: undefined,
  }),
  features: fc.constantFrom(...FEATURES),
  amount: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  answered: fc.boolean(),
  durationSec: fc.integer({ min: 0, max: 900 }),
});

/** One call into an engine, the same for both. */
type Step =
  | { readonly call: 'process'; readonly event: EntityEventV1 }
  | { readonly call: 'advanceEventTime'; readonly eventTimeMs: number }
  | { readonly call: 'takeDirtyEntities' }
  | { readonly call: 'restart' };

/**
 * Scam scenarios among random events on the same entities, arriving up to twice the allowed lateness after they
 * could exist (some are late), some twice (at-least-once input), with the correlator's calls in between: event time
 * from the slowest source (when the engine does not follow its own events), changelog takes, and a restart from a
 * snapshot.
 */
const trafficArb = fc
  .record({
    scenario: scenarioArb,
    noise: fc.array(noiseArb, { maxLength: 60 }),
    delays: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 200, maxLength: 200 }),
    repeats: fc.array(fc.nat(199), { maxLength: 6 }),
    calls: fc.array(
      fc.constantFrom('advanceEventTime', 'takeDirtyEntities', 'restart', 'none', 'none', 'none'),
      {
        minLength: 200,
        maxLength: 200,
      },
    ),
    lagMinutes: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ scenario, noise, delays, repeats, calls, lagMinutes }): Step[] => {
    const events: Scheduled[] = [
      ...scenario,
      ...noise.map((n, i) => {
        const call = n.kind.startsWith('call');
        return ev(
          `n${i}`,
          n.kind,
          n.minute,
          {
            counterparty: n.counterparty,
            counterpartyClass: n.counterpartyClass,
            features: n.features,
            amount: n.amount,
            ...(call ? { answered: n.answered, durationSec: n.durationSec } : {}),
          },
          n.entity,
        );
      }),
    ];
    for (const index of repeats) if (index < events.length) events.push(events[index]);
    const arrivals = events
      .map((s, i) => ({ event: s.event, atMs: s.arrivesAtMs + delays[i % delays.length] * LATENESS_MS }))
      .sort((a, b) => a.atMs - b.atMs);
    const steps: Step[] = [];
    arrivals.forEach(({ event, atMs }, i) => {
      steps.push({ call: 'process', event });
      const call = calls[i % calls.length];
      if (call === 'advanceEventTime') steps.push({ call, eventTimeMs: atMs - lagMinutes * MINUTE });
      else if (call !== 'none') steps.push({ call });
    });
    return steps;
  });

const optionsArb = fc.record<Partial<EngineOptions>>({
  selfWatermark: fc.boolean(),
  // A day: contacts two days old (a scenario's earlier exchange) expire while the traffic runs.
  firstContactWindowMs: fc.constantFrom(86_400_000, 2_592_000_000),
  maxContactsPerEntity: fc.constantFrom(1, 3, 512),
  maxBufferedEventsPerEntity: fc.constantFrom(3, 256),
  maxPartialMatchesPerRule: fc.constantFrom(1, 32),
  maxThresholdEventsPerRule: fc.constantFrom(4, 1_024),
});

type MemoryFor = (policy: FirstContactPolicy) => EntityMemory;

/** What the engine said at every step: outputs, changed entities, snapshots; then its state, entity by entity. */
function replay(steps: readonly Step[], options: Partial<EngineOptions>, memoryFor?: MemoryFor): unknown[] {
  const start = () => new CorrelationEngine(advisoryRules(), options, fixedClock, memoryFor);
  let engine = start();
  const said: unknown[] = [];
  for (const step of steps) {
    if (step.call === 'process') said.push(engine.process(step.event));
    else if (step.call === 'advanceEventTime') said.push(engine.advanceEventTime(step.eventTimeMs));
    else if (step.call === 'takeDirtyEntities') said.push(engine.takeDirtyEntities().sort());
    else {
      const bytes = engine.snapshot();
      said.push(bytes.toString('utf8'));
      engine = start();
      engine.restore(bytes);
    }
  }
  const entities = [
    ...new Set(steps.flatMap((step) => (step.call === 'process' ? [step.event.entity] : []))),
  ];
  said.push(
    entities.map((entity) => [entity, engine.footprint(entity), engine.snapshotEntity(entity)?.toString()]),
  );
  said.push(engine.advanceEventTime(engine.progress().maxEventTimeMs + 6 * 3_600_000));
  said.push(engine.stats(), engine.takeDirtyEntities().sort());
  return said;
}

/** What the compared runs went through, summed. */
interface Seen {
  alerts: number;
  late: number;
  duplicates: number;
  contactsEvicted: number;
  eventsEvicted: number;
}

const plainMemory: MemoryFor = (policy) => new PlainEntityMemory(policy);

/** The oracle's claim: the engine on its columnar memory says exactly what it says on the plain one. */
function sameAsPlain(memoryFor: MemoryFor, numRuns: number, seen?: Seen, shrink = true): void {
  fc.assert(
    fc.property(trafficArb, optionsArb, (steps, options) => {
      const expected = replay(steps, options, memoryFor);
      const actual = replay(steps, options);
      expect(actual).toEqual(expected);
      if (seen !== undefined) {
        const stats = actual[actual.length - 2] as ReturnType<CorrelationEngine['stats']>;
        seen.alerts += stats.alertsEmitted;
        seen.late += stats.lateEvents;
        seen.duplicates += stats.duplicateEvents;
        seen.contactsEvicted += stats.evictions.contacts;
        seen.eventsEvicted += stats.evictions.bufferedEvents;
      }
    }),
    // Shrinking a failure of a deliberately broken memory would only cost time.
    { numRuns, endOnFailure: !shrink },
  );
}

describe('CorrelationEngine on its ColumnarEntityMemory against the PlainEntityMemory oracle', () => {
  it('says the same at every step: alerts, early warnings, late events, drops, changed entities, snapshots', () => {
    const seen: Seen = { alerts: 0, late: 0, duplicates: 0, contactsEvicted: 0, eventsEvicted: 0 };
    sameAsPlain(plainMemory, 150, seen);
    // The traffic reaches what it is meant to compare.
    expect(seen.alerts).toBeGreaterThan(0);
    expect(seen.late).toBeGreaterThan(0);
    expect(seen.duplicates).toBeGreaterThan(0);
    expect(seen.contactsEvicted).toBeGreaterThan(0);
    expect(seen.eventsEvicted).toBeGreaterThan(0);
  });

  it('catches a memory that forgets contacts', () => {
    class Forgetful extends PlainEntityMemory {
      override isFirstContact(): boolean {
        return true;
      }
    }
    expect(() => sameAsPlain((policy) => new Forgetful(policy), 150, undefined, false)).toThrow();
  });
});
