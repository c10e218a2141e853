import type { Severity } from '@vigil/contracts';
import { parseDurationMs } from '../time/duration';
import { compileExplanation } from './explanation-template';
import { compileCondition } from './predicate-compiler';
import type { RuleDefinition, StepDefinition } from './rule-schema';
import type {
  CompiledAbsence,
  CompiledRule,
  CompiledSequenceRule,
  CompiledStep,
  CompiledThresholdRule,
} from './rule.types';

function confirmedAction(def: RuleDefinition): CompiledRule['confirmed'] {
  // A rule that declares only an early warning never confirms; a rule without actions confirms.
  if (def.actions === undefined) return { severity: def.severity };
  if (def.actions.confirmed === undefined) return undefined;
  return { severity: def.actions.confirmed.severity ?? def.severity, notify: def.actions.confirmed.notify };
}

function compileSteps(
  def: RuleDefinition,
  steps: readonly StepDefinition[],
  problems: string[],
): { positive: CompiledStep[]; absence?: CompiledAbsence } {
  const positive: CompiledStep[] = [];
  let absence: CompiledAbsence | undefined;
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const path = `sequence[${i}]`;
    if (seen.has(step.name)) problems.push(`${path}.name: step "${step.name}" is declared twice`);
    seen.add(step.name);
    const isLast = i === steps.length - 1;
    const withinMs = step.within === undefined ? Infinity : parseDurationMs(step.within);
    if (i === 0 && step.within !== undefined)
      problems.push(`${path}.within: the first step has no previous step`);
    const earlier = positive.map((s) => s.name);
    if (step.absent !== undefined) {
      if (step.repeats !== undefined) problems.push(`${path}.repeats: an absence step cannot repeat`);
      if (!isLast || i === 0)
        problems.push(`${path}.absent: only the last step, after a positive one, may be absent`);
      if (step.within === undefined)
        problems.push(`${path}.within: an absence step needs a duration like "30m"`);
      const condition = compileCondition([step.absent], earlier, `${path}.absent`, problems);
      absence = { name: step.name, condition, withinMs };
      return;
    }
    if (step.optional === true && !isLast)
      problems.push(`${path}.optional: only the last step may be optional`);
    if (step.severity !== undefined && step.optional !== true) {
      problems.push(`${path}.severity: only an optional step may raise the severity`);
    }
    const alternatives = step.anyOf ?? (step.match === undefined ? [] : [step.match]);
    const conditionPath = step.anyOf === undefined ? `${path}.match` : `${path}.anyOf`;
    const condition = compileCondition(alternatives, earlier, conditionPath, problems);
    let repeat: CompiledStep['repeat'];
    if (step.repeats !== undefined) {
      const next = steps[i + 1];
      if (next === undefined || next.absent !== undefined)
        problems.push(`${path}.repeats: only a step followed by a positive step may repeat`);
      repeat = compileCondition([step.repeats], [...earlier, step.name], `${path}.repeats`, problems);
    }
    positive.push({ name: step.name, condition, withinMs, severity: step.severity, repeat });
  });
  if (def.within === undefined && positive.slice(1).some((s) => s.withinMs === Infinity)) {
    problems.push(
      'within: a sequence needs a rule-level "within" or a "within" on every step after the first',
    );
  }
  return { positive, absence };
}

