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

/**
 * Candidate rules from a directory of rule files or one file, split per rule; validated when they are put into the
 * set they are meant for (a candidate may supersede rules of that set).
 */
export function readRuleDocumentsAt(fileOrDir: string): RuleDocument[] {
  const sources = statSync(fileOrDir).isDirectory()
    ? readRuleSources(fileOrDir)
    : [{ path: fileOrDir, content: readFileSync(fileOrDir, 'utf8') }];
  return splitRuleDocuments(sources, { partOfASet: true });
}
