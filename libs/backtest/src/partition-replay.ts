import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, type EngineOptions, type RuleSet } from '@vigil/correlation';

/** What one entity partition's replay raised (alerts whose last event lies in the range) and could not process. */
export interface PartitionReplayResult {
  candidateAlerts: AlertV1[];
  baselineAlerts: AlertV1[];
  /** Stored events the engine could not process (should be none: they passed the contract once already). */
  rejectedEvents: number;
}

/**
 * One entity partition's stored history through two pure CorrelationEngines at once, one with the candidate rules
 * and one with the baseline, exactly as one correlator source delivers it (events in the order their records existed,
 * event time following them): the partition's engines are what the correlator's engine of an input partition is.
 */
export class PartitionReplay {
  /** Undefined for a side without rules (a back-test replays only the rules a change affects: maybe none). */
  private readonly candidate: CorrelationEngine | undefined;
  private readonly baseline: CorrelationEngine | undefined;
  private readonly result: PartitionReplayResult = {
    candidateAlerts: [],
    baselineAlerts: [],
    rejectedEvents: 0,
  };

  /** `countFromMs`: alerts whose last event lies before it (in the warm-up) are not counted. */
  constructor(
    candidate: RuleSet,
    baseline: RuleSet,
    engineOptions: Partial<EngineOptions>,
    private readonly countFromMs: number,
  ) {
    const options = { ...engineOptions, selfWatermark: true, trackDirtyEntities: false };
    // Without rules an engine raises nothing whatever its contact memory holds.
    const engineOf = (rules: RuleSet) =>
      rules.rules.length === 0 ? undefined : new CorrelationEngine(rules, options);
    this.candidate = engineOf(candidate);
    this.baseline = engineOf(baseline);
  }

  process(events: readonly EntityEventV1[]): void {
    const { candidate, baseline } = this;
    if (candidate !== undefined)
      for (const event of events) this.collect(candidate.process(event), this.result.candidateAlerts);
    if (baseline !== undefined)
      for (const event of events) this.collect(baseline.process(event), this.result.baselineAlerts);
  }

  /** Event time has reached `eventTimeMs` (every record that existed by then has been read): what is decided. */
  finish(eventTimeMs: number): PartitionReplayResult {
    if (this.candidate !== undefined)
      this.collect(this.candidate.advanceEventTime(eventTimeMs), this.result.candidateAlerts);
    if (this.baseline !== undefined)
      this.collect(this.baseline.advanceEventTime(eventTimeMs), this.result.baselineAlerts);
    return this.result;
  }

  private collect(
    output: { alerts: readonly AlertV1[]; rejected: readonly unknown[] },
    into: AlertV1[],
  ): void {
    this.result.rejectedEvents += output.rejected.length;
    for (const alert of output.alerts)
      if (Date.parse(alert.lastEventAt) >= this.countFromMs) into.push(alert);
  }
}
