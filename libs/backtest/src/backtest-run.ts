import { availableParallelism } from 'node:os';
import type { AlertV1 } from '@vigil/contracts';
import { defaultEngineOptions, type EngineOptions } from '@vigil/correlation';
import type { PartitionReplayResult } from './partition-replay';
import { PartitionReplayWorker, type ReplayAck, type ReplayRows } from './partition-replay-worker';
import type { RuleDocument } from './rule-documents';
import type { EntityKeyRange, EntityPartitionOptions, TimeRange } from './stored-entity-events.reader';

/** Where a back-test reads its events: stored history, or anything holding events in the same form. */
export interface BacktestEventSource {
  /** The event-time span of what is stored (ms), or undefined when nothing is. */
  storedSpan(): Promise<TimeRange | undefined>;
  /** Events whose records existed in `range`. */
  count(range: TimeRange): Promise<number>;
  /** Entity partitions covering every entity, sized for `events` events. */
  partitions(events: number, options: EntityPartitionOptions): EntityKeyRange[];
  /** A partition's events whose records existed in `range`, in that order, as TabSeparated stored rows. */
  readRows(range: TimeRange, partition: EntityKeyRange): AsyncIterable<Uint8Array>;
}

/**
 * How far a back-test has got: `eventsRead` of the warm-up period and the range together, `fraction` of the events
 * counted in both (0–1, 1 at the end). Each entity partition replays its warm-up, then the range: `phase` and
 * `readUpToMs` (when the last event replayed existed) are those of the partition replayed last.
 */
export interface BacktestProgress {
  phase: 'warmup' | 'range';
  readUpToMs: number;
  eventsRead: number;
  fraction: number;
}

export interface BacktestRunInput {
  /** The rules to try, as the documents of a whole set (or of the part of it a back-test replays). */
  candidate: readonly RuleDocument[];
  /** The rules they are compared with (the live set or a named version, or the same part of it). */
  baseline: readonly RuleDocument[];
  /** Event time back-tested, half-open, whole seconds (ms since epoch). */
  range: TimeRange;
  /** How far before the range contact memory (first contact) is warmed. Default 30 days, the rules' horizon. */
  warmupMs?: number;
  /** Engine tuning; the live correlator's defaults unless given (a back-test must decide as it did). */
  engineOptions?: Partial<EngineOptions>;
  /** Worker threads replaying partitions side by side. Default: the cores available. */
  workers?: number;
  /** How the entities are split (at least one partition per worker unless set). */
  partitioning?: EntityPartitionOptions;
  onProgress?: (progress: BacktestProgress) => void;
}

/** Whether first-contact memory had the history the live correlator had when the range began. */
export interface ContactMemoryWarmup {
  /** The period asked for: `warmupMs` before the range. */
  wantedFromMs: number;
  /** Where stored history let it begin; undefined when nothing was stored before the range. */
  warmedFromMs?: number;
  eventsRead: number;
  /** True when stored history reaches back over the whole period. */
  complete: boolean;
}

/** The alerts each rule set raised over the range (early warnings and confirmed), and what was read. */
export interface BacktestRun {
  range: TimeRange;
  candidateAlerts: AlertV1[];
  baselineAlerts: AlertV1[];
  eventsRead: number;
  warmup: ContactMemoryWarmup;
  /** Stored events the engine could not process (should be none: they passed the contract once already). */
  rejectedEvents: number;
  elapsedMs: number;
}

const THIRTY_DAYS_MS = 2_592_000_000;

/**
 * Streams stored history through two pure CorrelationEngines per entity partition, one with the candidate rules and
 * one with the baseline, exactly as one correlator source delivers it (events in the order their records existed,
 * event time following them). The period before the range is streamed first so first-contact memory and matches
 * begun before the range are what the live correlator had; alerts whose last event lies before the range are not
 * counted. At the end, the watermark moves to the range's end: what still waits on a later event (an absence not over
 * by then) is not counted, live or here.
 *
 * Entities share nothing but event time, and a partition read in existence order moves its event time as the
 * correlator's engine of an input partition does: partitions replay in worker threads, side by side.
 */
