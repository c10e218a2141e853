import { readFileSync, statSync } from 'node:fs';
import { splitRuleDocuments, type RuleDocument } from '@vigil/backtest';
import { readRuleSources } from '@vigil/correlation';

export type { RuleDocument } from '@vigil/backtest';

/**
 * The rule files of `dir` as one YAML document per rule (a file may hold several), after validating the whole set
 * exactly as the correlator will: an invalid set is never published.
 */
export function readRuleDocuments(dir: string): RuleDocument[] {
  return splitRuleDocuments(readRuleSources(dir));
}

/** Like readRuleDocuments, for a directory of rule files or one file. */
export function readRuleDocumentsAt(fileOrDir: string): RuleDocument[] {
  if (statSync(fileOrDir).isDirectory()) return readRuleDocuments(fileOrDir);
  return splitRuleDocuments([{ path: fileOrDir, content: readFileSync(fileOrDir, 'utf8') }]);
}
