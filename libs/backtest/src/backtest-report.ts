import type { AlertV1 } from '@vigil/contracts';
import type { AlertVerdict } from '@vigil/analytics';
import { alertIdentityKey, identityOf } from './alert-identity';
import type { BacktestRun } from './backtest-run';
import type { StoredAlert } from './stored-alerts.repository';

/** A rule of one side of a back-test. */
export interface RuleVersion {
  ruleId: string;
  version: number;
  typology: string;
}

/** Alerts of one group, by whether the candidate adds them, loses them, or both rule sets raise them. */
export interface AlertCounts {
  added: number;
  removed: number;
  common: number;
}

/** Verdicts recorded on the stored alerts overlapping a group of alerts (same entity, a matched event shared). */
export interface VerdictCounts {
  confirmedFraud: number;
  falsePositive: number;
  /** Alerts no analyst has judged (no overlapping stored alert with a verdict). */
  unjudged: number;
}

export interface RuleChangeSummary extends AlertCounts {
  ruleId: string;
  typology: string;
  /**
   * False when the rule was not replayed: it is the same on both sides and coupled to no changed rule, so it raises
   * the same alerts with either set (its counts are then zero, not "nothing in common").
   */
  rerun: boolean;
  candidateVersion?: number;
  baselineVersion?: number;
}

export interface TypologyDayCounts extends AlertCounts {
  typology: string;
  /** UTC day of the alert's last event, `YYYY-MM-DD`. */
  day: string;
}

/** One alert the candidate raises and the baseline does not (`added`), or the reverse (`removed`). */
export interface ChangedAlert {
  change: 'added' | 'removed';
  alert: AlertV1;
  /** Masked display form of the entity, when its events are stored. */
  entityDisplay?: string;
  /** The stored alert with the same rule, stage, entity and events, when the live correlator raised it. */
  storedAlertId?: string;
  verdict?: AlertVerdict;
  /** Stored alerts with a verdict sharing an event with this one. */
  overlappingAlertIds: string[];
}

export interface BusyEntity extends AlertCounts {
  entity: string;
  entityDisplay?: string;
  candidateAlerts: number;
}

/** What a candidate rule set would have changed over stored history; `npm run rules -- backtest --json` prints it. */
export interface BacktestReport {
  from: string;
  to: string;
  /** What the candidate was compared with: `live`, or the versions named. */
  against: string;
  /** Every rule of each side (the candidate side: the baseline with the candidate rules in place). */
  candidateRules: RuleVersion[];
  baselineRules: RuleVersion[];
  events: { inRange: number; warmup: number; rejected: number };
  /**
   * What was replayed: the rules coupled to a changed one (affected-rules.ts), whole typologies. Totals, typology
   * and day rows, verdicts and precision cover these rules' alerts; the rules `notRerun` raise the same alerts with
   * either set and are not counted.
   */
  rerun: { rules: string[]; typologies: string[]; notRerun: string[] };
  contactMemory: {
    wantedFrom: string;
    warmedFrom?: string;
    complete: boolean;
    /** Plain words: warmed fully, partly (from when), or not at all. */
    note: string;
  };
  totals: AlertCounts & { candidate: number; baseline: number };
  rules: RuleChangeSummary[];
  byTypologyDay: TypologyDayCounts[];
  verdicts: {
    added: VerdictCounts;
    removed: VerdictCounts;
    common: VerdictCounts;
    /** confirmed / (confirmed + false positive) over the judged alerts of each side; null without a verdict. */
    precision: { baseline: number | null; candidate: number | null; added: number | null };
  };
  changedAlerts: ChangedAlert[];
  busiestEntities: BusyEntity[];
  elapsedMs: number;
  eventsPerSec: number;
}

export interface BacktestReportInput {
  run: BacktestRun;
  against: string;
  candidateRules: RuleVersion[];
  baselineRules: RuleVersion[];
  /** The rules replayed on both sides; every rule when not given. */
  rerun?: readonly string[];
  /** Stored alerts of the range that carry a verdict. */
  verdicted: readonly StoredAlert[];
  /** Stored alerts of the range (for `storedAlertId`); may be the verdicted ones only. */
  stored: readonly StoredAlert[];
  /** Masked display forms by entity, where known. */
  displays?: ReadonlyMap<string, string>;
  busiestEntities?: number;
}

const DAY_MS = 86_400_000;
const BUSIEST_ENTITIES = 10;

const iso = (ms: number): string => new Date(ms).toISOString();

function emptyVerdicts(): VerdictCounts {
  return { confirmedFraud: 0, falsePositive: 0, unjudged: 0 };
}

