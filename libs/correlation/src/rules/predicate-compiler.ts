import type { EntityEventKind, FeatureValue } from '@vigil/contracts';
import type { PredicateDefinition } from './rule-schema';
import type { BoundEvents, EventCondition, PredicateContext } from './rule.types';
import type { MatchableEvent } from '../time/timed-event';

type StaticCheck = (event: MatchableEvent) => boolean;
type DynamicCheck = (
  event: MatchableEvent,
  timeMs: number,
  bound: BoundEvents,
  context: PredicateContext,
) => boolean;
/** Reads a value from an event bound by an earlier step. */
type BoundValue = (bound: BoundEvents) => FeatureValue | undefined;

const VARIABLE = /^\$([a-z][a-z0-9_]*)\.(counterparty|amount|kind|features\.([A-Za-z][A-Za-z0-9_]*))$/;
const RATIO = /^(?:(\d+(?:\.\d+)?)\s*\*\s*)?(\$.+)$/;

interface CompileScope {
  /** Names of the steps before the one being compiled; variables may only refer to these. */
  readonly earlierSteps: readonly string[];
  /** Path of the predicate inside the rule, for problems, e.g. `sequence[2].anyOf[1]`. */
  readonly path: string;
  readonly problems: string[];
}

function resolveVariable(text: string, field: string, scope: CompileScope): BoundValue | undefined {
  const match = VARIABLE.exec(text);
  const index = match === null ? -1 : scope.earlierSteps.indexOf(match[1]);
  if (match === null || index < 0) {
    scope.problems.push(`${scope.path}.${field}: "${text}" does not name an earlier step`);
    return undefined;
  }
  const feature = match[3];
  if (feature !== undefined) return (bound) => bound[index]?.features[feature];
  const key = match[2] as 'counterparty' | 'amount' | 'kind';
  return (bound) => bound[index]?.[key];
}

function featureMatches(actual: FeatureValue | undefined, expected: FeatureValue): boolean {
  if (expected === true) return actual === true;
  // `false` also matches a missing feature: ingest omits features it did not detect.
  if (expected === false) return actual !== true;
  if (typeof expected === 'number') return actual === expected;
  if (typeof expected === 'string')
    return actual === expected || (Array.isArray(actual) && actual.includes(expected));
  if (typeof actual === 'string') return expected.includes(actual);
  return Array.isArray(actual) && actual.some((value) => expected.includes(value));
}

function valueContains(value: FeatureValue | undefined, candidate: string | undefined): boolean {
  if (candidate === undefined || value === undefined) return false;
  return Array.isArray(value) ? value.includes(candidate) : value === candidate;
}

function compileStatic(def: PredicateDefinition, checks: StaticCheck[]): void {
  if (def.counterpartyClass !== undefined) {
    const classes = new Set<string>(def.counterpartyClass);
    checks.push((e) => e.counterpartyClass !== undefined && classes.has(e.counterpartyClass));
  }
  if (def.notCounterpartyClass !== undefined) {
    const classes = new Set<string>(def.notCounterpartyClass);
    checks.push((e) => e.counterpartyClass === undefined || !classes.has(e.counterpartyClass));
  }
  if (def.channel !== undefined) {
    const channels = new Set(def.channel);
    checks.push((e) => e.channel !== undefined && channels.has(e.channel));
  }
  if (def.answered !== undefined) {
    const answered = def.answered;
    checks.push((e) => (e.answered === true) === answered);
  }
  if (def.minDurationSec !== undefined) {
    const min = def.minDurationSec;
    checks.push((e) => e.durationSec !== undefined && e.durationSec >= min);
  }
  for (const [name, expected] of Object.entries(def.features ?? {})) {
    checks.push((e) => featureMatches(e.features[name], expected));
  }
  if (typeof def.counterparty === 'string' && !def.counterparty.startsWith('$')) {
    const literal = def.counterparty;
    checks.push((e) => e.counterparty === literal);
  }
  if (typeof def.counterpartyNot === 'string' && !def.counterpartyNot.startsWith('$')) {
    const literal = def.counterpartyNot;
    checks.push((e) => e.counterparty !== literal);
  }
  if (Array.isArray(def.counterpartyIn)) {
    const list = new Set(def.counterpartyIn);
    checks.push((e) => e.counterparty !== undefined && list.has(e.counterparty));
  }
  for (const [op, bound] of Object.entries(def.amount ?? {})) {
    if (typeof bound !== 'number') continue;
    checks.push(
      op === 'gte'
        ? (e) => e.amount !== undefined && e.amount >= bound
        : (e) => e.amount !== undefined && e.amount <= bound,
    );
  }
}

