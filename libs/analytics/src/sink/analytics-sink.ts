import { ContractError, alertV1, entityEventV1 } from '@vigil/contracts';
import { type SqlExecutor, quoteIdentifier } from '@vigil/clickhouse';
import type { PartitionBatch } from '@vigil/kafka';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toAlertRow } from '../rows/alert-row';
import { toEntityEventRow } from '../rows/entity-event-row';
import { type SinkTable, analyticsTables } from '../schema/analytics-tables';
import { analyticsSinkErrorCodes } from './analytics-sink.errors';
import { type AnalyticsSinkOptions, analyticsSinkDefaults } from './analytics-sink.options';
import { TableBuffer } from './table-buffer';

/** The part of a consumed partition batch the sink uses (the shared adapter's PartitionBatch satisfies it). */
export type SinkBatch = Pick<PartitionBatch, 'topic' | 'partition' | 'records' | 'deadLetter' | 'heartbeat'>;

/** Observations the app turns into metrics and logs. */
export interface AnalyticsSinkListener {
  onInserted?(table: SinkTable, rows: number, durationMs: number): void;
  onInsertFailed?(table: SinkTable, rows: number, error: Error): void;
  onRejected?(table: SinkTable, reasonCode: string): void;
}

export interface AnalyticsSinkDependencies {
  executor: SqlExecutor;
  pseudonyms: SubscriberPseudonymizer;
  listener?: AnalyticsSinkListener;
}

/**
 * Transport-free core of the analytics sink: decodes entity events and alerts, pseudonymizes them, buffers rows per
 * table and inserts them in large batches. A batch handler resolves only after the insert holding all its rows
 * succeeded, so the consumer commits nothing that is not in ClickHouse; when an insert fails, the handler rejects
 * with the executor's `retriable` error and the adapter pauses, backs off and redelivers. Redelivered rows are
 * harmless: every table and aggregate is keyed by message id.
 */
export class AnalyticsSink {
  private readonly buffers: Record<SinkTable, TableBuffer>;
  private readonly options: Required<AnalyticsSinkOptions>;

  constructor(
    private readonly deps: AnalyticsSinkDependencies,
    options: AnalyticsSinkOptions,
  ) {
    this.options = { ...analyticsSinkDefaults, ...options };
    const policy = {
      maxRows: this.options.maxRowsPerInsert,
      lingerMs: this.options.lingerMs,
      maxWaiters: this.options.maxConcurrentBatches,
    };
    const database = quoteIdentifier(this.options.database);
    const bufferFor = (table: SinkTable): TableBuffer =>
      new TableBuffer((rows) => this.insert(`${database}.${quoteIdentifier(table)}`, table, rows), policy);
    this.buffers = {
      [analyticsTables.entityEvents]: bufferFor(analyticsTables.entityEvents),
      [analyticsTables.alerts]: bufferFor(analyticsTables.alerts),
    };
  }

  /** Handles a batch of vigil.entity-events.v1; resolves once its rows are durable. */
  handleEntityEvents(batch: SinkBatch): Promise<void> {
    const rows: Record<string, unknown>[] = [];
    for (const record of batch.records) {
      try {
        rows.push(toEntityEventRow(entityEventV1.deserialize(record.value), this.deps.pseudonyms));
      } catch (error) {
        this.reject(
          batch,
          record,
          analyticsTables.entityEvents,
          analyticsSinkErrorCodes.INVALID_ENTITY_EVENT,
          error,
        );
      }
    }
    return this.awaitDurable(batch, this.buffers[analyticsTables.entityEvents].append(rows));
  }

  /** Handles a batch of vigil.alerts.v1; resolves once its rows are durable. */
  handleAlerts(batch: SinkBatch): Promise<void> {
    const rows: Record<string, unknown>[] = [];
    for (const record of batch.records) {
      try {
        rows.push(toAlertRow(alertV1.deserialize(record.value), this.deps.pseudonyms));
      } catch (error) {
        this.reject(batch, record, analyticsTables.alerts, analyticsSinkErrorCodes.INVALID_ALERT, error);
      }
    }
    return this.awaitDurable(batch, this.buffers[analyticsTables.alerts].append(rows));
  }

  /** Sends every buffered row and waits for inserts in flight (shutdown). */
  async drain(): Promise<void> {
    await Promise.all(Object.values(this.buffers).map((buffer) => buffer.drain()));
  }

  private reject(
    batch: SinkBatch,
    record: SinkBatch['records'][number],
    table: SinkTable,
    reasonCode: string,
    error: unknown,
  ): void {
    if (!(error instanceof ContractError)) throw error; // a bug, not bad input: never dead-letter it silently
    batch.deadLetter(record, { reasonCode, reason: error.problems.join('; ').slice(0, 500) });
    this.deps.listener?.onRejected?.(table, reasonCode);
  }

  // Keeps the group membership alive while the insert waits (an outage can last longer than the session timeout).
  private async awaitDurable(batch: SinkBatch, durable: Promise<void>): Promise<void> {
    let settled = false;
    const done = durable.finally(() => (settled = true));
    while (!settled) {
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, this.options.heartbeatIntervalMs)),
      );
      await Promise.race([done.catch(() => undefined), tick]);
      clearTimeout(timer);
      if (!settled) await batch.heartbeat().catch(() => undefined);
    }
    await done;
  }

  private async insert(
    qualifiedTable: string,
    table: SinkTable,
    rows: Record<string, unknown>[],
  ): Promise<void> {
    const started = performance.now();
    try {
      await this.deps.executor.insertRows(qualifiedTable, rows);
    } catch (error) {
      this.deps.listener?.onInsertFailed?.(table, rows.length, error as Error);
      throw error;
    }
    this.deps.listener?.onInserted?.(table, rows.length, performance.now() - started);
  }
}
