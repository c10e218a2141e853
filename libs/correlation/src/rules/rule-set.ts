import type { EntityEventKind } from '@vigil/contracts';
import { ruleSpecificity, type RuleSpecificity } from './rule-specificity';
import type { CompiledRule, CompiledSequenceRule, CompiledThresholdRule, EventCondition } from './rule.types';

/** Bits available for step bits: the low 30 bits of a small integer. */
const STEP_BIT_COUNT = 30;
/** A mask that rules no step out. */
export const ALL_STEP_BITS = (1 << STEP_BIT_COUNT) - 1;

/** A step with `repeats`: an event repeating it may let the next step's event match later than before. */
export interface RepeatRef {
  readonly rule: CompiledSequenceRule;
  /** The repeated step; the next one is anchored on its latest repeat. */
  readonly stepIndex: number;
  /** Bits of the steps up to the anchored one: a search needs a buffered event for each. */
  readonly neededBits: number;
}

/** A positive step of a sequence rule that an event of some kind may satisfy. */
export interface StepRef {
  readonly rule: CompiledSequenceRule;
  readonly stepIndex: number;
  /**
   * The step's bit in an entity's buffered-step mask. Steps beyond 30 share bits, which only makes
   * the mask say "maybe" more often: a set bit never rules a match out.
   */
  readonly bit: number;
  /** Bits of the earlier steps of the rule: a match with this step needs a buffered event for each. */
  readonly earlierBits: number;
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
  /**
   * Absence conditions per kind. An event is buffered when it satisfies one of these or a step's
   * condition statically (the steps' own static tests, in `stepsByKind`, are run once per event).
   */
  readonly absenceConditionsByKind = new Map<EntityEventKind, EventCondition[]>();
  readonly thresholdsByKind = new Map<EntityEventKind, CompiledThresholdRule[]>();
  /** Repeated steps per kind of their repeat condition: such an event is buffered, and searched as a repeat. */
  readonly repeatsByKind = new Map<EntityEventKind, RepeatRef[]>();
  /** How long (event time, ms) a buffered event can still take part in a match. */
  readonly maxSpanMs: number;
  private readonly byKey: ReadonlyMap<string, CompiledRule>;
  /** Which rules supersede which (rule ids, transitively). */
  readonly specificity: RuleSpecificity;

  constructor(readonly rules: readonly CompiledRule[]) {
    let maxSpanMs = 0;
    let stepNumber = 0;
    for (const rule of rules) {
      if (rule.type === 'threshold') {
        push(this.thresholdsByKind, rule.condition.kinds, rule);
        continue;
      }
      let earlierBits = 0;
      const bits: number[] = [];
      rule.steps.forEach((step, stepIndex) => {
        const bit = 1 << (stepNumber++ % STEP_BIT_COUNT);
        bits.push(bit);
        push(this.stepsByKind, step.condition.kinds, { rule, stepIndex, bit, earlierBits });
        earlierBits |= bit;
      });
      rule.steps.forEach((step, stepIndex) => {
        if (step.repeat === undefined) return;
        const neededBits = bits.slice(0, stepIndex + 2).reduce((all, bit) => all | bit, 0);
        push(this.repeatsByKind, step.repeat.kinds, { rule, stepIndex, neededBits });
      });
      if (rule.absence !== undefined)
        push(this.absenceConditionsByKind, rule.absence.condition.kinds, rule.absence.condition);
      maxSpanMs = Math.max(maxSpanMs, rule.withinMs + (rule.absence?.withinMs ?? 0));
    }
    this.maxSpanMs = maxSpanMs;
    this.byKey = new Map(rules.map((rule) => [rule.key, rule]));
    this.specificity = ruleSpecificity(rules);
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