function precisionOf(counts: VerdictCounts): number | null {
  const judged = counts.confirmedFraud + counts.falsePositive;
  return judged === 0 ? null : counts.confirmedFraud / judged;
}

function countVerdict(counts: VerdictCounts, verdict: AlertVerdict | undefined): void {
  if (verdict === 'confirmed_fraud') counts.confirmedFraud += 1;
  else if (verdict === 'false_positive') counts.falsePositive += 1;
  else counts.unjudged += 1;
}

/** The judged stored alerts one back-test alert overlaps, and the verdict they imply. */
interface Overlap {
  ids: string[];
  verdict?: AlertVerdict;
}

/** Overlap of back-test alerts with judged stored alerts: same entity, at least one matched event in common. */
class VerdictIndex {
  private readonly byEntity = new Map<string, StoredAlert[]>();

  constructor(verdicted: readonly StoredAlert[]) {
    for (const alert of verdicted) {
      const list = this.byEntity.get(alert.entity);
      if (list === undefined) this.byEntity.set(alert.entity, [alert]);
      else list.push(alert);
    }
  }

  /** The overlapping judged alerts and the verdict they imply: fraud if any says so, else false positive. */
  overlapping(alert: AlertV1): Overlap {
    const candidates = this.byEntity.get(alert.entity);
    if (candidates === undefined) return { ids: [] };
    const events = new Set(alert.evidence.map((evidence) => evidence.eventId));
    const overlapping = candidates.filter((stored) => stored.eventIds.some((id) => events.has(id)));
    const verdict = overlapping.some((stored) => stored.verdict === 'confirmed_fraud')
      ? 'confirmed_fraud'
      : overlapping.some((stored) => stored.verdict === 'false_positive')
        ? 'false_positive'
        : undefined;
    return { ids: overlapping.map((stored) => stored.alertId), verdict };
  }
}

function warmupNote(run: BacktestRun): string {
  const { warmup, range } = run;
  const wantedDays = Math.round((range.fromMs - warmup.wantedFromMs) / DAY_MS);
  if (warmup.complete) return `contact memory warmed from the ${wantedDays} days before the range`;
  if (warmup.warmedFromMs === undefined)
    return 'contact memory could not be warmed: no stored events before the range, so every counterparty seen early in the range counts as a first contact';
  const days = ((range.fromMs - warmup.warmedFromMs) / DAY_MS).toFixed(1);
  return `contact memory warmed only from ${iso(warmup.warmedFromMs)} (${days} of ${wantedDays} days): stored history begins there, so first contacts early in the range may be overstated`;
}

