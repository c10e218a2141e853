import { DeliveryQueue } from './delivery-queue';
import type { SimulatedRecord } from './simulation.types';
import { SeededRandom } from './random';

const record = (deliverAtMs: number, eventId: string): SimulatedRecord => ({
  deliverAtMs,
  topic: 'sms',
  key: '2000',
  value: { eventId, occurredAt: '2025-06-01T00:00:00.000Z', sender: '2000', recipient: '77011234567' },
});

describe(DeliveryQueue.name, () => {
  it('pops records by delivery time, ties in insertion order', () => {
    const queue = new DeliveryQueue();
    const random = new SeededRandom(5);
    const pushed = Array.from({ length: 500 }, (_, i) => record(random.int(0, 50), `e${i}`));
    pushed.forEach((r) => queue.push(r));
    const popped: SimulatedRecord[] = [];
    for (let r = queue.pop(); r !== undefined; r = queue.pop()) popped.push(r);
    const expected = [...pushed].sort(
      (a, b) =>
        a.deliverAtMs - b.deliverAtMs || Number(a.value.eventId.slice(1)) - Number(b.value.eventId.slice(1)),
    );
    expect(popped).toEqual(expected);
    expect(queue.peekTime()).toBe(Infinity);
  });
});

describe(SeededRandom.name, () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(a.int(3, 5)).toBe(b.int(3, 5));
    }
    expect(SeededRandom.derive(7, 'a').next()).not.toBe(SeededRandom.derive(7, 'b').next());
  });
});