function compileDynamic(def: PredicateDefinition, scope: CompileScope, checks: DynamicCheck[]): void {
  if (def.counterparty?.startsWith('$')) {
    const read = resolveVariable(def.counterparty, 'counterparty', scope);
    if (read) checks.push((e, _t, bound) => e.counterparty !== undefined && read(bound) === e.counterparty);
  }
  if (def.counterpartyNot?.startsWith('$')) {
    const read = resolveVariable(def.counterpartyNot, 'counterpartyNot', scope);
    if (read) checks.push((e, _t, bound) => read(bound) !== e.counterparty);
  }
  if (typeof def.counterpartyIn === 'string') {
    const read = resolveVariable(def.counterpartyIn, 'counterpartyIn', scope);
    if (read) checks.push((e, _t, bound) => valueContains(read(bound), e.counterparty));
  }
  for (const [op, bound] of Object.entries(def.amount ?? {})) {
    if (typeof bound !== 'string') continue;
    const [, ratioText, variableText] = RATIO.exec(bound) ?? [];
    const ratio = ratioText === undefined ? 1 : Number(ratioText);
    const read = resolveVariable(variableText ?? bound, `amount.${op}`, scope);
    if (!read) continue;
    const limit = (b: BoundEvents): number => {
      const value = read(b);
      return typeof value === 'number' ? value * ratio : NaN;
    };
    checks.push(
      op === 'gte'
        ? (e, _t, b) => e.amount !== undefined && e.amount >= limit(b)
        : (e, _t, b) => e.amount !== undefined && e.amount <= limit(b),
    );
  }
  if (def.firstContact !== undefined) {
    const wanted = def.firstContact;
    checks.push(
      (e, t, _b, context) =>
        e.counterparty !== undefined && context.isFirstContact(e.counterparty, t) === wanted,
    );
  }
}

interface CompiledAlternative {
  readonly kinds: ReadonlySet<EntityEventKind>;
  /** The kinds as a short list: comparing one or two interned strings beats a Set lookup. */
  readonly kindList: readonly EntityEventKind[];
  readonly staticChecks: readonly StaticCheck[];
  readonly dynamicChecks: readonly DynamicCheck[];
}

function runStatic(alternative: CompiledAlternative, event: MatchableEvent): boolean {
  if (!alternative.kindList.includes(event.kind)) return false;
  const checks = alternative.staticChecks;
  for (let i = 0; i < checks.length; i++) if (!checks[i](event)) return false;
  return true;
}

/**
 * Compiles one predicate, or alternatives (`anyOf`), into an EventCondition.
 * Problems (e.g. a variable naming a later step) are appended to `problems` with their path.
 */
export function compileCondition(
  alternatives: readonly PredicateDefinition[],
  earlierSteps: readonly string[],
  path: string,
  problems: string[],
): EventCondition {
  const compiled: CompiledAlternative[] = alternatives.map((def, i) => {
    const scope = { earlierSteps, path: alternatives.length > 1 ? `${path}[${i}]` : path, problems };
    const staticChecks: StaticCheck[] = [];
    const dynamicChecks: DynamicCheck[] = [];
    compileStatic(def, staticChecks);
    compileDynamic(def, scope, dynamicChecks);
    const kinds = new Set<EntityEventKind>(def.kinds ?? (def.kind === undefined ? [] : [def.kind]));
    return { kinds, kindList: [...kinds], staticChecks, dynamicChecks };
  });
  const kinds = new Set<EntityEventKind>(compiled.flatMap((a) => [...a.kinds]));
  const staticTest = (event: MatchableEvent): boolean => {
    for (let i = 0; i < compiled.length; i++) if (runStatic(compiled[i], event)) return true;
    return false;
  };
  const test = (
    event: MatchableEvent,
    timeMs: number,
    bound: BoundEvents,
    context: PredicateContext,
  ): boolean => {
    outer: for (let i = 0; i < compiled.length; i++) {
      const alternative = compiled[i];
      if (!runStatic(alternative, event)) continue;
      const checks = alternative.dynamicChecks;
      for (let j = 0; j < checks.length; j++) if (!checks[j](event, timeMs, bound, context)) continue outer;
      return true;
    }
    return false;
  };
  return { kinds, staticTest, test };
}