function compileSequence(def: RuleDefinition, source: string, problems: string[]): CompiledSequenceRule {
  const steps: StepDefinition[] = def.sequence ?? [{ name: 'event', match: def.single }];
  const { positive, absence } = compileSteps(def, steps, problems);
  const optionalLast = steps[steps.length - 1].optional === true;
  const requiredCount = optionalLast ? positive.length - 1 : positive.length;
  const stepSum = positive.slice(1).reduce((sum, s) => sum + s.withinMs, 0);
  const withinMs = def.within === undefined ? stepSum : parseDurationMs(def.within);
  let earlyWarning: CompiledSequenceRule['earlyWarning'];
  const warning = def.actions?.early_warning;
  if (warning !== undefined) {
    const afterIndex = positive.findIndex((s) => s.name === warning.after);
    if (afterIndex < 0 || afterIndex >= requiredCount) {
      problems.push(`actions.early_warning.after: "${warning.after}" is not a required step of this rule`);
    }
    earlyWarning = { afterIndex, notify: warning.notify, severity: warning.severity ?? def.severity };
  }
  const matchMode = def.matches ?? 'every_combination';
  const asksFirstContact = steps.some((step) =>
    [
      ...(step.anyOf ?? []),
      ...(step.match === undefined ? [] : [step.match]),
      ...(step.repeats === undefined ? [] : [step.repeats]),
    ].some((predicate) => predicate.firstContact !== undefined),
  );
  const names = [...positive.map((s) => s.name), ...(absence ? [absence.name] : [])];
  // Steps an alert of this rule may be raised without: those after the early warning, and an optional last step.
  const mayBeUnmatched = positive
    .filter(
      (s, index) =>
        (earlyWarning !== undefined && earlyWarning.afterIndex >= 0 && index > earlyWarning.afterIndex) ||
        index >= requiredCount,
    )
    .map((s) => s.name);
  const { template, problems: templateProblems } = compileExplanation(def.explanation, names, mayBeUnmatched);
  problems.push(...templateProblems.map((p) => `explanation: ${p}`));
  return {
    ...base(def, source),
    explanation: template,
    type: 'sequence',
    steps: positive,
    requiredCount,
    absence,
    withinMs,
    matchMode,
    asksFirstContact,
    earlyWarning,
  };
}

function compileThreshold(def: RuleDefinition, source: string, problems: string[]): CompiledThresholdRule {
  const threshold = def.threshold!;
  if ((threshold.match === undefined) === (threshold.anyOf === undefined)) {
    problems.push('threshold: needs exactly one of "match" or "anyOf"');
  }
  if (def.actions?.early_warning !== undefined) {
    problems.push('actions.early_warning: a threshold rule has no steps to warn after');
  }
  if (def.matches !== undefined) {
    problems.push('matches: a threshold rule fires once per window already (one burst, one alert)');
  }
  const path = threshold.anyOf === undefined ? 'threshold.match' : 'threshold.anyOf';
  const alternatives = threshold.anyOf ?? (threshold.match === undefined ? [] : [threshold.match]);
  const condition = compileCondition(alternatives, [], path, problems);
  const feature = threshold.distinct?.startsWith('features.') ? threshold.distinct.slice(9) : undefined;
  const distinctOf =
    threshold.distinct === undefined
      ? undefined
      : feature === undefined
        ? (e: { counterparty?: string }) => e.counterparty
        : (e: { features: Record<string, unknown> }) => {
            const value = e.features[feature];
            return typeof value === 'string' ? value : undefined;
          };
  const { template, problems: templateProblems } = compileExplanation(def.explanation, []);
  problems.push(...templateProblems.map((p) => `explanation: ${p}`));
  return {
    ...base(def, source),
    explanation: template,
    type: 'threshold',
    condition,
    distinctOf,
    atLeast: threshold.atLeast,
    windowMs: parseDurationMs(threshold.window),
  };
}

function base(def: RuleDefinition, source: string) {
  return {
    key: `${def.id}@${def.version}`,
    id: def.id,
    version: def.version,
    typology: def.typology,
    severity: def.severity as Severity,
    description: def.description,
    source,
    definition: def,
    confirmed: confirmedAction(def),
  };
}

/** Compiles a schema-valid rule; semantic problems (paths inside the rule) are appended to `problems`. */
export function compileRule(def: RuleDefinition, source: string, problems: string[]): CompiledRule {
  if (def.single !== undefined && def.actions?.early_warning !== undefined) {
    problems.push('actions.early_warning: a single-event rule has no later step to warn before');
  }
  return def.threshold === undefined
    ? compileSequence(def, source, problems)
    : compileThreshold(def, source, problems);
}
