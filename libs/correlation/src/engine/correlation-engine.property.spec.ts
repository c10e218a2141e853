import type { AlertV1 } from '@vigil/contracts';
import fc from 'fast-check';
import {
  LATENESS_MS,
  advisoryRules,
  drain,
  fixedClock,
  ids,
  inArrivalOrder,
  runToEnd,
  shuffledKeepingContactOrder,
} from '../../test/entity-events';
import { scenarioArb } from '../../test/scenarios';
import { CorrelationEngine } from './correlation-engine';

const confirmedIds = (alerts: readonly AlertV1[]) => ids(alerts.filter((a) => a.stage === 'confirmed'));

describe(CorrelationEngine.name, () => {
  it('never changes the set of confirmed alert ids when arrival order is permuted within the allowed lateness', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (scenario, seed) => {
        const expected = confirmedIds(runToEnd(inArrivalOrder(scenario)).alerts);
        let state = seed;
        const random = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) | 0) >>> 0) / 4_294_967_296;
        // Contacts of one subscriber with one number in their own order: see shuffledKeepingContactOrder, and the
        // spec of the first-contact rules for what happens when a later call overtakes an earlier one.
        const shuffled = runToEnd(shuffledKeepingContactOrder(scenario, random, LATENESS_MS));
        expect(shuffled.late).toEqual([]);
        expect(confirmedIds(shuffled.alerts)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('yields the same alerts after a snapshot and restore at any point as without interruption', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 1, noNaN: true }), (scenario, at) => {
        const events = inArrivalOrder(scenario);
        const uninterrupted = runToEnd(events).alerts;
        const cut = Math.floor(at * events.length);
        let engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
        const alerts: AlertV1[] = [];
        events.forEach((event, i) => {
          if (i === cut) {
            const bytes = engine.snapshot();
            engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
            engine.restore(bytes);
          }
          alerts.push(...engine.process(event).alerts);
        });
        alerts.push(...drain(engine));
        // Alerts of different entities that time out on one watermark advance have no promised order (the restored
        // engine rebuilds its entity table); each alert and its content must match.
        expect(byIdentity(alerts)).toEqual(byIdentity(uninterrupted));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps each entity within its bounds under adversarial input', () => {
    const bounds = {
      maxContactsPerEntity: 64,
      maxBufferedEventsPerEntity: 32,
      maxThresholdEventsPerRule: 128,
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 5_000 }),
        fc.integer({ min: 1, max: 20 }),
        (recipients, spreadMs) => {
          const engine = new CorrelationEngine(advisoryRules(), bounds, fixedClock);
          const base = Date.parse('2025-03-01T10:00:00Z');
          let max = { contacts: 0, bufferedEvents: 0, partialMatches: 0, thresholdEvents: 0 };
          for (let i = 0; i < recipients; i++) {
            const occurredAt = new Date(base + i * spreadMs).toISOString();
            const common = {
              sourceEventId: `e${i}`,
              occurredAt,
              ingestedAt: occurredAt,
              counterparty: `77${1e9 + i}`,
            };
            engine.process({
              ...common,
              eventId: `e${i}:sms_sent`,
              sourceTopic: 'telco.sms.v1',
              entity: 'sender:FLOOD',
              kind: 'sms_sent',
              features: { hasUrl: true },
            });
            engine.process({
              ...common,
              eventId: `e${i}:transfer_out`,
              sourceTopic: 'telco.payments.v1',
              entity: 'msisdn:77010000001',
              kind: 'transfer_out',
              amount: 1,
              features: {},
            });
            for (const entity of ['sender:FLOOD', 'msisdn:77010000001']) {
              const f = engine.footprint(entity);
              if (f)
                max = {
                  contacts: Math.max(max.contacts, f.contacts),
                  bufferedEvents: Math.max(max.bufferedEvents, f.bufferedEvents),
                  partialMatches: Math.max(max.partialMatches, f.partialMatches),
                  thresholdEvents: Math.max(max.thresholdEvents, f.thresholdEvents),
                };
            }
          }
          expect(max.contacts).toBeLessThanOrEqual(64);
          expect(max.bufferedEvents).toBeLessThanOrEqual(32);
          expect(max.partialMatches).toBeLessThanOrEqual(32);
          // Pending events plus a window that holds fewer than `atLeast` (50) distinct recipients.
          expect(max.thresholdEvents).toBeLessThanOrEqual(128 + 50);
          const evictions = engine.stats().evictions;
          expect(evictions.contacts + evictions.bufferedEvents).toBeGreaterThan(0);
        },
      ),
      { numRuns: 5 },
    );
  });

  it('keeps a flooding sender within bounds over a million distinct recipients', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    const base = Date.parse('2025-03-01T10:00:00Z');
    let maxHeld = 0;
    const event = {
      sourceTopic: 'telco.sms.v1' as const,
      entity: 'sender:FLOOD',
      kind: 'sms_sent' as const,
      features: { hasUrl: true },
    };
    for (let i = 0; i < 1_000_000; i++) {
      const occurredAt = new Date(base + i).toISOString();
      engine.process({
        ...event,
        eventId: `e${i}`,
        sourceEventId: `e${i}`,
        occurredAt,
        ingestedAt: occurredAt,
        counterparty: `77${1e9 + i}`,
      });
      if ((i & 1023) === 0)
        maxHeld = Math.max(maxHeld, engine.footprint('sender:FLOOD')?.thresholdEvents ?? 0);
    }
    expect(maxHeld).toBeLessThanOrEqual(1_024 + 50);
    expect(engine.stats().alertsEmitted).toBeGreaterThan(0);
  }, 60_000);
});

function byIdentity(alerts: AlertV1[]): AlertV1[] {
  const identity = (alert: AlertV1): string => `${alert.alertId}|${alert.stage}`;
  return [...alerts].sort((a, b) => identity(a).localeCompare(identity(b)));
}
