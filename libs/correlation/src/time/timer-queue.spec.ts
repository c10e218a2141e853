import fc from 'fast-check';
import { TimerQueue } from './timer-queue';

type Operation = { push: number } | { pop: true };

describe(TimerQueue.name, () => {
  it('pops in time order, equal times in push order, under any interleaving of pushes and pops', () => {
    const operation = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 20_000 }) }),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations: Operation[]) => {
        const queue = new TimerQueue<number>();
        const reference: { time: number; id: number }[] = [];
        let id = 0;
        for (const op of operations) {
          if ('push' in op) {
            queue.push(op.push, id);
            reference.push({ time: op.push, id: id++ });
            continue;
          }
          reference.sort((a, b) => a.time - b.time || a.id - b.id);
          const expected = reference.shift();
          expect(queue.peekTime()).toBe(expected?.time ?? Infinity);
          if (expected !== undefined) expect(queue.pop()).toBe(expected.id);
        }
        expect(queue.size).toBe(reference.length);
      }),
    );
  });

  it('is empty after clear', () => {
    const queue = new TimerQueue<string>();
    queue.push(5_000, 'a');
    queue.push(1, 'b');
    queue.clear();
    expect(queue.peekTime()).toBe(Infinity);
    expect(queue.size).toBe(0);
  });
});
