/** Sends one insert of rows to one table; rejects with a `retriable` error when the database is unavailable. */
export type InsertRows<Row = Record<string, unknown>> = (rows: Row[], rowCount: number) => Promise<void>;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** Triggers of a TableBuffer (see AnalyticsSinkOptions for units and defaults). */
export interface TableBufferPolicy {
  maxRows: number;
  lingerMs: number;
  maxWaiters: number;
  /**
   * With `lingerMs` 0: true while rows handed over together with those buffered are still on their way (being
   * decoded); the insert then waits for them, checked again every turn of the event loop.
   */
  moreOnTheWay?: () => boolean;
}

/**
 * Rows for one table from several batches, sent as one insert when the buffer is full, when every batch the
 * consumer can have in flight is waiting, or when the oldest row has lingered long enough (`lingerMs` 0: once the
 * batches handed over together are all in: those appended in the same turn of the event loop, and those that
 * `moreOnTheWay` says are still being decoded). Each `append` resolves only once an insert containing its rows
 * succeeded, and rejects if that insert failed: the caller's batch is then redelivered whole, never committed. An
 * item is whatever the insert takes: a row object, or a chunk of encoded rows (then `append` says how many rows
 * its items hold).
 */
export class TableBuffer<Row = Record<string, unknown>> {
  private rows: Row[] = [];
  private rowCount = 0;
  private waiters: Waiter[] = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly insert: InsertRows<Row>,
    private readonly policy: TableBufferPolicy,
  ) {}

  /** Buffers rows (items holding `rowCount` rows); resolves once they are durable in the table. */
  append(rows: Row[], rowCount = rows.length): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    for (const row of rows) this.rows.push(row);
    this.rowCount += rowCount;
    if (this.rowCount >= this.policy.maxRows || this.waiters.length >= this.policy.maxWaiters) {
      this.flush();
    } else if (this.policy.lingerMs > 0) {
      this.lingerTimer ??= setTimeout(() => this.flush(), this.policy.lingerMs);
    } else {
      this.immediate ??= setImmediate(() => this.flushUnlessMoreOnTheWay());
    }
    return durable;
  }

  /** Sends whatever is buffered now and waits for every insert in flight. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  get bufferedRows(): number {
    return this.rowCount;
  }

  private flushUnlessMoreOnTheWay(): void {
    if (this.policy.moreOnTheWay?.()) {
      this.immediate = setImmediate(() => this.flushUnlessMoreOnTheWay());
    } else {
      this.flush();
    }
  }

  private flush(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    if (this.immediate) clearImmediate(this.immediate);
    this.lingerTimer = undefined;
    this.immediate = undefined;
    if (this.rows.length === 0) return;
    const rows = this.rows;
    const rowCount = this.rowCount;
    const waiters = this.waiters;
    this.rows = [];
    this.rowCount = 0;
    this.waiters = [];
    const sending = this.insert(rows, rowCount).then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }
}
