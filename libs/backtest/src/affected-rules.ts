import type { CompiledRule } from '@vigil/correlation';
import { ruleSetOfDocuments, type RuleDocument } from './rule-documents';

/** Which rules a back-test must replay, and which give the same alerts on both sides without being replayed. */
export interface AffectedRules {
  /** Rules added, removed, or changed (version or document) between the two sides. */
  changed: string[];
  /** Rules replayed on both sides: every rule coupled, directly or through others, to a changed one. */
  rerun: string[];
  /** Rules left out of both sides: the same on both, and coupled to no changed rule. */
  notRerun: string[];
  /** Typologies of the rules replayed (whole typologies: every rule of one is replayed or none is). */
  rerunTypologies: string[];
}

/**
 * What a back-test need not replay. Rules share an engine but decide their alerts alone except through the
 * arbiter's "one scam, one alert": a rule's confirmed match is withheld when a rule that `supersedes` it (which may
 * be of another typology) matches one of its events, and names the rules it supersedes as support; a threshold rule
 * stays silent while another threshold rule of its typology has just alerted for the same burst. Contact memory is
 * written by every contact event whatever the rules (it is rule-independent), event time by every event. So rules
 * fall into groups closed under "same typology" and "supersedes" (either way, on either side); a group holding no
 * changed rule raises the same alerts with both rule sets and is left out of both engines.
 *
 * One coupling is left: the per-entity bounds (`maxBufferedEventsPerEntity`, `maxContactsPerEntity`) are shared by
 * all rules, so an entity that overflows them in the live correlator may keep, with fewer rules, an event it lost.
 * Such an entity is already one whose alerts the correlator reports as degraded (eviction counters).
 */
export function affectedRules(
  candidate: readonly RuleDocument[],
  baseline: readonly RuleDocument[],
): AffectedRules {
  const candidateRules = ruleSetOfDocuments(candidate).rules;
  const baselineRules = ruleSetOfDocuments(baseline).rules;
  const candidateDocuments = new Map(candidate.map((document) => [document.ruleId, document]));
  const baselineDocuments = new Map(baseline.map((document) => [document.ruleId, document]));
  const ids = [...new Set([...candidateDocuments.keys(), ...baselineDocuments.keys()])].sort();
  const changed = ids.filter((id) => {
    const [a, b] = [candidateDocuments.get(id), baselineDocuments.get(id)];
    return a === undefined || b === undefined || a.version !== b.version || a.yaml !== b.yaml;
  });

  const groups = new RuleGroups(ids);
  for (const rules of [candidateRules, baselineRules]) couple(groups, rules);
  const affected = new Set(changed.map((id) => groups.root(id)));
  const rerun = ids.filter((id) => affected.has(groups.root(id)));
  const typologyOf = new Map(
    [...baselineRules, ...candidateRules].map((rule) => [rule.id, rule.typology as string]),
  );
  return {
    changed,
    rerun,
    notRerun: ids.filter((id) => !affected.has(groups.root(id))),
    rerunTypologies: [...new Set(rerun.map((id) => typologyOf.get(id)!))].sort(),
  };
}

/** The documents of `documents` whose rules are among `ids`. */
export function onlyRules(documents: readonly RuleDocument[], ids: readonly string[]): RuleDocument[] {
  const keep = new Set(ids);
  return documents.filter((document) => keep.has(document.ruleId));
}

/** Joins the rules of one typology, and each rule with the rules it supersedes. */
function couple(groups: RuleGroups, rules: readonly CompiledRule[]): void {
  const firstOfTypology = new Map<string, string>();
  for (const rule of rules) {
    const first = firstOfTypology.get(rule.typology);
    if (first === undefined) firstOfTypology.set(rule.typology, rule.id);
    else groups.join(first, rule.id);
    for (const weaker of rule.definition.supersedes ?? []) groups.join(rule.id, weaker);
  }
}

/** Disjoint sets of rule ids (union–find). */
class RuleGroups {
  private readonly parent = new Map<string, string>();

  constructor(ids: readonly string[]) {
    for (const id of ids) this.parent.set(id, id);
  }

  root(id: string): string {
    let root = id;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(id, root);
    return root;
  }

  join(a: string, b: string): void {
    this.parent.set(this.root(a), this.root(b));
  }
}
