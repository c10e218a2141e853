import type { LexiconsFile } from '../config/ingest-config.schema';
import { compileConceptMatcher, matchConcepts, type ConceptMatcher } from './concept-matcher';
import { foldAlternation, WORD_START } from './lexicon-pattern';
import { LURE_FEATURES, type LureFeature } from './lure-features';

export { LURE_FEATURES, type LureFeature } from './lure-features';

/**
 * V8 stops optimizing a regular expression whose source passes 20 KiB (kRegExpTooLargeToOptimize), and then runs
 * it several times slower: lure categories are packed into patterns whose sources stay below this budget.
 */
const PATTERN_SOURCE_BUDGET = 16_000;

/** One compiled alternation over some lure categories. */
interface LurePattern {
  readonly pattern: RegExp;
  /** Index in LURE_FEATURES of each category of this pattern, in capture-group order. */
  readonly categories: readonly number[];
  /** Capture-group index of each category of `categories`. */
  readonly groupIndex: readonly number[];
}

/**
 * Lure matching: all lure lexicons in as few regexes as V8 optimizes (one scan of a text per regex, not one per
 * category); and the concept rules over word stems, which find the same families in wording the lexicons do not
 * spell out.
 */
export interface LureMatcher {
  readonly patterns: readonly LurePattern[];
  readonly concepts: ConceptMatcher;
}

function compilePattern(parts: readonly string[], categories: number[], groupIndex: number[]): LurePattern {
  return { pattern: new RegExp(`${WORD_START}(?:${parts.join('|')})`, 'g'), categories, groupIndex };
}

/** Compiles the `lures`, `concepts` and `conceptRules` sections; `file` names the document in errors. */
export function compileLureMatcher(doc: LexiconsFile, file: string): LureMatcher {
  const lures = doc.lures;
  const patterns: LurePattern[] = [];
  let parts: string[] = [];
  let categories: number[] = [];
  let groupIndex: number[] = [];
  let sourceLength = 0;
  let nextGroup = 1;
  LURE_FEATURES.forEach((feature, category) => {
    const alternation = foldAlternation(lures[feature], `lures.${feature}`, file);
    const part = `(${alternation.source})`;
    if (parts.length > 0 && sourceLength + part.length > PATTERN_SOURCE_BUDGET) {
      patterns.push(compilePattern(parts, categories, groupIndex));
      parts = [];
      categories = [];
      groupIndex = [];
      sourceLength = 0;
      nextGroup = 1;
    }
    parts.push(part);
    categories.push(category);
    groupIndex.push(nextGroup);
    sourceLength += part.length + 1;
    nextGroup += 1 + alternation.captureGroups;
  });
  if (parts.length > 0) patterns.push(compilePattern(parts, categories, groupIndex));
  return { patterns, concepts: compileConceptMatcher(doc.concepts, doc.conceptRules, file) };
}

/** Marks in `found` the categories of one pattern that occur in the folded text. */
function scanPattern(
  { pattern, categories, groupIndex }: LurePattern,
  foldedText: string,
  found: boolean[],
): void {
  let remaining = 0;
  for (const category of categories) if (!found[category]) remaining++;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (remaining > 0 && (match = pattern.exec(foldedText)) !== null) {
    for (let i = 0; i < categories.length; i++) {
      const category = categories[i];
      if (!found[category] && match[groupIndex[i]] !== undefined) {
        found[category] = true;
        remaining--;
        break;
      }
    }
    // Restart just after the match start, not its end: a long entry must not hide another category inside it.
    pattern.lastIndex = match.index + 1;
  }
}

/** Which lure categories occur in a text, given lower-cased (for stems) and folded (for lexicons). */
export function matchLures(
  lowerText: string,
  foldedText: string,
  matcher: LureMatcher,
): Record<LureFeature, boolean> {
  const found = LURE_FEATURES.map(() => false);
  for (const pattern of matcher.patterns) scanPattern(pattern, foldedText, found);
  matchConcepts(lowerText, matcher.concepts, found);
  const result = {} as Record<LureFeature, boolean>;
  LURE_FEATURES.forEach((feature, index) => (result[feature] = found[index]));
  return result;
}
