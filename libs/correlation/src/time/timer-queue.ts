/** Width of a bucket of wake-ups, in ms of event time. */
const BUCKET_MS = 1_024;

/** The wake-ups of one bucket; those from `next` on are still queued. */
interface Bucket<T> {
  times: number[];
  entities: (T | undefined)[];
  next: number;
  /** Whether times[next..] are in ascending order. */
  sorted: boolean;
}

/**
 * (event time ms, entity state) wake-ups in time order, equal times in the order they were pushed.
 * Stale entries are tolerated: the owner compares the popped time with the entity's current wake time
 * and skips mismatches. Holding the state itself spares a lookup by key per wake-up.
 *
 * A million subscribers each have a wake-up pending; in one binary heap, every pop walked ~20 levels
 * of cache misses. Here wake-ups go to buckets of BUCKET_MS by time, a small heap orders the
 * buckets, and a bucket is sorted once, when it becomes the earliest.
 */
export class TimerQueue<T> {
  private readonly buckets = new Map<number, Bucket<T>>();
  /** Numbers of the non-empty buckets, a binary min-heap. */
  private order: number[] = [];
  /** The earliest bucket, sorted, while it has entries; undefined when it must be looked up again. */
  private head: Bucket<T> | undefined;
  /** The bucket pushed to last and its number: wake-ups pushed in a row mostly share one. */
  private lastNumber = NaN;
  private last: Bucket<T> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Earliest scheduled time, or Infinity when empty. */
  peekTime(): number {
    const head = this.head ?? this.earliest();
    return head === undefined ? Infinity : head.times[head.next];
  }

  push(timeMs: number, entity: T): void {
    const number = Math.floor(timeMs / BUCKET_MS);
    let bucket = number === this.lastNumber ? this.last : this.buckets.get(number);
    if (bucket === undefined) {
      bucket = { times: [], entities: [], next: 0, sorted: true };
      this.buckets.set(number, bucket);
      this.pushNumber(number);
      // A new earliest bucket replaces the head.
      if (this.order[0] === number) this.head = undefined;
    }
    this.lastNumber = number;
    this.last = bucket;
    const times = bucket.times;
    if (bucket.sorted && times.length > bucket.next && times[times.length - 1] > timeMs)
      bucket.sorted = false;
    times.push(timeMs);
    bucket.entities.push(entity);
    if (!bucket.sorted && bucket === this.head) this.head = undefined;
    this.count++;
  }

  /** Removes the earliest entry and returns its entity (call peekTime first). */
  pop(): T {
    const head = (this.head ?? this.earliest())!;
    const at = head.next++;
    const entity = head.entities[at]!;
    head.entities[at] = undefined;
    this.count--;
    if (head.next === head.times.length) this.head = undefined;
    return entity;
  }

  clear(): void {
    this.forgetLast();
    this.buckets.clear();
    this.order = [];
    this.head = undefined;
    this.count = 0;
  }

  /** Finds the earliest non-empty bucket, dropping spent ones, sorts it, and makes it the head. */
  private earliest(): Bucket<T> | undefined {
    while (this.order.length > 0) {
      const number = this.order[0];
      const bucket = this.buckets.get(number)!;
      if (bucket.next < bucket.times.length) {
        if (!bucket.sorted) sortQueued(bucket);
        this.head = bucket;
        return bucket;
      }
      this.buckets.delete(number);
      if (number === this.lastNumber) this.forgetLast();
      this.popNumber();
    }
    return undefined;
  }

  private forgetLast(): void {
    this.lastNumber = NaN;
    this.last = undefined;
  }

  private pushNumber(number: number): void {
    const order = this.order;
    let i = order.length;
    order.push(number);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (order[parent] <= number) break;
      order[i] = order[parent];
      i = parent;
    }
    order[i] = number;
  }

  private popNumber(): void {
    const order = this.order;
    const last = order.pop()!;
    const n = order.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && order[right] < order[left] ? right : left;
      if (order[child] >= last) break;
      order[i] = order[child];
      i = child;
    }
    order[i] = last;
  }
}

/** Sorts a bucket's queued entries by time, equal times keeping their push order; spent ones are dropped. */
function sortQueued<T>(bucket: Bucket<T>): void {
  const from = bucket.next;
  const positions: number[] = [];
  for (let i = from; i < bucket.times.length; i++) positions.push(i);
  const times = bucket.times;
  positions.sort((a, b) => times[a] - times[b] || a - b);
  bucket.times = positions.map((i) => times[i]);
  bucket.entities = positions.map((i) => bucket.entities[i]);
  bucket.next = 0;
  bucket.sorted = true;
}
