import type { SimulatedRecord } from '@vigil/simulation';
import { defaultStartMs, dueAtMs } from './traffic-pacing';

const record = (deliverAtMs: number): SimulatedRecord => ({
  deliverAtMs,
  topic: 'payments',
  key: '77011234567',
  value: {
    eventId: 'p1',
    occurredAt: '2025-06-01T00:00:00.000Z',
    type: 'topup',
    msisdn: '77011234567',
    amount: 1000,
    currency: 'KZT',
    channel: 'voucher',
  },
});

describe('traffic pacing', () => {
  it('spaces records evenly at a fixed rate', () => {
    expect(dueAtMs({ mode: 'rate', eventsPerSecond: 200 }, record(0), 100, 1_000, 0)).toBe(1_500);
  });

  it('scales simulated delivery time by the speed factor', () => {
    expect(dueAtMs({ mode: 'speed', factor: 60 }, record(3_600_000), 5, 1_000, 0)).toBe(61_000);
  });

  it('never waits as fast as possible', () => {
    expect(dueAtMs({ mode: 'as-fast-as-possible' }, record(10), 1, 0, 0)).toBeUndefined();
  });

  it('starts early enough that simulated time never overtakes the wall clock', () => {
    const nowMs = 1_000_000_000_000;
    const durationMs = 6 * 3_600_000;
    const factor = 60;
    const startMs = defaultStartMs({ mode: 'speed', factor }, durationMs, nowMs);
    // At the end of the span (plus 1 h of follow-ups), wall time has moved on by span / factor.
    const spanMs = durationMs + 3_600_000;
    expect(startMs + spanMs).toBeLessThanOrEqual(nowMs + spanMs / factor);
    expect(defaultStartMs({ mode: 'as-fast-as-possible' }, durationMs, nowMs) + spanMs).toBeLessThanOrEqual(
      nowMs,
    );
  });
});
