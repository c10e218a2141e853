import type { NetworkFindingV1, NetworkRole } from '@vigil/contracts';
import type { NetworkScenarioLabel } from '../networks/network-scenarios';

/** Precision and recall of one family of findings over the labelled numbers. */
export interface NetworkQuality {
  precision: number;
  recall: number;
  /** Scam numbers labelled, found, and numbers found that no scam scenario explains. */
  expected: number;
  found: number;
  falseFindings: number;
}

export interface NetworkScore {
  /** Scam callers and senders. */
  campaign: NetworkQuality;
  mule: NetworkQuality;
  /** Share of multi-number campaigns whose numbers were all given one campaign id (null: none labelled). */
  campaignGrouping: number | null;
  falseFindings: { number: string; role: NetworkRole; victims: number; scenarioKind?: string }[];
  missed: { number: string; role: NetworkRole; scenarioId: string; kind: string }[];
}

const FAMILIES: Record<'campaign' | 'mule', ReadonlySet<NetworkRole>> = {
  campaign: new Set(['caller', 'sender']),
  mule: new Set(['mule']),
};

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Scores the latest version of each finding against the labels: a finding is right when its number is a labelled
 * scam number of the same family (caller or sender for campaigns, mule for mules), false otherwise (a benign
 * look-alike's number, or a number no scenario names); a labelled scam number without a finding is missed.
 */
export function scoreNetworkFindings(
  labels: readonly NetworkScenarioLabel[],
  findings: readonly NetworkFindingV1[],
): NetworkScore {
  const latest = new Map<string, NetworkFindingV1>();
  for (const finding of findings) latest.set(`${finding.role}|${finding.number}`, finding);
  const scenarioOf = new Map<string, NetworkScenarioLabel>();
  for (const label of labels) for (const { number } of label.numbers) scenarioOf.set(number, label);
  const score = {} as Pick<NetworkScore, 'campaign' | 'mule'>;
  const falseFindings: NetworkScore['falseFindings'] = [];
  const missed: NetworkScore['missed'] = [];
  for (const [family, roles] of Object.entries(FAMILIES) as [
    'campaign' | 'mule',
    ReadonlySet<NetworkRole>,
  ][]) {
    const expected = labels
      .filter((label) => !label.benign)
      .flatMap((label) =>
        label.numbers.filter((item) => roles.has(item.role)).map((item) => ({ ...item, label })),
      );
    const foundNumbers = new Set(
      [...latest.values()].filter((finding) => roles.has(finding.role)).map((finding) => finding.number),
    );
    const scamNumbers = new Set(expected.map((item) => item.number));
    let right = 0;
    for (const number of foundNumbers) {
      if (scamNumbers.has(number)) right += 1;
      else {
        const finding = [...latest.values()].find((item) => item.number === number && roles.has(item.role))!;
        falseFindings.push({
          number,
          role: finding.role,
          victims: finding.victimsCount,
          scenarioKind: scenarioOf.get(number)?.kind,
        });
      }
    }
    for (const item of expected)
      if (!foundNumbers.has(item.number))
        missed.push({
          number: item.number,
          role: item.role,
          scenarioId: item.label.scenarioId,
          kind: item.label.kind,
        });
    score[family] = {
      precision: foundNumbers.size === 0 ? 1 : round3(right / foundNumbers.size),
      recall: scamNumbers.size === 0 ? 1 : round3(right / scamNumbers.size),
      expected: scamNumbers.size,
      found: right,
      falseFindings: foundNumbers.size - right,
    };
  }
  const campaignOf = new Map([...latest.values()].map((finding) => [finding.number, finding.campaignId]));
  const multi = labels.filter((label) => !label.benign && label.numbers.length > 1);
  const grouped = multi.filter((label) => {
    const ids = new Set(label.numbers.map(({ number }) => campaignOf.get(number)));
    return ids.size === 1 && !ids.has(undefined);
  });
  return {
    ...score,
    campaignGrouping: multi.length === 0 ? null : round3(grouped.length / multi.length),
    falseFindings,
    missed,
  };
}

/**
 * Every entity a network scenario involves (its subscribers, its numbers and their sender entities): alerts about
 * them belong to the network scenarios, not to the typology scenarios the typology table scores.
 */
export function networkScenarioEntities(labels: readonly NetworkScenarioLabel[]): Set<string> {
  const entities = new Set<string>();
  for (const label of labels) {
    for (const subscriber of label.subscribers) entities.add(subscriber);
    for (const { number } of label.numbers) {
      entities.add(number);
      if (number.startsWith('msisdn:')) entities.add(`sender:${number.slice('msisdn:'.length)}`);
    }
  }
  return entities;
}
