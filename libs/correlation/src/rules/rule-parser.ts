import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { CorrelationError, correlationErrorCodes } from '../correlation.errors';
import { compileRule } from './rule-compiler';
import { ruleSchema } from './rule-schema';
import { RuleSet } from './rule-set';
import { specificityProblems } from './rule-specificity';
import type { CompiledRule } from './rule.types';

/** One rule source: a file path (or a topic key) and its YAML text. */
export interface RuleSource {
  readonly path: string;
  readonly content: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(rule)' : out;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function ruleLabel(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `rule ${id}` : `rule #${index + 1}`;
}

function parseSource(source: RuleSource, problems: string[], compiled: CompiledRule[]): void {
  const documents = parseAllDocuments(source.content);
  const raws: unknown[] = [];
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) {
      for (const error of document.errors) problems.push(`${source.path}: not valid YAML: ${error.message}`);
      return;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) raws.push(...(value as unknown[]));
    else raws.push(value);
  }
  if (raws.length === 0) problems.push(`${source.path}: holds no rule`);
  raws.forEach((raw, index) => {
    const prefix = `${source.path}: ${ruleLabel(raw, index)}`;
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...formatIssues(parsed.error.issues).map((line) => `${prefix}: ${line}`));
      return;
    }
    const ruleProblems: string[] = [];
    const rule = compileRule(parsed.data, source.path, ruleProblems);
    problems.push(...ruleProblems.map((line) => `${prefix}: ${line}`));
    if (ruleProblems.length === 0) compiled.push(rule);
  });
}

/**
 * Parses and validates rule YAML from strings (files, or records of the rules topic).
 * A source holds one rule (a mapping) or several (a list, or several YAML documents).
 * @throws CorrelationError(INVALID_RULE) listing every problem as `file: rule id: path: message`.
 */
export function parseRuleSet(sources: readonly RuleSource[]): RuleSet {
  const problems: string[] = [];
  const compiled: CompiledRule[] = [];
  for (const source of sources) parseSource(source, problems, compiled);
  const firstSource = new Map<string, string>();
  for (const rule of compiled) {
    const previous = firstSource.get(rule.id);
    if (previous !== undefined) {
      problems.push(`${rule.source}: rule ${rule.id}: id: already defined in ${previous}`);
    }
    firstSource.set(rule.id, rule.source);
  }
  if (problems.length === 0) problems.push(...specificityProblems(compiled));
  if (problems.length > 0) throw new CorrelationError(correlationErrorCodes.INVALID_RULE, problems);
  return new RuleSet(compiled);
}
