import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, type EngineOptions, type EngineOutput, type RuleSet } from '@vigil/correlation';

/** What one entity partition's replay raised (alerts whose last event lies in the range) and could not process. */
export interface PartitionReplayResult {
  candidateAlerts: AlertV1[];
  baselineAlerts: AlertV1[];
  /** Stored events the engine could not process (should be none: they passed the contract once already). */
  rejectedEvents: number;
}

/**
 * One entity partition's stored history through the pure CorrelationEngine with the candidate rules and with the
 * baseline, exactly as one correlator source delivers it (events in the order their records existed, event time
 * following them): the partition's engine is what the correlator's engine of an input partition is.
 *
 * One engine judges both sets side by side (`CorrelationEngine.sideBySide`): each event is read, remembered and
 * matched once for the rules the two sets share (`comparedRuleSets` compiles them once), and only the arbitration of
 * matches runs per set. Sets that do not share their rules' compiled objects (or hold different rules under one
 * id@version) are replayed by two engines, as before.
 */
export class PartitionReplay {
  /** Both sets' alerts, when the sets can share one engine. */
  private readonly shared: CorrelationEngine | undefined;
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
    if (canShareOneEngine(candidate, baseline)) {
      this.shared = CorrelationEngine.sideBySide([candidate, baseline], options);
      return;
    }
    // Without rules an engine raises nothing whatever its contact memory holds.
    const engineOf = (rules: RuleSet) =>
      rules.rules.length === 0 ? undefined : new CorrelationEngine(rules, options);
    this.candidate = engineOf(candidate);
    this.baseline = engineOf(baseline);
  }

  process(events: readonly EntityEventV1[]): void {
    const { shared, candidate, baseline } = this;
    if (shared !== undefined) for (const event of events) this.collectBoth(shared.process(event));
    if (candidate !== undefined)
      for (const event of events) this.collect(candidate.process(event), this.result.candidateAlerts);
    if (baseline !== undefined)
      for (const event of events) this.collect(baseline.process(event), this.result.baselineAlerts);
  }

  /** Event time has reached `eventTimeMs` (every record that existed by then has been read): what is decided. */
  finish(eventTimeMs: number): PartitionReplayResult {
    if (this.shared !== undefined) this.collectBoth(this.shared.advanceEventTime(eventTimeMs));
    if (this.candidate !== undefined)
      this.collect(this.candidate.advanceEventTime(eventTimeMs), this.result.candidateAlerts);
    if (this.baseline !== undefined)
      this.collect(this.baseline.advanceEventTime(eventTimeMs), this.result.baselineAlerts);
    return this.result;
  }

  private collectBoth(output: EngineOutput): void {
    this.result.rejectedEvents += output.rejected.length;
    const bySide = output.alertsBySide;
    if (bySide === undefined) return;
    this.keep(bySide[0], this.result.candidateAlerts);
    this.keep(bySide[1], this.result.baselineAlerts);
  }

  private collect(output: EngineOutput, into: AlertV1[]): void {
    this.result.rejectedEvents += output.rejected.length;
    this.keep(output.alerts, into);
  }

  private keep(alerts: readonly AlertV1[], into: AlertV1[]): void {
    for (const alert of alerts) if (Date.parse(alert.lastEventAt) >= this.countFromMs) into.push(alert);
  }
}

/** Both sides have rules, and a rule key names the same compiled rule on both (`sideBySide`'s condition). */
function canShareOneEngine(candidate: RuleSet, baseline: RuleSet): boolean {
  if (candidate.rules.length === 0 || baseline.rules.length === 0) return false;
  return candidate.rules.every((rule) => {
    const other = baseline.get(rule.key);
    return other === undefined || other === rule;
  });
}
