import { LURE_FEATURES as INGEST_LURE_FEATURES, type SmsFeatures } from '@vigil/ingest';
import type { CorpusText } from './text-corpus';

/** Features that count as a lure: a scam text should raise at least one of them, a benign text none. */
export const LURE_FEATURES = [...INGEST_LURE_FEATURES, 'brandLookalikeDomain'] as const;

/** Boolean features scored on the corpus (names as in LABELLING.md). */
export const SCORED_FEATURES = [
  'hasUrl',
  'shortenerUrl',
  'otpCode',
  'referencesShortNumber',
  ...LURE_FEATURES,
] as const;
export type ScoredFeature = (typeof SCORED_FEATURES)[number];

/** Reads one scored feature off extracted features; a feature the extractor does not have reads as false. */
export function featureValue(features: SmsFeatures, feature: ScoredFeature): boolean {
  if (feature === 'referencesShortNumber') return features.referencedShortNumbers.length > 0;
  return (features as unknown as Record<string, unknown>)[feature] === true;
}

/** Counts and rates of one feature over a set of texts; rates are null where undefined (no positives). */
export interface FeatureScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number | null;
  readonly recall: number | null;
}

/** Scores of one group of texts (a part, a language). */
export interface GroupScore {
  readonly texts: number;
  readonly scams: number;
  readonly benign: number;
  /** Share of scam texts raising at least one lure. */
  readonly scamWithLure: number | null;
  /** Share of benign texts raising at least one lure. */
  readonly benignWithLure: number | null;
  readonly features: Record<ScoredFeature, FeatureScore>;
  /**
   * Share of scam texts labelled with at least one lure: the most `scamWithLure` can reach, since some scams carry
   * no lure by LABELLING.md's definitions.
   */
  readonly scamWithLabelledLure: number | null;
  /** Ids of texts where some feature disagrees with its label. */
  readonly mismatches: string[];
  /** Scam texts raising no lure, each with its failure class: the lures it is labelled with (none: no lure family). */
  readonly scamsWithoutLure: ReadonlyArray<{ readonly id: string; readonly missedLures: readonly string[] }>;
}

/** A text with the features extracted from it. */
export interface ScoredText {
  readonly text: CorpusText;
  readonly features: SmsFeatures;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** Scores the texts of one group. */
export function scoreGroup(items: readonly ScoredText[]): GroupScore {
  const counts = Object.fromEntries(SCORED_FEATURES.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<
    ScoredFeature,
    { tp: number; fp: number; fn: number }
  >;
  let scams = 0;
  let scamsWithLure = 0;
  let scamsWithLabelledLure = 0;
  const scamsWithoutLure: Array<{ id: string; missedLures: string[] }> = [];
  let benign = 0;
  let benignWithLure = 0;
  const mismatches: string[] = [];
  for (const { text, features } of items) {
    let mismatch = false;
    for (const feature of SCORED_FEATURES) {
      const expected = text.expect.includes(feature);
      const actual = featureValue(features, feature);
      if (expected && actual) counts[feature].tp++;
      else if (actual) counts[feature].fp++;
      else if (expected) counts[feature].fn++;
      if (expected !== actual) mismatch = true;
    }
    if (mismatch) mismatches.push(text.id);
    const lure = LURE_FEATURES.some((feature) => featureValue(features, feature));
    if (text.label === 'scam') {
      scams++;
      const labelledLures = text.expect.filter((feature) =>
        (LURE_FEATURES as readonly string[]).includes(feature),
      );
      if (labelledLures.length > 0) scamsWithLabelledLure++;
      if (lure) scamsWithLure++;
      else scamsWithoutLure.push({ id: text.id, missedLures: labelledLures });
    } else {
      benign++;
      if (lure) benignWithLure++;
    }
  }
  const scored = Object.fromEntries(
    SCORED_FEATURES.map((feature) => {
      const { tp, fp, fn } = counts[feature];
      const score: FeatureScore = {
        truePositives: tp,
        falsePositives: fp,
        falseNegatives: fn,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn),
      };
      return [feature, score];
    }),
  ) as Record<ScoredFeature, FeatureScore>;
  return {
    texts: items.length,
    scams,
    benign,
    scamWithLure: ratio(scamsWithLure, scams),
    benignWithLure: ratio(benignWithLure, benign),
    scamWithLabelledLure: ratio(scamsWithLabelledLure, scams),
    features: scored,
    mismatches,
    scamsWithoutLure,
  };
}
