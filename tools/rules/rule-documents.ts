import { parseAllDocuments, stringify } from 'yaml';
import { parseRuleSet, readRuleSources, type RuleSource } from '@vigil/correlation';
import type { RulePublicationV1 } from '@vigil/contracts';
import path from 'node:path';

/** One rule as it is published: its own YAML document, keyed by rule id. */
export type RuleDocument = Pick<RulePublicationV1, 'ruleId' | 'version' | 'source' | 'yaml'>;

/**
 * Splits the rule files of `dir` into one YAML document per rule (a file may hold several), after validating the
 * whole set exactly as the correlator will: an invalid set is never published.
 */
export function readRuleDocuments(dir: string): RuleDocument[] {
  const sources: RuleSource[] = readRuleSources(dir);
  parseRuleSet(sources);
  const documents: RuleDocument[] = [];
  for (const source of sources) {
    for (const document of parseAllDocuments(source.content) as ReturnType<typeof parseAllDocuments> &
      unknown[]) {
      const value = document.toJS() as unknown;
      for (const rule of Array.isArray(value) ? value : [value]) {
        const { id, version } = rule as { id: string; version: number };
        documents.push({ ruleId: id, version, source: path.basename(source.path), yaml: stringify(rule) });
      }
    }
  }
  // Each document alone must also be a valid rule set, or the correlator would reject the published set.
  parseRuleSet(
    documents.map((document) => ({ path: `${document.source}#${document.ruleId}`, content: document.yaml })),
  );
  return documents;
}
