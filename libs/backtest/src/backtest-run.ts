import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import {
  CorrelationEngine,
  defaultEngineOptions,
  type EngineOptions,
  type RuleSet,
} from '@vigil/correlation';
import type { TimeRange } from './stored-entity-events.reader';

/** Where a back-test reads its events: stored history, or anything holding events in the same order. */
export interface BacktestEventSource {
  /** The event-time span of what is stored (ms), or undefined when nothing is. */
  storedSpan(): Promise<TimeRange | undefined>;
  /** Events whose records existed in `range`, in that order. `onSlice` reports the event time read up to. */
  read(
    range: TimeRange,
    options?: { onSlice?: (readUpToMs: number) => void },
  ): AsyncIterable<EntityEventV1[]>;
}

/** How far a back-test has got: the warm-up period first, then the range itself; `fraction` of both, 0–1. */
export interface BacktestProgress {
  phase: 'warmup' | 'range';
  readUpToMs: number;
  eventsRead: number;
  fraction: number;
}

export interface BacktestRunInput {
  /** The rules to try. */
  candidate: RuleSet;
  /** The rules they are compared with (the live set or a named version). */
  baseline: RuleSet;
  /** Event time back-tested, half-open, whole seconds (ms since epoch). */
  range: TimeRange;
  /** How far before the range contact memory (first contact) is warmed. Default 30 days, the rules' horizon. */
  warmupMs?: number;
  /** Engine tuning; the live correlator's defaults unless given (a back-test must decide as it did). */
  engineOptions?: Partial<EngineOptions>;
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
 * Streams stored history through two pure CorrelationEngines at once, one with the candidate rules and one with the
 * baseline, exactly as one correlator source delivers it (events in the order their records existed, event time
 * following them). The period before the range is streamed first so first-contact memory and matches begun before
 * the range are what the live correlator had; alerts whose last event lies before the range are not counted. At the
 * end, the watermark moves to the range's end: what still waits on a later event (an absence not over by then) is not
 * counted, live or here.
 *
 * One engine serves every entity (the live correlator has one per partition): entities share nothing but event time,
 * and reading in existence order, event time reaches each event when its own partition's would have.
 */
export async function runBacktest(
  source: BacktestEventSource,
  input: BacktestRunInput,
): Promise<BacktestRun> {
  const started = Date.now();
  const { range } = input;
  const options: Partial<EngineOptions> = {
    ...input.engineOptions,
    selfWatermark: true,
    trackDirtyEntities: false,
  };
  const candidate = new CorrelationEngine(input.candidate, options);
  const baseline = new CorrelationEngine(input.baseline, options);
  const candidateAlerts: AlertV1[] = [];
  const baselineAlerts: AlertV1[] = [];
  let rejectedEvents = 0;

  const wantedFromMs = range.fromMs - (input.warmupMs ?? THIRTY_DAYS_MS);
  const span = await source.storedSpan();
  const warmedFromMs =
    span === undefined || span.fromMs >= range.fromMs ? undefined : Math.max(wantedFromMs, span.fromMs);
  const warmup: ContactMemoryWarmup = {
    wantedFromMs,
    warmedFromMs,
    eventsRead: 0,
    complete: span !== undefined && span.fromMs <= wantedFromMs,
  };
  const warmupSpan = warmedFromMs === undefined ? 0 : range.fromMs - warmedFromMs;
  const totalSpan = warmupSpan + (range.toMs - range.fromMs);
  let eventsRead = 0;

  const feed = async (phase: BacktestProgress['phase'], from: number, to: number): Promise<number> => {
    let read = 0;
    const done = phase === 'warmup' ? 0 : warmupSpan;
    const report = (readUpToMs: number): void =>
      input.onProgress?.({
        phase,
        readUpToMs,
        eventsRead: warmup.eventsRead + eventsRead + read,
        fraction: totalSpan <= 0 ? 1 : (done + (readUpToMs - from)) / totalSpan,
      });
    for await (const events of source.read({ fromMs: from, toMs: to }, { onSlice: report })) {
      for (const event of events) {
        collect(candidate.process(event), candidateAlerts);
        collect(baseline.process(event), baselineAlerts);
      }
      read += events.length;
    }
    return read;
  };
  const collect = (
    output: { alerts: readonly AlertV1[]; rejected: readonly unknown[] },
    into: AlertV1[],
  ): void => {
    rejectedEvents += output.rejected.length;
    for (const alert of output.alerts) if (Date.parse(alert.lastEventAt) >= range.fromMs) into.push(alert);
  };

  if (warmedFromMs !== undefined) warmup.eventsRead = await feed('warmup', warmedFromMs, range.fromMs);
  eventsRead = await feed('range', range.fromMs, range.toMs);
  // Every record that existed by the range's end has been read: the watermark may pass it, as the live correlator's
  // does once its sources have (matches held until then, absences over by then, are decided; later ones are not).
  const rangeEndEventTimeMs =
    range.toMs + (options.allowedLatenessMs ?? defaultEngineOptions.allowedLatenessMs);
  collect(candidate.advanceEventTime(rangeEndEventTimeMs), candidateAlerts);
  collect(baseline.advanceEventTime(rangeEndEventTimeMs), baselineAlerts);
  input.onProgress?.({
    phase: 'range',
    readUpToMs: range.toMs,
    eventsRead: warmup.eventsRead + eventsRead,
    fraction: 1,
  });
  return {
    range,
    candidateAlerts,
    baselineAlerts,
    eventsRead,
    warmup,
    rejectedEvents,
    elapsedMs: Date.now() - started,
  };
}
