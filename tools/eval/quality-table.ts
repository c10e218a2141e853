import type { AlertV1, Typology } from '@vigil/contracts';
import type { ScenarioLabel } from '@vigil/simulation';
import { scoreAlerts } from '@vigil/simulation';

/** Detection quality of one typology on a labelled run. */
export interface TypologyResult {
  typology: Typology;
  scams: number;
  benign: number;
  precision: number;
  recall: number;
  /** Of its confirmed alerts on scam scenarios, the share about a scam of this typology. */
  typologyPrecision: number;
  /** Confirmed alerts of this typology per detected scam of it. */
  alertsPerScam: number;
  earlyWarnings: string;
  /** Median simulated minutes from the early warning to the loss event (see {@link AlertClock}). */
  medianLeadMinutes: number | null;
  /** Median simulated seconds from the match's last event to the confirmed alert; null for a backlog. */
  medianDetectionSeconds: number | null;
}

/**
 * How an alert's wall-clock detectedAt relates to simulated time.
 * - `paced`: the traffic ran `speed` times faster than real time from a known instant, so detectedAt maps onto
 *   simulated time: lead time and detection latency are what an operator would have seen, processing included.
 * - `backlog`: everything was produced before the services started, so detectedAt says when the drain got there,
 *   nothing about the traffic. Detection latency is then null, and lead time is taken in event time, from the
 *   warning's last event (the event that raised it) to the loss: the lead a pipeline keeping up with its feeds
 *   would give, its processing time excluded.
 */
export type AlertClock =
  { delivery: 'paced'; toSimulatedMs: (wallMs: number) => number } | { delivery: 'backlog' };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Scores alerts against the labels; lead time and detection latency as `clock` says. */
export function qualityTable(
  labels: readonly ScenarioLabel[],
  alerts: AlertV1[],
  clock: AlertClock,
): TypologyResult[] {
  const score = scoreAlerts(labels, alerts);
  const byKey = new Map<string, AlertV1[]>();
  for (const alert of alerts) {
    const key = `${alert.typology}|${alert.entity}`;
    byKey.set(key, [...(byKey.get(key) ?? []), alert]);
  }
  const warnedAtMs = (warning: AlertV1): number =>
    clock.delivery === 'paced'
      ? clock.toSimulatedMs(Date.parse(warning.detectedAt))
      : Date.parse(warning.lastEventAt);
  return score.perTypology.map((quality) => {
    const leads: number[] = [];
    const latencies: number[] = [];
    for (const label of labels.filter((l) => !l.benign && l.typology === quality.typology)) {
      const matching = byKey.get(`${label.typology}|${label.entity}`) ?? [];
      const confirmed = matching
        .filter((a) => a.stage === 'confirmed')
        .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt))[0];
      const warning = matching
        .filter((a) => a.stage === 'early_warning')
        .sort((a, b) => warnedAtMs(a) - warnedAtMs(b))[0];
      if (confirmed && clock.delivery === 'paced')
        latencies.push(
          clock.toSimulatedMs(Date.parse(confirmed.detectedAt)) - Date.parse(confirmed.lastEventAt),
        );
      if (warning && label.lossAt) leads.push(Date.parse(label.lossAt) - warnedAtMs(warning));
    }
    const lead = median(leads);
    const latency = median(latencies);
    return {
      typology: quality.typology,
      scams: quality.scamScenarios,
      benign: quality.benignScenarios,
      precision: Number(quality.precision.toFixed(4)),
      recall: Number(quality.recall.toFixed(4)),
      typologyPrecision: Number(quality.typologyPrecision.toFixed(4)),
      alertsPerScam: Number(quality.alertsPerScam.toFixed(3)),
      earlyWarnings: `${quality.earlyWarned}/${quality.earlyWarningExpected}`,
      medianLeadMinutes: lead === null ? null : Number((lead / 60_000).toFixed(1)),
      medianDetectionSeconds: latency === null ? null : Number((Math.max(0, latency) / 1000).toFixed(1)),
    };
  });
}
