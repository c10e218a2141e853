/** Sends one insert of rows to one table; rejects with a `retriable` error when the database is unavailable. */
export type InsertRows = (rows: Record<string, unknown>[]) => Promise<void>;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** Triggers of a TableBuffer (see AnalyticsSinkOptions for units and defaults). */
export interface TableBufferPolicy {
  maxRows: number;
  lingerMs: number;
  maxWaiters: number;
}

/**
 * Rows for one table from several batches, sent as one insert when the buffer is full, when every batch the
 * consumer can have in flight is waiting, or when the oldest row has lingered long enough. Each `append` resolves
 * only once an insert containing its rows succeeded, and rejects if that insert failed: the caller's batch is then
 * redelivered whole, never committed.
 */
export class TableBuffer {
  private rows: Record<string, unknown>[] = [];
  private waiters: Waiter[] = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly insert: InsertRows,
    private readonly policy: TableBufferPolicy,
  ) {}

  /** Buffers rows; resolves once they are durable in the table. */
  append(rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    for (const row of rows) this.rows.push(row);
    if (this.rows.length >= this.policy.maxRows || this.waiters.length >= this.policy.maxWaiters) {
      this.flush();
    } else {
      this.lingerTimer ??= setTimeout(() => this.flush(), this.policy.lingerMs);
    }
    return durable;
  }

  /** Sends whatever is buffered now and waits for every insert in flight. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  get bufferedRows(): number {
    return this.rows.length;
  }

  private flush(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.rows.length === 0) return;
    const rows = this.rows;
    const waiters = this.waiters;
    this.rows = [];
    this.waiters = [];
    const sending = this.insert(rows).then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }
}
