import type { EntityEventKind, Severity, Typology } from '@vigil/contracts';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';
import type { ExplanationTemplate } from './explanation-template';
import type { MatchMode } from './match-mode';
import type { RuleDefinition } from './rule-schema';

/** What a predicate may ask the engine about the entity being evaluated. */
export interface PredicateContext {
  /** True when `counterparty` exchanged nothing with the entity in the first-contact window before `atMs`. */
  isFirstContact(counterparty: string, atMs: number): boolean;
}

/** Events bound by earlier steps of the match being built, indexed by step. */
export type BoundEvents = readonly (TimedEvent | undefined)[];

/** A precompiled one-event test; plain functions built once at rule load. */
export interface EventCondition {
  /** Event kinds that can satisfy the condition (for indexing rules by kind). */
  readonly kinds: ReadonlySet<EntityEventKind>;
  /** The part that depends on the event alone: used to decide whether to buffer or evaluate at all. */
  staticTest(event: MatchableEvent): boolean;
  /** The full test, including first contact and variables bound by earlier steps. */
  test(event: MatchableEvent, timeMs: number, bound: BoundEvents, context: PredicateContext): boolean;
}

/** A positive step of a sequence. */
export interface CompiledStep {
  readonly name: string;
  readonly condition: EventCondition;
  /** Max gap from the previous step's event, in ms (Infinity for the first step). */
  readonly withinMs: number;
  /** Severity of the confirmed alert when this (optional, trailing) step is part of the match. */
  readonly severity?: Severity;
  /**
   * Events after this step's event that repeat it (may name this step's variables): the next step's `withinMs`
   * runs from the latest of them before its candidate, or from this step's event when there is none.
   */
  readonly repeat?: EventCondition;
}

/** A trailing step that must NOT happen within `withinMs` after the last positive step. */
export interface CompiledAbsence {
  readonly name: string;
  readonly condition: EventCondition;
  readonly withinMs: number;
}

interface CompiledRuleBase {
  /** `${id}@${version}`: identity of one rule version inside the engine. */
  readonly key: string;
  readonly id: string;
  readonly version: number;
  readonly typology: Typology;
  readonly severity: Severity;
  readonly description: string;
  readonly explanation: ExplanationTemplate;
  /** The file the rule came from, for error messages. */
  readonly source: string;
  readonly definition: RuleDefinition;
  readonly confirmed?: { readonly severity: Severity; readonly notify?: string };
}

/** A sequence (or single-event) rule, compiled. */
export interface CompiledSequenceRule extends CompiledRuleBase {
  readonly type: 'sequence';
  /** Positive steps; the last one may be optional (an escalation). */
  readonly steps: readonly CompiledStep[];
  /** Steps that must all match before the rule is confirmed. */
  readonly requiredCount: number;
  readonly absence?: CompiledAbsence;
  /** Max span from the first to the last positive step, in ms. */
  readonly withinMs: number;
  /** How many matches one scam may raise (match-mode.ts). */
  readonly matchMode: MatchMode;
  /** Some step asks whether a counterparty is a first contact: an answer that contacts arriving later may change. */
  readonly asksFirstContact: boolean;
  readonly earlyWarning?: {
    readonly afterIndex: number;
    readonly notify: string;
    readonly severity: Severity;
  };
}

/** A count or distinct count over a sliding event-time window, grouped by entity. */
export interface CompiledThresholdRule extends CompiledRuleBase {
  readonly type: 'threshold';
  readonly condition: EventCondition;
  /** Value whose distinct count is compared; undefined means a plain count. */
  readonly distinctOf?: (event: MatchableEvent) => string | undefined;
  readonly atLeast: number;
  readonly windowMs: number;
}

export type CompiledRule = CompiledSequenceRule | CompiledThresholdRule;
