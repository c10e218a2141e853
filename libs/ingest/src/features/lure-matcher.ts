import type { LexiconsFile } from '../config/ingest-config.schema';
import { foldAlternation, WORD_START } from './lexicon-pattern';

/** Lure features, one per lexicon category of `lexicons.yaml` (`lures:`). */
export const LURE_FEATURES = [
  'prizeLure',
  'voiceMessageLure',
  'activationLure',
  'virusLure',
  'spywareOffer',
  'mediaLure',
  'codeRequest',
  'moneyRequest',
  'bankImpersonation',
  'fineDebtLure',
  'parcelLure',
  'loanLure',
] as const;
export type LureFeature = (typeof LURE_FEATURES)[number];

/** All lure lexicons in one regex, so a text is scanned once, not once per category. */
export interface LureMatcher {
  readonly pattern: RegExp;
  /** Capture-group index of each category, in LURE_FEATURES order. */
  readonly groupIndex: readonly number[];
}

/** Compiles the `lures` section; `file` names it in errors. */
export function compileLureMatcher(lures: LexiconsFile['lures'], file: string): LureMatcher {
  const groupIndex: number[] = [];
  const parts: string[] = [];
  let nextGroup = 1;
  for (const feature of LURE_FEATURES) {
    const alternation = foldAlternation(lures[feature], `lures.${feature}`, file);
    groupIndex.push(nextGroup);
    parts.push(`(${alternation.source})`);
    nextGroup += 1 + alternation.captureGroups;
  }
  return { pattern: new RegExp(`${WORD_START}(?:${parts.join('|')})`, 'g'), groupIndex };
}

/** Which lure categories occur in folded text. */
export function matchLures(foldedText: string, matcher: LureMatcher): Record<LureFeature, boolean> {
  const found = LURE_FEATURES.map(() => false);
  let remaining = LURE_FEATURES.length;
  const { pattern, groupIndex } = matcher;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (remaining > 0 && (match = pattern.exec(foldedText)) !== null) {
    for (let category = 0; category < groupIndex.length; category++) {
      if (!found[category] && match[groupIndex[category]] !== undefined) {
        found[category] = true;
        remaining--;
        break;
      }
    }
    // Restart just after the match start, not its end: a long entry must not hide another category inside it.
    pattern.lastIndex = match.index + 1;
  }
  const result = {} as Record<LureFeature, boolean>;
  LURE_FEATURES.forEach((feature, index) => (result[feature] = found[index]));
  return result;
}
