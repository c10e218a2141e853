import { TYPOLOGIES, type AlertV1, type Typology } from '@vigil/contracts';
import type { ScenarioLabel } from '../simulation.types';

/** Detection quality of one typology over a labelled run. */
export interface TypologyQuality {
  typology: Typology;
  scamScenarios: number;
  benignScenarios: number;
  /** Scam scenarios with a confirmed alert of this typology on their entity. */
  detected: number;
  /** Scam scenarios expecting an early warning that got one. */
  earlyWarned: number;
  earlyWarningExpected: number;
  /** Distinct (entity, typology) pairs alerted that belong to a scam scenario of this typology. */
  truePositiveEntities: number;
  /** Distinct alerted (entity, typology) pairs that do not: benign look-alikes, background, other scenarios. */
  falsePositiveEntities: number;
  /** Of those, how many sit on a benign look-alike's entity. */
  falsePositivesOnBenign: number;
  /** detected / scamScenarios (1 when there are none). */
  recall: number;
  /** truePositiveEntities / all alerted entities (1 when nothing alerted). */
  precision: number;
  /**
   * Of this typology's confirmed alerts on the entity of a scam scenario, the share whose scam is of this typology
   * (1 when there are none): one scam raising alerts of several typologies lowers it.
   */
  typologyPrecision: number;
  /** Confirmed alerts of this typology on its detected scams, per detected scam (0 when none was detected). */
  alertsPerScam: number;
  /** Median time from the early warning to the loss event (ms), over scenarios with both. */
  medianEarlyWarningLeadMs?: number;
  /** Median time from the event completing the match (alert.lastEventAt) to the first confirmed alert's detectedAt (ms). */
  medianDetectionLatencyMs?: number;
}

/** Alerts that matched no scam scenario, with what they hit. */
export interface FalseAlert {
  alert: AlertV1;
  /** The benign look-alike on the alert's entity, if any. */
  benignScenarioId?: string;
}

export interface AlertScore {
  perTypology: TypologyQuality[];
  /** Scam scenarios without a confirmed alert of their typology. */
  missed: ScenarioLabel[];
  falseAlerts: FalseAlert[];
}

const key = (entity: string, typology: string): string => `${typology}|${entity}`;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Matches alerts to scenario labels by (alert.entity, alert.typology) and scores each typology. Scam scenarios
 * use fresh entities, so the pair identifies at most one scam; every other alerted pair is a false positive.
 */
export function scoreAlerts(labels: readonly ScenarioLabel[], alerts: readonly AlertV1[]): AlertScore {
  const scams = new Map<string, ScenarioLabel>();
  const benign = new Map<string, ScenarioLabel>();
  for (const label of labels) (label.benign ? benign : scams).set(key(label.entity, label.typology), label);

  const confirmedAt = new Map<string, number>();
  const warnedAt = new Map<string, number>();
  const latencyOf = new Map<string, number>();
  const alertedPairs = new Map<Typology, Set<string>>();
  const falseAlerts: FalseAlert[] = [];
  for (const alert of alerts) {
    const pair = key(alert.entity, alert.typology);
    let pairs = alertedPairs.get(alert.typology);
    if (pairs === undefined) alertedPairs.set(alert.typology, (pairs = new Set()));
    pairs.add(pair);
    const detectedMs = Date.parse(alert.detectedAt);
    if (!scams.has(pair)) {
      falseAlerts.push({ alert, benignScenarioId: benign.get(pair)?.scenarioId });
      continue;
    }
    const times = alert.stage === 'confirmed' ? confirmedAt : warnedAt;
    if (detectedMs < (times.get(pair) ?? Infinity)) {
      times.set(pair, detectedMs);
      if (alert.stage === 'confirmed') latencyOf.set(pair, detectedMs - Date.parse(alert.lastEventAt));
    }
  }

  const scamTypologyOf = new Map<string, Typology>();
  for (const label of labels) if (!label.benign) scamTypologyOf.set(label.entity, label.typology);
  // Confirmed alerts (each id once: a replay publishes an alert again) on scam entities, by typology.
  const onScams = new Map<Typology, { own: number; all: number }>();
  const seenIds = new Set<string>();
  for (const alert of alerts) {
    if (alert.stage !== 'confirmed' || seenIds.has(alert.alertId)) continue;
    seenIds.add(alert.alertId);
    const scamTypology = scamTypologyOf.get(alert.entity);
    if (scamTypology === undefined) continue;
    const counts = onScams.get(alert.typology) ?? { own: 0, all: 0 };
    counts.all++;
    if (scamTypology === alert.typology) counts.own++;
    onScams.set(alert.typology, counts);
  }

  const missed: ScenarioLabel[] = [];
  const perTypology = TYPOLOGIES.map((typology): TypologyQuality => {
    const ofTypology = labels.filter((l) => l.typology === typology);
    const scamLabels = ofTypology.filter((l) => !l.benign);
    let detected = 0;
    let earlyWarned = 0;
    let earlyWarningExpected = 0;
    const leads: number[] = [];
    const latencies: number[] = [];
    for (const label of scamLabels) {
      const pair = key(label.entity, typology);
      const confirmed = confirmedAt.get(pair);
      if (confirmed !== undefined) {
        detected++;
        latencies.push(latencyOf.get(pair) ?? 0);
      } else {
        missed.push(label);
      }
      if (label.expectedStages.includes('early_warning')) {
        earlyWarningExpected++;
        const warned = warnedAt.get(pair);
        if (warned !== undefined) {
          earlyWarned++;
          if (label.lossAt !== undefined) leads.push(Date.parse(label.lossAt) - warned);
        }
      }
    }
    const pairs = alertedPairs.get(typology) ?? new Set<string>();
    let truePositiveEntities = 0;
    let falsePositivesOnBenign = 0;
    for (const pair of pairs) {
      if (scams.has(pair)) truePositiveEntities++;
      else if (benign.has(pair)) falsePositivesOnBenign++;
    }
    const falsePositiveEntities = pairs.size - truePositiveEntities;
    const counts = onScams.get(typology) ?? { own: 0, all: 0 };
    return {
      typology,
      scamScenarios: scamLabels.length,
      benignScenarios: ofTypology.length - scamLabels.length,
      detected,
      earlyWarned,
      earlyWarningExpected,
      truePositiveEntities,
      falsePositiveEntities,
      falsePositivesOnBenign,
      recall: scamLabels.length === 0 ? 1 : detected / scamLabels.length,
      precision: pairs.size === 0 ? 1 : truePositiveEntities / pairs.size,
      typologyPrecision: counts.all === 0 ? 1 : counts.own / counts.all,
      alertsPerScam: detected === 0 ? 0 : counts.own / detected,
      medianEarlyWarningLeadMs: median(leads),
      medianDetectionLatencyMs: median(latencies),
    };
  });
  return { perTypology, missed, falseAlerts };
}
