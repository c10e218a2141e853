import type { ClickHouseClient } from '@clickhouse/client';
import { quoteIdentifier, quoteNumber, quoteString, toClickHouseError } from '@vigil/clickhouse';
import { analyticsTables } from '@vigil/analytics';
import { STORED_EVENT_COLUMNS } from './stored-entity-event';

/** A half-open range of event time, ms since epoch. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/**
 * The entities whose stored key lies in [fromKey, toKey) (no bound when absent): a back-test replays each such
 * partition through engines of its own, as the correlator has one engine per input partition.
 */
export interface EntityKeyRange {
  fromKey?: string;
  toKey?: string;
}

/** How stored entity events are split into entity partitions. */
export interface EntityPartitionOptions {
  /** Fewest partitions, so that as many engines can run side by side. Default 1. */
  minPartitions?: number;
  /** Most events one partition's query sorts: bounds the server's sort. Default 1_000_000. */
  maxEventsPerPartition?: number;
}

const DEFAULT_MAX_EVENTS_PER_PARTITION = 1_000_000;
// Stored keys are hex digests: boundaries of four hex digits split them evenly (any other key still falls in one).
const KEY_SPACE = 0x10000;
const KEY_DIGITS = 4;

/**
 * Reads stored entity events from ClickHouse in the order their records could first exist (a call record at the
 * call's end, as ingest delivered it), which is the order one correlator source delivers them in: no event is late
 * for the engine's own watermark. Reads `database.entity_events`, which on a cluster is the Distributed table over
 * every shard (the server merges the shards' sorted streams). An entity partition is a range of the table's primary
 * key, so its query reads only its own part of the table and sorts only its own events.
 */
export class StoredEntityEventsReader {
  private readonly table: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
  ) {
    this.table = `${quoteIdentifier(database)}.${quoteIdentifier(analyticsTables.entityEvents)}`;
  }

  /** The event-time span of the stored events (ms), or undefined when none are stored. */
  async storedSpan(): Promise<TimeRange | undefined> {
    const rows = await this.rows(
      `SELECT toUInt32(min(occurred_at)), toUInt32(max(occurred_at)), count() FROM ${this.table}`,
    );
    const [min, max, count] = rows[0] ?? [];
    if (count === undefined || count === '0') return undefined;
    return { fromMs: Number(min) * 1000, toMs: (Number(max) + 1) * 1000 };
  }

  /** Events whose records existed in `range` (whole seconds). */
  async count(range: TimeRange): Promise<number> {
    const longestCallSec = await this.longestCallSec(range);
    const rows = await this.rows(
      `SELECT count() FROM ${this.table} WHERE ${this.existedIn(range, longestCallSec)}`,
    );
    return Number(rows[0]?.[0] ?? 0);
  }

  /** Consecutive key ranges covering every entity, each holding about `events / partitions` of them. */
  partitions(events: number, options: EntityPartitionOptions = {}): EntityKeyRange[] {
    const maxEvents = options.maxEventsPerPartition ?? DEFAULT_MAX_EVENTS_PER_PARTITION;
    const count = Math.min(KEY_SPACE, Math.max(options.minPartitions ?? 1, Math.ceil(events / maxEvents), 1));
    const boundary = (index: number): string =>
      Math.floor((index * KEY_SPACE) / count)
        .toString(16)
        .padStart(KEY_DIGITS, '0');
    return Array.from({ length: count }, (_, index) => ({
      ...(index > 0 && { fromKey: boundary(index) }),
      ...(index < count - 1 && { toKey: boundary(index + 1) }),
    }));
  }

  /**
   * The events of one entity partition whose records existed in `range` (whole seconds), in that order, as
   * TabSeparated rows of `STORED_EVENT_COLUMNS` (see `StoredRowDecoder`) in chunks as they arrive. Stored copies of
   * one event (a replay before the table merged them) are adjacent.
   */
  async *readRows(range: TimeRange, partition: EntityKeyRange): AsyncGenerator<Uint8Array> {
    const longestCallSec = await this.longestCallSec(range);
    const keys = [
      ...(partition.fromKey === undefined ? [] : [`entity_key >= ${quoteString(partition.fromKey)}`]),
      ...(partition.toKey === undefined ? [] : [`entity_key < ${quoteString(partition.toKey)}`]),
    ];
    const query =
      `SELECT ${STORED_EVENT_COLUMNS.join(', ')} FROM ${this.table} ` +
      `WHERE ${[...keys, this.existedIn(range, longestCallSec)].join(' AND ')} ` +
      'ORDER BY toUInt32(occurred_at) + duration_sec, occurred_ms, event_id FORMAT TabSeparated';
    let stream: AsyncIterable<Uint8Array>;
    try {
      stream = (await this.client.exec({ query })).stream;
    } catch (error) {
      throw toClickHouseError(error);
    }
    try {
      for await (const chunk of stream) yield chunk;
    } catch (error) {
      throw toClickHouseError(error);
    }
  }

  // Selects by existence time (start + duration); calls that existed in the range may have started up to the
  // longest stored call earlier, so the scan starts that much before it (partition pruning on occurred_at).
  private existedIn(range: TimeRange, longestCallSec: number): string {
    const from = Math.floor(range.fromMs / 1000);
    const to = Math.floor(range.toMs / 1000);
    const existsAt = 'toUInt32(occurred_at) + duration_sec';
    return (
      `occurred_at >= toDateTime(${quoteNumber(Math.max(0, from - longestCallSec))}) ` +
      `AND occurred_at < toDateTime(${quoteNumber(to)}) ` +
      `AND ${existsAt} >= ${quoteNumber(from)} AND ${existsAt} < ${quoteNumber(to)}`
    );
  }

  private async longestCallSec(range: TimeRange): Promise<number> {
    const rows = await this.rows(
      `SELECT max(duration_sec) FROM ${this.table} ` +
        `WHERE occurred_at >= toDateTime(${quoteNumber(Math.max(0, Math.floor(range.fromMs / 1000) - 86_400))}) ` +
        `AND occurred_at < toDateTime(${quoteNumber(Math.ceil(range.toMs / 1000))})`,
    );
    return Number(rows[0]?.[0] ?? 0);
  }

  private async rows(query: string): Promise<string[][]> {
    try {
      const resultSet = await this.client.query({ query, format: 'TabSeparated' });
      const text = await resultSet.text();
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\t'));
    } catch (error) {
      throw toClickHouseError(error);
    }
  }
}
