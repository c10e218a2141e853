import type { LexiconsFile } from '../config/ingest-config.schema';
import { compileConceptMatcher, matchConcepts, type ConceptMatcher } from './concept-matcher';
import { foldAlternation, WORD_START } from './lexicon-pattern';
import { LURE_FEATURES, type LureFeature } from './lure-features';

export { LURE_FEATURES, type LureFeature } from './lure-features';

/**
 * Lure matching: all lure lexicons in one regex, so a text is scanned once, not once per category; and the
 * concept rules over word stems, which find the same families in wording the lexicons do not spell out.
 */
export interface LureMatcher {
  readonly pattern: RegExp;
  /** Capture-group index of each category, in LURE_FEATURES order. */
  readonly groupIndex: readonly number[];
  readonly concepts: ConceptMatcher;
}

/** Compiles the `lures`, `concepts` and `conceptRules` sections; `file` names the document in errors. */
export function compileLureMatcher(doc: LexiconsFile, file: string): LureMatcher {
  const lures = doc.lures;
  const groupIndex: number[] = [];
  const parts: string[] = [];
  let nextGroup = 1;
  for (const feature of LURE_FEATURES) {
    const alternation = foldAlternation(lures[feature], `lures.${feature}`, file);
    groupIndex.push(nextGroup);
    parts.push(`(${alternation.source})`);
    nextGroup += 1 + alternation.captureGroups;
  }
  return {
    pattern: new RegExp(`${WORD_START}(?:${parts.join('|')})`, 'g'),
    groupIndex,
    concepts: compileConceptMatcher(doc.concepts, doc.conceptRules, file),
  };
}

/** Which lure categories occur in a text, given lower-cased (for stems) and folded (for lexicons). */
export function matchLures(
  lowerText: string,
  foldedText: string,
  matcher: LureMatcher,
): Record<LureFeature, boolean> {
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
  matchConcepts(lowerText, matcher.concepts, found);
  const result = {} as Record<LureFeature, boolean>;
  LURE_FEATURES.forEach((feature, index) => (result[feature] = found[index]));
  return result;
}
