import { parse, parseAllDocuments, stringify } from 'yaml';
import { RuleSet, parseRuleSet, type RuleSource } from '@vigil/correlation';
import { isPhoneNumber, type RulePublicationV1 } from '@vigil/contracts';
import type { RuleVersion } from './backtest-report';

/** One rule as it is published: its own YAML document, keyed by rule id. */
export type RuleDocument = Pick<RulePublicationV1, 'ruleId' | 'version' | 'source' | 'yaml'>;

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Splits rule sources into one YAML document per rule (a file may hold several), after validating the whole set
 * exactly as the correlator will: an invalid set is never published or back-tested. `partOfASet`: the sources are
 * candidates for a larger set (a rule may name rules it supersedes that live elsewhere), validated within that set
 * (`ruleSetOfDocuments` of the overlay) instead of alone.
 */
export function splitRuleDocuments(
  sources: readonly RuleSource[],
  options: { partOfASet?: boolean } = {},
): RuleDocument[] {
  if (!options.partOfASet) parseRuleSet([...sources]);
  const documents: RuleDocument[] = [];
  for (const source of sources) {
    for (const document of parseAllDocuments(source.content) as ReturnType<typeof parseAllDocuments> &
      unknown[]) {
      const value = document.toJS() as unknown;
      if (value === null || value === undefined) continue;
      for (const rule of Array.isArray(value) ? value : [value]) {
        const { id, version } = rule as { id: string; version: number };
        documents.push({ ruleId: id, version, source: baseName(source.path), yaml: stringify(rule) });
      }
    }
  }
  // Split into documents the set must still be valid: the correlator builds it from the published documents.
  if (!options.partOfASet) ruleSetOfDocuments(documents);
  return documents;
}

/** The set a correlator builds from these documents (as from a published set). */
export function ruleSetOfDocuments(documents: readonly RuleDocument[]): RuleSet {
  return parseRuleSet(
    documents.map((document) => ({ path: `${document.source}#${document.ruleId}`, content: document.yaml })),
  );
}

/**
 * The sets a back-test compares, each as `ruleSetOfDocuments` builds it, but a rule whose document is the same on both
 * sides (id, version, YAML) compiled once and shared: one engine then matches it once for both (`PartitionReplay`).
 */
export function comparedRuleSets(
  candidate: readonly RuleDocument[],
  baseline: readonly RuleDocument[],
): { candidate: RuleSet; baseline: RuleSet } {
  const baselineSet = ruleSetOfDocuments(baseline);
  const candidateSet = ruleSetOfDocuments(candidate);
  const baselineDocuments = new Map(baseline.map((document) => [document.ruleId, document]));
  const baselineRules = new Map(baselineSet.rules.map((rule) => [rule.id, rule]));
  const same = new Set(
    candidate
      .filter((document) => {
        const other = baselineDocuments.get(document.ruleId);
        return other !== undefined && other.version === document.version && other.yaml === document.yaml;
      })
      .map((document) => document.ruleId),
  );
  if (same.size === 0) return { candidate: candidateSet, baseline: baselineSet };
  return {
    candidate: new RuleSet(
      candidateSet.rules.map((rule) => (same.has(rule.id) ? baselineRules.get(rule.id)! : rule)),
    ),
    baseline: baselineSet,
  };
}

/** `base` with every rule of `over` in place of the rule of the same id (or added): a candidate in context. */
export function overlayRuleDocuments(
  base: readonly RuleDocument[],
  over: readonly RuleDocument[],
): RuleDocument[] {
  const byId = new Map(base.map((document) => [document.ruleId, document]));
  for (const document of over) byId.set(document.ruleId, document);
  return [...byId.values()];
}

/** Id, version and typology of every rule of a set. */
export function ruleVersionsOf(rules: RuleSet): RuleVersion[] {
  return rules.rules.map((rule) => ({ ruleId: rule.id, version: rule.version, typology: rule.typology }));
}

const COUNTERPARTY_FIELDS = new Set(['counterparty', 'counterpartyNot', 'counterpartyIn']);

function literalPhoneNumbers(value: unknown, found: string[]): void {
  if (Array.isArray(value)) for (const item of value) literalPhoneNumbers(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      const literals = COUNTERPARTY_FIELDS.has(key) ? [item].flat() : [];
      for (const literal of literals)
        if (typeof literal === 'string' && isPhoneNumber(literal)) found.push(key);
      literalPhoneNumbers(item, found);
    }
}

/**
 * Refuses rules that compare a counterparty with a literal phone number: stored history holds keyed hashes, so such
 * a comparison could never hold there and the back-test would silently differ from the correlator.
 */
export function assertBacktestable(documents: readonly RuleDocument[]): void {
  const refused = documents.flatMap((document) => {
    const found: string[] = [];
    literalPhoneNumbers(parse(document.yaml), found);
    return found.length === 0 ? [] : [`${document.ruleId}: ${[...new Set(found)].join(', ')}`];
  });
  if (refused.length > 0)
    throw new RangeError(
      `cannot back-test rules comparing a counterparty with a literal phone number (stored numbers are keyed ` +
        `hashes): ${refused.join('; ')}`,
    );
}
