import type { CompiledRule, CompiledSequenceRule } from './rule.types';

/**
 * Which rules a rule supersedes (`supersedes` in YAML), closed transitively: when alerts of two such rules cover
 * the same entity and share an event, only the more specific one is published, naming the other as support.
 */
export interface RuleSpecificity {
  /** Rules that supersede the rule with this id, most specific first. */
  readonly supersededBy: ReadonlyMap<string, readonly CompiledSequenceRule[]>;
  /** Rules the rule with this id supersedes. */
  readonly supersedes: ReadonlyMap<string, readonly CompiledSequenceRule[]>;
}

/** Problems of the `supersedes` lists of a rule set: unknown ids, non-sequence rules, cycles. */
export function specificityProblems(rules: readonly CompiledRule[]): string[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const problems: string[] = [];
  for (const rule of rules) {
    const named = rule.definition.supersedes ?? [];
    if (named.length > 0 && rule.type !== 'sequence')
      problems.push(`${rule.source}: rule ${rule.id}: supersedes: only a sequence rule can supersede`);
    for (const id of named) {
      const other = byId.get(id);
      if (other === undefined) problems.push(`${rule.source}: rule ${rule.id}: supersedes: no rule ${id}`);
      else if (other.type !== 'sequence')
        problems.push(`${rule.source}: rule ${rule.id}: supersedes: ${id} is not a sequence rule`);
      else if (id === rule.id) problems.push(`${rule.source}: rule ${rule.id}: supersedes: itself`);
    }
  }
  if (problems.length > 0) return problems;
  for (const rule of rules) {
    if (closure(rule.id, byId).has(rule.id))
      problems.push(`${rule.source}: rule ${rule.id}: supersedes: a cycle leads back to it`);
  }
  return problems;
}

function closure(id: string, byId: ReadonlyMap<string, CompiledRule>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(byId.get(id)?.definition.supersedes ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(byId.get(next)?.definition.supersedes ?? []));
  }
  return seen;
}

/** The transitive specificity order of a rule set whose `specificityProblems` are none. */
export function ruleSpecificity(rules: readonly CompiledRule[]): RuleSpecificity {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const supersededBy = new Map<string, CompiledSequenceRule[]>();
  const supersedes = new Map<string, CompiledSequenceRule[]>();
  for (const rule of rules) {
    if (rule.type !== 'sequence') continue;
    for (const id of closure(rule.id, byId)) {
      const other = byId.get(id);
      // A cycle is a problem parseRuleSet reports; a RuleSet built directly just ignores it.
      if (other === undefined || other.type !== 'sequence' || id === rule.id) continue;
      (supersedes.get(rule.id) ?? supersedes.set(rule.id, []).get(rule.id)!).push(other);
      (supersededBy.get(id) ?? supersededBy.set(id, []).get(id)!).push(rule);
    }
  }
  // Most specific first: a rule superseding more rules is asked first, so an alert names the one that won.
  for (const list of supersededBy.values())
    list.sort((a, b) => (supersedes.get(b.id)?.length ?? 0) - (supersedes.get(a.id)?.length ?? 0));
  return { supersededBy, supersedes };
}
