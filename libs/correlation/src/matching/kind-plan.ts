import type { EntityEventKind, EntityEventV1 } from '@vigil/contracts';
import type { RepeatRef, StepRef, RuleSet } from '../rules/rule-set';
import type { CompiledThresholdRule, EventCondition } from '../rules/rule.types';

/** Whether an event of a kind makes its counterparty known to the subscriber. */
export const ContactRule = {
  Never: 0,
  Always: 1,
  /** Only when answered: a missed incoming call must not hide the scammer's answered one. */
  WhenAnswered: 2,
} as const;
export type ContactRule = (typeof ContactRule)[keyof typeof ContactRule];

/**
 * Everything the engine does with one event kind, resolved once per rule set so that an event of a
 * kind no rule cares about costs a single Map lookup.
 */
export interface KindPlan {
  readonly contact: ContactRule;
  /** Steps an event of the kind may satisfy: one passing a step's static test is buffered. */
  readonly steps: readonly StepRef[] | undefined;
  /** Absence conditions of the kind: an event passing one statically is buffered too. */
  readonly absenceConditions: readonly EventCondition[] | undefined;
  /** Repeated steps whose repeat condition an event of the kind may satisfy: such an event is buffered too. */
  readonly repeats: readonly RepeatRef[] | undefined;
  readonly thresholds: readonly CompiledThresholdRule[] | undefined;
}

const CONTACT_RULES: ReadonlyMap<EntityEventKind, ContactRule> = new Map<EntityEventKind, ContactRule>([
  ['sms_in', ContactRule.Always],
  ['sms_out', ContactRule.Always],
  ['call_in', ContactRule.WhenAnswered],
  ['call_out', ContactRule.Always],
  ['transfer_in', ContactRule.Always],
  ['transfer_out', ContactRule.Always],
]);

/** Plan for kinds that neither rules nor contacts care about. */
export const IGNORED_KIND: KindPlan = Object.freeze({
  contact: ContactRule.Never,
  steps: undefined,
  absenceConditions: undefined,
  repeats: undefined,
  thresholds: undefined,
});

/** One plan per kind that matters; other kinds map to IGNORED_KIND. */
export function planKinds(rules: RuleSet): Map<string, KindPlan> {
  const kinds = new Set<EntityEventKind>([
    ...CONTACT_RULES.keys(),
    ...rules.stepsByKind.keys(),
    ...rules.absenceConditionsByKind.keys(),
    ...rules.repeatsByKind.keys(),
    ...rules.thresholdsByKind.keys(),
  ]);
  const plans = new Map<string, KindPlan>();
  for (const kind of kinds) {
    plans.set(kind, {
      contact: CONTACT_RULES.get(kind) ?? ContactRule.Never,
      steps: rules.stepsByKind.get(kind),
      absenceConditions: rules.absenceConditionsByKind.get(kind),
      repeats: rules.repeatsByKind.get(kind),
      thresholds: rules.thresholdsByKind.get(kind),
    });
  }
  return plans;
}

/** True when the event makes its counterparty known to its entity. */
export function isContact(plan: KindPlan, event: EntityEventV1): boolean {
  if (plan.contact === ContactRule.Never || event.counterparty === undefined) return false;
  return plan.contact === ContactRule.Always || event.answered === true;
}
