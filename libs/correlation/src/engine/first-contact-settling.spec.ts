import type { EntityEventV1 } from '@vigil/contracts';
import { MINUTE, T0, advisoryRules, ev, fixedClock, summary } from '../../test/entity-events';
import { CorrelationEngine } from './correlation-engine';

const DAY = 24 * 60 * MINUTE;
const RELATIVE = '77771723504';

/** A relative calls, then the subscriber sends them money: a scam only if the number is new to the subscriber. */
const callThenTransfer = (): EntityEventV1[] => [
  ev('c1', 'call_in', 0, {
    counterparty: RELATIVE,
    counterpartyClass: 'home_msisdn',
    answered: true,
    durationSec: 99,
  }).event,
  ev('x1', 'transfer_out', 5, { counterparty: RELATIVE, counterpartyClass: 'home_msisdn', amount: 9500 })
    .event,
];
/** The subscriber called the relative the day before, from another input partition that is drained later. */
const callTheDayBefore = ev('k1', 'call_out', -DAY / MINUTE, {
  counterparty: RELATIVE,
  counterpartyClass: 'home_msisdn',
  answered: true,
  durationSec: 186,
}).event;

/** Event time every source has reached: three days before the scenario, as early in a backlog's drain. */
function drainingBacklog(): CorrelationEngine {
  const engine = new CorrelationEngine(advisoryRules(), { selfWatermark: false }, fixedClock);
  engine.advanceEventTime(T0 - 3 * DAY);
  return engine;
}

describe('first-contact answers of events ahead of event time', () => {
  it('holds a match until the watermark passes it, and drops it when an earlier contact arrived meanwhile', () => {
    const engine = drainingBacklog();
    for (const event of callThenTransfer()) expect(engine.process(event).alerts).toEqual([]);
    expect(engine.process(callTheDayBefore).lateEvents).toEqual([]);
    expect(summary(engine.advanceEventTime(T0 + 60 * MINUTE).alerts)).toEqual([]);
  });

  it('reports the held match once the watermark passes it when no earlier contact turned up (benign twin)', () => {
    const engine = drainingBacklog();
    for (const event of callThenTransfer()) expect(engine.process(event).alerts).toEqual([]);
    expect(summary(engine.advanceEventTime(T0 + 60 * MINUTE).alerts)).toEqual([
      'relative_in_trouble/confirmed/high',
    ]);
  });

  it('keeps a held match across a snapshot and restore', () => {
    const engine = drainingBacklog();
    for (const event of callThenTransfer()) engine.process(event);
    const restored = new CorrelationEngine(advisoryRules(), { selfWatermark: false }, fixedClock);
    restored.restore(engine.snapshot());
    expect(summary(restored.advanceEventTime(T0 + 60 * MINUTE).alerts)).toEqual([
      'relative_in_trouble/confirmed/high',
    ]);
  });

  it('reports a live match at once: its events are not ahead of event time', () => {
    const engine = new CorrelationEngine(advisoryRules(), { selfWatermark: false }, fixedClock);
    engine.advanceEventTime(T0 + 6 * MINUTE);
    const alerts = callThenTransfer().flatMap((event) => engine.process(event).alerts);
    expect(summary(alerts)).toEqual(['relative_in_trouble/confirmed/high']);
  });
});