/** Compares the two rule sets' alerts of a run, with the verdicts recorded on the stored alerts they overlap. */
export function buildBacktestReport(input: BacktestReportInput): BacktestReport {
  const { run } = input;
  const candidate = new Map(run.candidateAlerts.map((alert) => [alertIdentityKey(identityOf(alert)), alert]));
  const baseline = new Map(run.baselineAlerts.map((alert) => [alertIdentityKey(identityOf(alert)), alert]));
  const storedByIdentity = new Map(input.stored.map((alert) => [alertIdentityKey(alert), alert.alertId]));
  const verdictIndex = new VerdictIndex(input.verdicted);

  const rules = new Map<string, RuleChangeSummary>();
  const typologyDays = new Map<string, TypologyDayCounts>();
  const entities = new Map<string, BusyEntity>();
  const verdicts = { added: emptyVerdicts(), removed: emptyVerdicts(), common: emptyVerdicts() };
  const sides = { baseline: emptyVerdicts(), candidate: emptyVerdicts() };
  const changedAlerts: ChangedAlert[] = [];

  const allRules = [...input.candidateRules, ...input.baselineRules];
  const rerun = new Set(input.rerun ?? allRules.map((rule) => rule.ruleId));
  const ruleSummary = (ruleId: string, typology: string): RuleChangeSummary =>
    rules.get(ruleId) ??
    rules
      .set(ruleId, { ruleId, typology, rerun: rerun.has(ruleId), added: 0, removed: 0, common: 0 })
      .get(ruleId)!;
  for (const rule of input.candidateRules)
    ruleSummary(rule.ruleId, rule.typology).candidateVersion = rule.version;
  for (const rule of input.baselineRules)
    ruleSummary(rule.ruleId, rule.typology).baselineVersion = rule.version;

  /** Counts an alert in its group for its rule, typology day and entity, and its verdict in the group's. */
  const count = (alert: AlertV1, group: keyof AlertCounts, verdict: AlertVerdict | undefined): void => {
    ruleSummary(alert.ruleId, alert.typology)[group] += 1;
    const day = alert.lastEventAt.slice(0, 10);
    const dayKey = `${alert.typology}|${day}`;
    const typologyDay =
      typologyDays.get(dayKey) ??
      typologyDays
        .set(dayKey, { typology: alert.typology, day, added: 0, removed: 0, common: 0 })
        .get(dayKey)!;
    typologyDay[group] += 1;
    const entity =
      entities.get(alert.entity) ??
      entities
        .set(alert.entity, { entity: alert.entity, candidateAlerts: 0, added: 0, removed: 0, common: 0 })
        .get(alert.entity)!;
    entity[group] += 1;
    if (group !== 'removed') entity.candidateAlerts += 1;
    countVerdict(verdicts[group], verdict);
  };
  /** Counts an alert only one side raised and lists it with the stored alerts it overlaps. */
  const listChange = (
    change: ChangedAlert['change'],
    key: string,
    alert: AlertV1,
    overlap: Overlap,
  ): void => {
    count(alert, change, overlap.verdict);
    changedAlerts.push({
      change,
      alert,
      storedAlertId: storedByIdentity.get(key),
      verdict: overlap.verdict,
      overlappingAlertIds: overlap.ids,
    });
  };

  for (const [key, alert] of candidate) {
    const overlap = verdictIndex.overlapping(alert);
    countVerdict(sides.candidate, overlap.verdict);
    if (baseline.has(key)) count(alert, 'common', overlap.verdict);
    else listChange('added', key, alert, overlap);
  }
  for (const [key, alert] of baseline) {
    const overlap = verdictIndex.overlapping(alert);
    countVerdict(sides.baseline, overlap.verdict);
    if (!candidate.has(key)) listChange('removed', key, alert, overlap);
  }

  const busiestEntities = [...entities.values()]
    .sort(
      (a, b) =>
        b.added + b.removed - (a.added + a.removed) ||
        b.candidateAlerts - a.candidateAlerts ||
        a.entity.localeCompare(b.entity),
    )
    .slice(0, input.busiestEntities ?? BUSIEST_ENTITIES)
    .map((entity) => ({ ...entity, entityDisplay: input.displays?.get(entity.entity) }));
  for (const changed of changedAlerts) changed.entityDisplay = input.displays?.get(changed.alert.entity);
  changedAlerts.sort(
    (a, b) => a.alert.lastEventAt.localeCompare(b.alert.lastEventAt) || a.change.localeCompare(b.change),
  );

  const totals = {
    candidate: candidate.size,
    baseline: baseline.size,
    added: verdicts.added.confirmedFraud + verdicts.added.falsePositive + verdicts.added.unjudged,
    removed: verdicts.removed.confirmedFraud + verdicts.removed.falsePositive + verdicts.removed.unjudged,
    common: verdicts.common.confirmedFraud + verdicts.common.falsePositive + verdicts.common.unjudged,
  };
  const eventsTotal = run.eventsRead + run.warmup.eventsRead;
  return {
    from: iso(run.range.fromMs),
    to: iso(run.range.toMs),
    against: input.against,
    candidateRules: input.candidateRules,
    baselineRules: input.baselineRules,
    events: { inRange: run.eventsRead, warmup: run.warmup.eventsRead, rejected: run.rejectedEvents },
    rerun: {
      rules: [...rerun].sort(),
      typologies: [
        ...new Set(allRules.filter((rule) => rerun.has(rule.ruleId)).map((rule) => rule.typology)),
      ].sort(),
      notRerun: [...new Set(allRules.map((rule) => rule.ruleId))].filter((id) => !rerun.has(id)).sort(),
    },
    contactMemory: {
      wantedFrom: iso(run.warmup.wantedFromMs),
      warmedFrom: run.warmup.warmedFromMs === undefined ? undefined : iso(run.warmup.warmedFromMs),
      complete: run.warmup.complete,
      note: warmupNote(run),
    },
    totals,
    rules: [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    byTypologyDay: [...typologyDays.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.typology.localeCompare(b.typology),
    ),
    verdicts: {
      ...verdicts,
      precision: {
        baseline: precisionOf(sides.baseline),
        candidate: precisionOf(sides.candidate),
        added: precisionOf(verdicts.added),
      },
    },
    changedAlerts,
    busiestEntities,
    elapsedMs: run.elapsedMs,
    eventsPerSec: run.elapsedMs > 0 ? Math.round((eventsTotal / run.elapsedMs) * 1000) : eventsTotal,
  };
}
