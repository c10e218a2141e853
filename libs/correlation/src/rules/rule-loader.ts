import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorrelationError, correlationErrorCodes } from '../correlation.errors';
import { parseRuleSet, type RuleSource } from './rule-parser';
import type { RuleSet } from './rule-set';

/** Reads every `*.yaml` / `*.yml` file of `dir` (not recursive), sorted by name. */
export function readRuleSources(dir: string): RuleSource[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch (error) {
    throw new CorrelationError(correlationErrorCodes.RULE_SOURCE_UNREADABLE, [
      `${dir}: cannot list rule files (${(error as Error).message})`,
    ]);
  }
  return names.sort().map((name) => {
    const path = join(dir, name);
    return { path, content: readFileSync(path, 'utf8') };
  });
}

/** Loads and validates the rule files of `dir`; throws CorrelationError naming file, rule and path. */
export function loadRuleSet(dir: string): RuleSet {
  return parseRuleSet(readRuleSources(dir));
}
