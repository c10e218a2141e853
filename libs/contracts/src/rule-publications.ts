import { rulePublicationV1, type RulePublicationV1 } from './rule-publication.v1';

/**
 * The latest publication per rule id, as the compacted rules topic (vigil.rules.v1) holds them: each record replaces
 * its rule's publication, and a null value (tombstone) withdraws the rule.
 */
export class RulePublications {
  private readonly byRuleId = new Map<string, RulePublicationV1>();

  /**
   * Applies one record of the topic; a record without a rule id is ignored. An unreadable value throws the
   * contract's error and leaves the rule's last readable publication in place.
   */
  applyRecord(ruleId: string | null | undefined, value: Buffer | null): void {
    if (!ruleId) return;
    if (value === null) this.byRuleId.delete(ruleId);
    else this.byRuleId.set(ruleId, rulePublicationV1.deserialize(value));
  }

  get size(): number {
    return this.byRuleId.size;
  }

  /** The publications in force, by rule id (a copy). */
  byRule(): Map<string, RulePublicationV1> {
    return new Map(this.byRuleId);
  }

  values(): IterableIterator<RulePublicationV1> {
    return this.byRuleId.values();
  }
}
