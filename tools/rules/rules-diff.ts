import type { RulePublicationV1 } from '@vigil/contracts';
import type { RuleDocument } from './rule-documents';

export type RuleChange =
  | { change: 'added'; rule: RuleDocument }
  | { change: 'updated'; rule: RuleDocument; publishedVersion: number }
  | { change: 'unchanged'; rule: RuleDocument }
  | { change: 'removed'; ruleId: string; publishedVersion: number }
  /** Same or lower version but different content: the author must bump the version. */
  | { change: 'conflict'; rule: RuleDocument; publishedVersion: number; reason: string };

/** Compares the repository's rules with what the rules topic holds. */
export function diffRules(local: RuleDocument[], published: Map<string, RulePublicationV1>): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const rule of local) {
    const current = published.get(rule.ruleId);
    if (!current) changes.push({ change: 'added', rule });
    else if (current.yaml === rule.yaml && current.version === rule.version)
      changes.push({ change: 'unchanged', rule });
    else if (rule.version > current.version)
      changes.push({ change: 'updated', rule, publishedVersion: current.version });
    else
      changes.push({
        change: 'conflict',
        rule,
        publishedVersion: current.version,
        reason: `content differs from published version ${current.version}; bump "version" above ${current.version}`,
      });
  }
  const localIds = new Set(local.map((rule) => rule.ruleId));
  for (const [ruleId, current] of published) {
    if (!localIds.has(ruleId)) changes.push({ change: 'removed', ruleId, publishedVersion: current.version });
  }
  return changes;
}
