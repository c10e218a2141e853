import { defineContract } from './contract';
import schema from './schemas/rule-publication.v1.schema.json';

/** vigil.rules.v1: one rule's YAML, keyed by rule id; a null value (tombstone) withdraws it. */
export interface RulePublicationV1 {
  ruleId: string;
  version: number;
  source: string;
  yaml: string;
  publishedAt: string;
  publishedBy?: string;
}

export const rulePublicationV1 = defineContract<RulePublicationV1>(schema);
