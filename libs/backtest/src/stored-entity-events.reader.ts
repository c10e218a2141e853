import type { ClickHouseClient } from '@clickhouse/client';
import type { EntityEventV1 } from '@vigil/contracts';
import { quoteIdentifier, quoteNumber, toClickHouseError } from '@vigil/clickhouse';
import { analyticsTables } from '@vigil/analytics';
import { STORED_EVENT_COLUMNS, storedEntityEventOf } from './stored-entity-event';

/** A half-open range of event time, ms since epoch. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** How the stored entity events of a range are read. */
export interface StoredEventsReadOptions {
  /** Most events one query sorts (whole hours are never split): bounds the server's sort. Default 1_000_000. */
  maxEventsPerSlice?: number;
  /** Called as events arrive and after each slice with the event time read up to (ms) and the events read so far. */
  onSlice?: (readUpToMs: number, eventsRead: number) => void;
}

const DEFAULT_MAX_EVENTS_PER_SLICE = 1_000_000;
const HOUR_S = 3_600;

/**
 * Reads stored entity events from ClickHouse in the order their records could first exist (a call record at the
 * call's end, as ingest delivered it), which is the order one correlator source delivers them in: no event is late
 * for the engine's own watermark. Reads `database.entity_events`, which on a cluster is the Distributed table over
 * every shard (the server merges the shards' sorted streams). Copies a replay stored before the merge once.
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

  /** Events whose records existed in `range` (whole seconds), in that order, in batches as they arrive. */
  async *read(range: TimeRange, options: StoredEventsReadOptions = {}): AsyncGenerator<EntityEventV1[]> {
    const longestCallSec = await this.longestCallSec(range);
    const slices = await this.slices(range, longestCallSec, options.maxEventsPerSlice);
    let eventsRead = 0;
    let lastEventId = '';
    for (const { fromMs: sliceFrom, toMs: sliceTo } of slices) {
      const resultSet = await this.query(this.sliceQuery(sliceFrom, sliceTo, longestCallSec));
      const stream = resultSet.stream()[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<{ text: string }[]>;
        try {
          next = await stream.next();
        } catch (error) {
          throw toClickHouseError(error);
        }
        if (next.done) break;
        const events: EntityEventV1[] = [];
        for (const row of next.value) {
          const fields = row.text.split('\t');
          // Rows are sorted by existence time and event id, so stored copies of one event are adjacent.
          if (fields[0] === lastEventId) continue;
          lastEventId = fields[0];
          events.push(storedEntityEventOf(fields));
        }
        eventsRead += events.length;
        if (events.length > 0) {
          const last = events[events.length - 1];
          options.onSlice?.(Date.parse(last.occurredAt) + (last.durationSec ?? 0) * 1000, eventsRead);
          yield events;
        }
      }
      options.onSlice?.(sliceTo, eventsRead);
    }
  }

  /**
   * Consecutive slices covering the range, each of whole hours of existence time holding at most `maxEvents` events
   * (or one hour), empty hours folded into their neighbours: a sparse month is a handful of queries, a busy day many.
   */
  private async slices(range: TimeRange, longestCallSec: number, maxEvents = DEFAULT_MAX_EVENTS_PER_SLICE) {
    const from = Math.floor(range.fromMs / 1000);
    const to = Math.floor(range.toMs / 1000);
    const existsAt = 'toUInt32(occurred_at) + duration_sec';
    const hours = await this.rows(
      `SELECT intDiv(${existsAt}, ${HOUR_S}) AS hour, count() FROM ${this.table} ` +
        `WHERE occurred_at >= toDateTime(${quoteNumber(Math.max(0, from - longestCallSec))}) ` +
        `AND occurred_at < toDateTime(${quoteNumber(to)}) ` +
        `AND ${existsAt} >= ${quoteNumber(from)} AND ${existsAt} < ${quoteNumber(to)} ` +
        'GROUP BY hour ORDER BY hour',
    );
    const slices: TimeRange[] = [];
    let sliceFrom = range.fromMs;
    let events = 0;
    for (const [hour, count] of hours) {
      const hourStartMs = Math.max(range.fromMs, Number(hour) * HOUR_S * 1000);
      if (events > 0 && events + Number(count) > maxEvents) {
        slices.push({ fromMs: sliceFrom, toMs: hourStartMs });
        sliceFrom = hourStartMs;
        events = 0;
      }
      events += Number(count);
    }
    slices.push({ fromMs: sliceFrom, toMs: range.toMs });
    return slices;
  }

  // The slice selects by existence time (start + duration); calls that existed in it may have started up to the
  // longest stored call earlier, so the scan starts that much before it (partition pruning on occurred_at).
  private sliceQuery(fromMs: number, toMs: number, longestCallSec: number): string {
    const from = Math.floor(fromMs / 1000);
    const to = Math.floor(toMs / 1000);
    const existsAt = 'toUInt32(occurred_at) + duration_sec';
    return (
      `SELECT ${STORED_EVENT_COLUMNS.join(', ')} FROM ${this.table} ` +
      `WHERE occurred_at >= toDateTime(${quoteNumber(Math.max(0, from - longestCallSec))}) ` +
      `AND occurred_at < toDateTime(${quoteNumber(to)}) ` +
      `AND ${existsAt} >= ${quoteNumber(from)} AND ${existsAt} < ${quoteNumber(to)} ` +
      `ORDER BY ${existsAt}, occurred_ms, event_id`
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
    const resultSet = await this.query(query);
    try {
      const text = await resultSet.text();
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\t'));
    } catch (error) {
      throw toClickHouseError(error);
    }
  }

  private async query(query: string) {
    try {
      return await this.client.query({ query, format: 'TabSeparated' });
    } catch (error) {
      throw toClickHouseError(error);
    }
  }
}
