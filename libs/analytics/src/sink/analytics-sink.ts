import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  ContractError,
  type EntityEventV1,
  alertV1,
  blocklistProposalV1,
  isWatermarkRecord,
  networkFindingV1,
} from '@vigil/contracts';
import { type SqlExecutor, quoteIdentifier } from '@vigil/clickhouse';
import type { PartitionBatch } from '@vigil/kafka';
import type { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { toAlertRow } from '../rows/alert-row';
import { toBlocklistDecisionRow } from '../rows/blocklist-decision-row';
import { toNetworkFindingRow } from '../rows/network-finding-row';
import {
  ENTITY_EVENT_COLUMNS,
  type EntityEventRow,
  entityEventTsvLine,
  toEntityEventRow,
} from '../rows/entity-event-row';
import { type SinkTable, analyticsTables } from '../schema/analytics-tables';
import { analyticsSinkErrorCodes } from './analytics-sink.errors';
import { type AnalyticsSinkOptions, analyticsSinkDefaults } from './analytics-sink.options';
import { decodeEntityEvent } from './entity-event-decoder';
import { supportsTabSeparated } from './tab-separated-insert';
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

const TSV_CHUNK_CHARS = 65_536;
const DECODE_SLICE_RECORDS = 2_048; // ~15 ms of decoding between turns of the event loop

/**
 * Transport-free core of the analytics sink: decodes entity events and alerts, pseudonymizes them, buffers rows per
 * table and inserts them in large batches. A batch handler resolves only after the insert holding all its rows
 * succeeded, so the consumer commits nothing that is not in ClickHouse; when an insert fails, the handler rejects
 * with the executor's `retriable` error and the adapter pauses, backs off and redelivers. Redelivered rows are
 * harmless: every table and aggregate is keyed by message id.
 */
export class AnalyticsSink {
  // entity_events, the hot table, buffers TabSeparated chunks when the executor takes them (else row objects).
  private readonly entityEvents: TableBuffer<Buffer> | TableBuffer<EntityEventRow>;
  private readonly asTabSeparated: boolean;
  private readonly alerts: TableBuffer;
  private readonly networkFindings: TableBuffer;
  private readonly blocklistDecisions: TableBuffer;
  private readonly options: Required<AnalyticsSinkOptions>;
  private decoding: Promise<void> = Promise.resolve();
  private batchesDecoding = 0; // handed over, not yet decoded

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
    // Entity-event batches queued behind the one being decoded were handed over while it was: they join its insert.
    const eventsPolicy = { ...policy, moreOnTheWay: () => this.batchesDecoding > 0 };
    const qualified = (table: SinkTable): string =>
      `${quoteIdentifier(this.options.database)}.${quoteIdentifier(table)}`;
    const { executor } = deps;
    const events = analyticsTables.entityEvents;
    this.asTabSeparated = supportsTabSeparated(executor);
    if (supportsTabSeparated(executor)) {
      this.entityEvents = new TableBuffer<Buffer>(
        (chunks, rowCount) =>
          this.timed(events, rowCount, () =>
            executor.insertTabSeparated(qualified(events), ENTITY_EVENT_COLUMNS, chunks),
          ),
        eventsPolicy,
      );
    } else {
      this.entityEvents = new TableBuffer<EntityEventRow>(
        (rows) => this.timed(events, rows.length, () => executor.insertRows(qualified(events), rows)),
        eventsPolicy,
      );
    }
    const rowBuffer = (table: SinkTable): TableBuffer =>
      new TableBuffer(
        (rows) => this.timed(table, rows.length, () => executor.insertRows(qualified(table), rows)),
        policy,
      );
    this.alerts = rowBuffer(analyticsTables.alerts);
    this.networkFindings = rowBuffer(analyticsTables.networkFindings);
    this.blocklistDecisions = rowBuffer(analyticsTables.blocklistDecisions);
  }

  /** Handles a batch of vigil.entity-events.v1; resolves once its rows are durable. */
  async handleEntityEvents(batch: SinkBatch): Promise<void> {
    const { pseudonyms } = this.deps;
    if (!this.asTabSeparated) {
      const rows: EntityEventRow[] = [];
      await this.decodeInTurn(batch, (event) => rows.push(toEntityEventRow(event, pseudonyms)));
      return this.awaitDurable(batch, (this.entityEvents as TableBuffer<EntityEventRow>).append(rows));
    }
    // Rows go straight into UTF-8 chunks of ~64 KiB: no per-row string outlives a young-generation GC, and the
    // buffered batch sits outside the JS heap until its insert is acknowledged.
    const chunks: Buffer[] = [];
    let text = '';
    let rowCount = 0;
    await this.decodeInTurn(batch, (event) => {
      text += entityEventTsvLine(event, pseudonyms);
      rowCount += 1;
      if (text.length >= TSV_CHUNK_CHARS) {
        chunks.push(Buffer.from(text, 'utf8'));
        text = '';
      }
    });
    if (text.length > 0) chunks.push(Buffer.from(text, 'utf8'));
    return this.awaitDurable(batch, (this.entityEvents as TableBuffer<Buffer>).append(chunks, rowCount));
  }

  // One batch is decoded at a time, in slices with a turn of the event loop between them. Decoding is pure CPU on
  // the one JS thread, so running batches one after the other costs nothing and lets each reach its insert as
  // early as it can; the turns let the inserts already sent stream their bodies and take their answers meanwhile
  // (decoding a 16 MiB batch in one go blocked that I/O for ~0.3 s, measured as inserts acknowledged up to 2 s after
  // the server had finished them). A batch of at most one slice still decodes within the turn it was handed over
  // in, so small batches handed over together still share one insert.
  private decodeInTurn(batch: SinkBatch, emit: (event: EntityEventV1) => void): Promise<void> {
    this.batchesDecoding += 1;
    const decoded = this.decoding
      .then(() => this.decodeEntityEvents(batch, emit))
      .finally(() => (this.batchesDecoding -= 1));
    this.decoding = decoded.catch(() => undefined);
    return decoded;
  }

  // `emit` maps the event to its row inside the try, so a mapping failure is handled like a decoding one.
  private async decodeEntityEvents(batch: SinkBatch, emit: (event: EntityEventV1) => void): Promise<void> {
    const { records } = batch;
    for (let start = 0; start < records.length; start += DECODE_SLICE_RECORDS) {
      if (start > 0) await nextTurn();
      const end = Math.min(records.length, start + DECODE_SLICE_RECORDS);
      for (let index = start; index < end; index += 1) {
        const record = records[index];
        // Source watermarks share the topic: they order event time for the correlator and are no rows.
        if (isWatermarkRecord(record.headers)) continue;
        try {
          emit(decodeEntityEvent(record.value));
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
    }
  }

  /** Handles a batch of vigil.alerts.v1; resolves once its rows are durable. */
  handleAlerts(batch: SinkBatch): Promise<void> {
    const rows = this.rowsOf(batch, analyticsTables.alerts, analyticsSinkErrorCodes.INVALID_ALERT, (value) =>
      toAlertRow(alertV1.deserialize(value), this.deps.pseudonyms),
    );
    return this.awaitDurable(batch, this.alerts.append(rows));
  }

  /** Handles a batch of vigil.network-findings.v1 (every emitted version is a row); resolves once durable. */
  handleNetworkFindings(batch: SinkBatch): Promise<void> {
    const table = analyticsTables.networkFindings;
    const rows = this.rowsOf(batch, table, analyticsSinkErrorCodes.INVALID_NETWORK_FINDING, (value) =>
      toNetworkFindingRow(networkFindingV1.deserialize(value), this.deps.pseudonyms),
    );
    return this.awaitDurable(batch, this.networkFindings.append(rows));
  }

  /**
   * Handles a batch of vigil.blocklist-proposals.v1: each decided record becomes its audit row in
   * `blocklist_decisions` (the console wrote the same row before deciding; the two collapse). Pending records and
   * tombstones are no decisions.
   */
  handleBlocklistProposals(batch: SinkBatch): Promise<void> {
    const rows: Record<string, unknown>[] = [];
    for (const record of batch.records) {
      if (record.value === null || record.value.length === 0) continue;
      try {
        const proposal = blocklistProposalV1.deserialize(record.value);
        if (proposal.status === 'pending') continue;
        if (proposal.decidedBy === undefined || proposal.decidedAt === undefined) {
          // Schema-valid, but a decision nobody took at no time cannot be audited: the producer's bug to see.
          const reasonCode = analyticsSinkErrorCodes.INVALID_BLOCKLIST_PROPOSAL;
          batch.deadLetter(record, { reasonCode, reason: 'decided proposal without decidedBy or decidedAt' });
          this.deps.listener?.onRejected?.(analyticsTables.blocklistDecisions, reasonCode);
          continue;
        }
        rows.push(toBlocklistDecisionRow(proposal, this.deps.pseudonyms));
      } catch (error) {
        const table = analyticsTables.blocklistDecisions;
        this.reject(batch, record, table, analyticsSinkErrorCodes.INVALID_BLOCKLIST_PROPOSAL, error);
      }
    }
    return this.awaitDurable(batch, this.blocklistDecisions.append(rows));
  }

  /** Sends every buffered row and waits for inserts in flight (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([
      this.entityEvents.drain(),
      this.alerts.drain(),
      this.networkFindings.drain(),
      this.blocklistDecisions.drain(),
    ]);
  }

  /** The row of each record of a batch; a record that breaks its contract is dead-lettered with `reasonCode`. */
  private rowsOf(
    batch: SinkBatch,
    table: SinkTable,
    reasonCode: string,
    toRow: (value: SinkBatch['records'][number]['value']) => Record<string, unknown>,
  ): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    for (const record of batch.records) {
      try {
        rows.push(toRow(record.value));
      } catch (error) {
        this.reject(batch, record, table, reasonCode, error);
      }
    }
    return rows;
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

  private async timed(table: SinkTable, rows: number, insert: () => Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await insert();
    } catch (error) {
      this.deps.listener?.onInsertFailed?.(table, rows, error as Error);
      throw error;
    }
    this.deps.listener?.onInserted?.(table, rows, performance.now() - started);
  }
}
