import { parse } from 'yaml';

/** A rule as the console lists it. */
export interface RuleSummary {
  ruleId: string;
  version: number;
  typology: string;
  severity: string;
  description: string;
  /** `published`: from vigil.rules.v1 (in force); `repository`: the rule files, in force until a version is published. */
  origin: 'published' | 'repository';
  source: string;
  publishedAt: string | null;
  publishedBy: string | null;
  yaml: string;
}

/** Reads the display fields of one rule's YAML (already validated when it was published or loaded). */
export function describeRuleYaml(yaml: string): Pick<RuleSummary, 'typology' | 'severity' | 'description'> {
  const rule = parse(yaml) as Record<string, unknown> | null;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    typology: text(rule?.typology),
    severity: text(rule?.severity),
    description: text(rule?.description),
  };
}