export async function runBacktest(
  source: BacktestEventSource,
  input: BacktestRunInput,
): Promise<BacktestRun> {
  const started = Date.now();
  const { range } = input;
  const wantedFromMs = range.fromMs - (input.warmupMs ?? THIRTY_DAYS_MS);
  const span = await source.storedSpan();
  const warmedFromMs =
    span === undefined || span.fromMs >= range.fromMs ? undefined : Math.max(wantedFromMs, span.fromMs);
  const warmupRange = warmedFromMs === undefined ? undefined : { fromMs: warmedFromMs, toMs: range.fromMs };
  const expected = {
    warmup: warmupRange === undefined ? 0 : await source.count(warmupRange),
    range: await source.count(range),
  };
  const workers = Math.max(1, input.workers ?? availableParallelism());
  const partitions = source.partitions(expected.warmup + expected.range, {
    minPartitions: workers,
    ...input.partitioning,
  });

  const read = { warmup: 0, range: 0 };
  const onAck = (ack: ReplayAck): void => {
    read[ack.phase] += ack.events;
    const eventsRead = read.warmup + read.range;
    input.onProgress?.({
      phase: ack.phase,
      readUpToMs: ack.lastExistedAtMs ?? (ack.phase === 'warmup' ? warmupRange!.fromMs : range.fromMs),
      eventsRead,
      fraction: Math.min(0.999, eventsRead / Math.max(1, expected.warmup + expected.range)),
    });
  };
  // Every record that existed by the range's end has been read: the watermark may pass it, as the live correlator's
  // does once its sources have (matches held until then, absences over by then, are decided; later ones are not).
  const rangeEndEventTimeMs =
    range.toMs + (input.engineOptions?.allowedLatenessMs ?? defaultEngineOptions.allowedLatenessMs);
  const phasesOf = (partition: EntityKeyRange): ReplayRows[] => [
    ...(warmupRange === undefined
      ? []
      : [{ phase: 'warmup' as const, rows: source.readRows(warmupRange, partition) }]),
    { phase: 'range', rows: source.readRows(range, partition) },
  ];

  const pool = Array.from(
    { length: Math.min(workers, partitions.length) },
    () =>
      new PartitionReplayWorker({
        role: 'partition-replay',
        candidate: input.candidate,
        baseline: input.baseline,
        engineOptions: input.engineOptions ?? {},
        countFromMs: range.fromMs,
      }),
  );
  const results: PartitionReplayResult[] = [];
  try {
    let next = 0;
    await Promise.all(
      pool.map(async (worker) => {
        while (next < partitions.length) {
          const partition = partitions[next++];
          results.push(await worker.replay(phasesOf(partition), rangeEndEventTimeMs, onAck));
        }
      }),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.close()));
  }

  input.onProgress?.({
    phase: 'range',
    readUpToMs: range.toMs,
    eventsRead: read.warmup + read.range,
    fraction: 1,
  });
  const inOrder = (alerts: AlertV1[][]): AlertV1[] =>
    alerts
      .flat()
      .sort((a, b) => a.lastEventAt.localeCompare(b.lastEventAt) || a.alertId.localeCompare(b.alertId));
  return {
    range,
    candidateAlerts: inOrder(results.map((result) => result.candidateAlerts)),
    baselineAlerts: inOrder(results.map((result) => result.baselineAlerts)),
    eventsRead: read.range,
    warmup: {
      wantedFromMs,
      warmedFromMs,
      eventsRead: read.warmup,
      complete: span !== undefined && span.fromMs <= wantedFromMs,
    },
    rejectedEvents: results.reduce((sum, result) => sum + result.rejectedEvents, 0),
    elapsedMs: Date.now() - started,
  };
}
