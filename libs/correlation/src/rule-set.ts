import type { EntityEventKind } from '@vigil/contracts';
import type { CompiledRule, CompiledSequenceRule, CompiledThresholdRule, EventCondition } from './rule.types';

/** A positive step of a sequence rule that an event of some kind may satisfy. */
export interface StepRef {
  readonly rule: CompiledSequenceRule;
  readonly stepIndex: number;
}

function push<T>(map: Map<EntityEventKind, T[]>, kinds: Iterable<EntityEventKind>, value: T): void {
  for (const kind of kinds) {
    const list = map.get(kind);
    if (list === undefined) map.set(kind, [value]);
    else list.push(value);
  }
}

/** A validated, compiled set of rules, indexed by event kind. Immutable: replace it with `engine.setRules`. */
export class RuleSet {
  /** Steps each kind can satisfy, in rule order. */
  readonly stepsByKind = new Map<EntityEventKind, StepRef[]>();
  /** Every step and absence condition per kind: an event satisfying one statically is buffered. */
  readonly bufferConditionsByKind = new Map<EntityEventKind, EventCondition[]>();
  readonly thresholdsByKind = new Map<EntityEventKind, CompiledThresholdRule[]>();
  /** How long (event time, ms) a buffered event can still take part in a match. */
  readonly maxSpanMs: number;
  private readonly byKey: ReadonlyMap<string, CompiledRule>;

  constructor(readonly rules: readonly CompiledRule[]) {
    let maxSpanMs = 0;
    for (const rule of rules) {
      if (rule.type === 'threshold') {
        push(this.thresholdsByKind, rule.condition.kinds, rule);
        continue;
      }
      rule.steps.forEach((step, stepIndex) => {
        push(this.stepsByKind, step.condition.kinds, { rule, stepIndex });
        push(this.bufferConditionsByKind, step.condition.kinds, step.condition);
      });
      if (rule.absence !== undefined)
        push(this.bufferConditionsByKind, rule.absence.condition.kinds, rule.absence.condition);
      maxSpanMs = Math.max(maxSpanMs, rule.withinMs + (rule.absence?.withinMs ?? 0));
    }
    this.maxSpanMs = maxSpanMs;
    this.byKey = new Map(rules.map((rule) => [rule.key, rule]));
  }

  /** The rule with this `${id}@${version}` key, if part of the set. */
  get(key: string): CompiledRule | undefined {
    return this.byKey.get(key);
  }

  /** Rule ids with their versions, e.g. for a readiness report. */
  versions(): { id: string; version: number }[] {
    return this.rules.map((rule) => ({ id: rule.id, version: rule.version }));
  }
}
