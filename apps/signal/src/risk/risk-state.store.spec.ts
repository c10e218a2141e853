import { subscriberRiskV1, type SubscriberRiskV1 } from '@vigil/contracts';
import { openPrizeCodeTheft } from '@vigil/contracts/testing';
import { RiskStateStore } from './risk-state.store';

const VICTIM = 'msisdn:77010000001';

function state(fields: Partial<SubscriberRiskV1>): SubscriberRiskV1 {
  return {
    subscriber: VICTIM,
    partition: 2,
    updatedAt: '2026-03-01T10:05:01.000Z',
    eventTime: '2026-03-01T10:05:00.000Z',
    openPatterns: [openPrizeCodeTheft()],
    endedPatterns: [],
    ...fields,
  };
}

const bytes = (value: SubscriberRiskV1) => subscriberRiskV1.serialize(value);

describe(RiskStateStore.name, () => {
  it('answers the latest state of a subscriber, as fresh as its record or its partition heartbeat', () => {
    const store = new RiskStateStore();
    store.apply(VICTIM, bytes(state({})));
    expect(store.view(VICTIM).openPatterns).toHaveLength(1);
    expect(store.view(VICTIM).stateAsOfMs).toBe(Date.parse('2026-03-01T10:05:01.000Z'));
    store.apply(
      '__partition__',
      bytes(state({ subscriber: '__partition__', openPatterns: [], updatedAt: '2026-03-01T10:06:00.000Z' })),
    );
    expect(store.view(VICTIM).stateAsOfMs).toBe(Date.parse('2026-03-01T10:06:00.000Z'));
  });

  it('forgets a subscriber whose state emptied, or on a tombstone', () => {
    const store = new RiskStateStore();
    store.apply(VICTIM, bytes(state({})));
    store.apply(VICTIM, bytes(state({ openPatterns: [] })));
    expect(store.size).toBe(0);
    store.apply(VICTIM, bytes(state({})));
    store.apply(VICTIM, null);
    expect(store.view(VICTIM).openPatterns).toEqual([]);
  });

  it('leaves out an open pattern whose window its partition event time has passed (a lost ending)', () => {
    const store = new RiskStateStore();
    store.apply(VICTIM, bytes(state({})));
    store.apply(
      '__partition__',
      bytes(state({ subscriber: '__partition__', openPatterns: [], eventTime: '2026-03-01T10:40:00.000Z' })),
    );
    expect(store.view(VICTIM).openPatterns).toEqual([]);
  });

  it('ignores a record that is not a valid risk state', () => {
    const store = new RiskStateStore();
    expect(store.apply(VICTIM, Buffer.from('{"subscriber":"msisdn:1"}'))).toBe(false);
    expect(store.apply(VICTIM, Buffer.from('not json'))).toBe(false);
    expect(store.size).toBe(0);
  });

  it('is not caught up, and as fresh as the stalest heartbeat for a subscriber without state', () => {
    const store = new RiskStateStore();
    expect(store.caughtUp).toBe(false);
    store.markCaughtUp(1_000);
    expect(store.caughtUp).toBe(true);
    expect(store.view(VICTIM).stateAsOfMs).toBe(1_000);
    for (const [partition, at] of [
      [0, '2026-03-01T10:06:00.000Z'],
      [1, '2026-03-01T10:05:00.000Z'],
    ] as const)
      store.apply(
        '__partition__',
        bytes(state({ subscriber: '__partition__', partition, openPatterns: [], updatedAt: at })),
      );
    expect(store.view('msisdn:77019999999').stateAsOfMs).toBe(Date.parse('2026-03-01T10:05:00.000Z'));
  });
});
