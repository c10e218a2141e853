import type { SimulatedRecord } from './simulation.types';

interface Entry {
  record: SimulatedRecord;
  seq: number;
}

/**
 * A binary min-heap of records by delivery time; ties keep insertion order, so the merged stream is
 * deterministic.
 */
export class DeliveryQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(record: SimulatedRecord): void {
    const heap = this.heap;
    heap.push({ record, seq: this.seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Delivery time of the next record; Infinity when empty. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0].record.deliverAtMs;
  }

  pop(): SimulatedRecord | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top.record;
  }
}

function before(a: Entry, b: Entry): boolean {
  return (
    a.record.deliverAtMs < b.record.deliverAtMs ||
    (a.record.deliverAtMs === b.record.deliverAtMs && a.seq < b.seq)
  );
}
