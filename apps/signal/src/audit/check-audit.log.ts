import { Logger } from '@nestjs/common';
import { analyticsTables, SubscriberPseudonymizer } from '@vigil/analytics';
import type { SqlExecutor } from '@vigil/clickhouse';
import { randomUUID } from 'node:crypto';
import { signalMetrics } from '../signal.metrics';

/** One check as the audit keeps it. */
export interface CheckAuditEntry {
  clientId: string;
  purpose: string;
  /** The number asked about (E.164), or undefined when the request did not carry a valid one. */
  phoneNumber: string | undefined;
  status: number;
  /** A risk level, or the error code of a refused check. */
  outcome: string;
  riskLevel: string;
  openPatterns: readonly { typology: string; stage: string }[];
  stateAsOf: string | undefined;
  checkedAt: string;
}

type AuditRow = Record<string, string | number>;

/**
 * The audit trail of every check an authenticated client made (`scam_signal_checks` in ClickHouse): client,
 * declared purpose, the keyed hash of the number, the answer, the time. Rows are written in batches at least every
 * flush interval; a failed write keeps its rows for the next one. While too many rows wait, `accepting` is false and
 * checks are refused, so an answer is never given that the audit may not hold for long.
 */
export class CheckAuditLog {
  private readonly logger = new Logger(CheckAuditLog.name);
  private pending: AuditRow[] = [];
  private writing: Promise<void> | undefined;
  private timer?: NodeJS.Timeout;
  private lastWriteOk = true;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly table: string,
    private readonly pseudonyms: SubscriberPseudonymizer,
    private readonly options: { flushIntervalMs: number; maxPending: number },
  ) {}

  static tableIn(database: string): string {
    return `${database}.${analyticsTables.scamSignalChecks}`;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  get accepting(): boolean {
    return this.pending.length < this.options.maxPending;
  }

  get healthy(): boolean {
    return this.lastWriteOk && this.accepting;
  }

  record(entry: CheckAuditEntry): void {
    const number = entry.phoneNumber;
    this.pending.push({
      check_id: randomUUID(),
      checked_at: entry.checkedAt,
      client_id: entry.clientId,
      purpose: entry.purpose,
      subscriber_key: number === undefined ? '' : this.pseudonyms.hashNumber(number),
      subscriber_display: number === undefined ? '' : SubscriberPseudonymizer.mask(number),
      status: entry.status,
      outcome: entry.outcome,
      risk_level: entry.riskLevel,
      open_patterns: entry.openPatterns.length === 0 ? '[]' : JSON.stringify(entry.openPatterns),
      state_as_of: entry.stateAsOf ?? entry.checkedAt,
    });
    signalMetrics.auditPending.set(this.pending.length);
  }

  /** Writes what is pending (one write at a time); resolves when that write has ended, however it ended. */
  async flush(): Promise<void> {
    if (this.writing !== undefined) return this.writing;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.writing = this.executor
      .insertRows(this.table, rows)
      .then(() => {
        this.lastWriteOk = true;
      })
      .catch((error: unknown) => {
        this.lastWriteOk = false;
        this.pending = rows.concat(this.pending);
        signalMetrics.auditFailures.inc();
        this.logger.warn({
          msg: 'audit write failed; rows kept',
          rows: rows.length,
          error: (error as Error).message,
        });
      })
      .finally(() => {
        this.writing = undefined;
        signalMetrics.auditPending.set(this.pending.length);
      });
    return this.writing;
  }

  /** Stops the timer and writes everything pending (shutdown, after the server stopped taking checks). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (let attempt = 0; attempt < 3 && (this.pending.length > 0 || this.writing); attempt++) {
      await this.writing;
      await this.flush();
    }
    if (this.pending.length > 0)
      this.logger.error({ msg: 'audit rows not written at shutdown', rows: this.pending.length });
  }
}
