import type { TimedEvent } from '../time/timed-event';

/** Values an explanation may mention. Never SMS text: events carry none. */
export interface ExplanationValues {
  readonly entity: string;
  readonly counterparties: readonly string[];
  /** Matched event per step index (sequence rules) or in time order (threshold rules). */
  readonly events: readonly (TimedEvent | undefined)[];
  readonly count: number;
  readonly window: string;
}

/** A placeholder resolved against the values; `steps` lists the step indexes it quotes. */
interface Placeholder {
  readonly render: (values: ExplanationValues) => string;
  readonly steps: readonly number[];
}

type Part = string | Placeholder;

/** `[clause|otherwise]`: the clause when every step it quotes has matched, else the words for what is missing. */
interface Group {
  readonly clause: readonly Part[];
  readonly otherwise: readonly Part[];
  readonly steps: readonly number[];
}

type Segment = Part | Group;

/** A precompiled explanation such as `{entity} got a code from {steps.code.counterparty}`. */
export interface ExplanationTemplate {
  readonly text: string;
  render(values: ExplanationValues): string;
}

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;
const GROUP = /\[([^[\]|]*)\|([^[\]|]*)\]/g;
const STEP_FIELDS = ['occurredAt', 'counterparty', 'amount', 'kind'] as const;

function stepField(index: number, field: (typeof STEP_FIELDS)[number]): Placeholder {
  return {
    steps: [index],
    render: (values) => {
      const matched = values.events[index];
      if (matched === undefined) return '?';
      const value = matched[field];
      return value === undefined ? '?' : String(value);
    },
  };
}

const plain = (render: (values: ExplanationValues) => string): Placeholder => ({ steps: [], render });

function resolve(name: string, stepNames: readonly string[]): Placeholder | { problem: string } {
  switch (name) {
    case 'entity':
      return plain((v) => v.entity);
    case 'counterparty':
      return plain((v) => v.counterparties[0] ?? '?');
    case 'counterparties':
      return plain((v) => (v.counterparties.length === 0 ? '?' : v.counterparties.join(', ')));
    case 'count':
      return plain((v) => String(v.count));
    case 'window':
      return plain((v) => v.window);
  }
  const parts = name.split('.');
  if (parts.length === 3 && parts[0] === 'steps') {
    const index = stepNames.indexOf(parts[1]);
    const field = STEP_FIELDS.find((f) => f === parts[2]);
    if (index >= 0 && field !== undefined) return stepField(index, field);
  }
  return { problem: `unknown placeholder {${name}}` };
}

function parseParts(text: string, stepNames: readonly string[], problems: string[]): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const resolved = resolve(match[1], stepNames);
    if ('problem' in resolved) problems.push(resolved.problem);
    else parts.push(resolved);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

const stepsOf = (parts: readonly Part[]): number[] =>
  parts.flatMap((part) => (typeof part === 'string' ? [] : part.steps));

function renderParts(parts: readonly Part[], values: ExplanationValues): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : part.render(values);
  return out;
}

/**
 * Compiles an explanation template; unknown placeholders are returned as problems.
 * Known: {entity} {counterparty} {counterparties} {count} {window} {steps.<step>.occurredAt|counterparty|amount|kind}.
 * `[clause|otherwise]` renders the clause once every step it quotes has matched and `otherwise` before, so an early
 * warning says in words what has not happened yet instead of `then ? at ?`. A step listed in `mayBeUnmatched` (one
 * after the early-warning step, or an optional one) may be quoted only inside such a group.
 */
export function compileExplanation(
  text: string,
  stepNames: readonly string[],
  mayBeUnmatched: readonly string[] = [],
): { template: ExplanationTemplate; problems: string[] } {
  const segments: Segment[] = [];
  const problems: string[] = [];
  const ungrouped: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(GROUP)) {
    const before = parseParts(text.slice(last, match.index), stepNames, problems);
    ungrouped.push(...before);
    segments.push(...before);
    const clause = parseParts(match[1], stepNames, problems);
    const otherwise = parseParts(match[2], stepNames, problems);
    if (stepsOf(otherwise).some((index) => mayBeUnmatched.includes(stepNames[index]))) {
      problems.push(
        `the otherwise side of [${match[1]}|${match[2]}] quotes a step that may not have matched`,
      );
    }
    segments.push({ clause, otherwise, steps: stepsOf(clause) });
    last = match.index + match[0].length;
  }
  const rest = parseParts(text.slice(last), stepNames, problems);
  ungrouped.push(...rest);
  segments.push(...rest);
  for (const index of new Set(stepsOf(ungrouped))) {
    if (mayBeUnmatched.includes(stepNames[index])) {
      problems.push(
        `step "${stepNames[index]}" may not have matched when the alert is raised (early warning or optional step): ` +
          'quote it inside [clause|what is still missing]',
      );
    }
  }
  const render = (values: ExplanationValues): string => {
    let out = '';
    for (const segment of segments) {
      if (typeof segment === 'string' || !('clause' in segment)) {
        out += renderParts([segment], values);
      } else {
        const reached = segment.steps.every((index) => values.events[index] !== undefined);
        out += renderParts(reached ? segment.clause : segment.otherwise, values);
      }
    }
    return out;
  };
  return { template: { text, render }, problems };
}
