import type { TimedEvent } from './rule.types';

/** Values an explanation may mention. Never SMS text: events carry none. */
export interface ExplanationValues {
  readonly entity: string;
  readonly counterparties: readonly string[];
  /** Matched event per step index (sequence rules) or in time order (threshold rules). */
  readonly events: readonly (TimedEvent | undefined)[];
  readonly count: number;
  readonly window: string;
}

type Segment = string | ((values: ExplanationValues) => string);

/** A precompiled explanation such as `{entity} got a code from {steps.code.counterparty}`. */
export interface ExplanationTemplate {
  readonly text: string;
  render(values: ExplanationValues): string;
}

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;
const STEP_FIELDS = ['occurredAt', 'counterparty', 'amount', 'kind'] as const;

function stepField(
  index: number,
  field: (typeof STEP_FIELDS)[number],
): (values: ExplanationValues) => string {
  return (values) => {
    const matched = values.events[index];
    if (matched === undefined) return '?';
    const value = matched[field];
    return value === undefined ? '?' : String(value);
  };
}

function resolve(name: string, stepNames: readonly string[]): Segment | string {
  switch (name) {
    case 'entity':
      return (v) => v.entity;
    case 'counterparty':
      return (v) => v.counterparties[0] ?? '?';
    case 'counterparties':
      return (v) => (v.counterparties.length === 0 ? '?' : v.counterparties.join(', '));
    case 'count':
      return (v) => String(v.count);
    case 'window':
      return (v) => v.window;
  }
  const parts = name.split('.');
  if (parts.length === 3 && parts[0] === 'steps') {
    const index = stepNames.indexOf(parts[1]);
    const field = STEP_FIELDS.find((f) => f === parts[2]);
    if (index >= 0 && field !== undefined) return stepField(index, field);
  }
  return `unknown placeholder {${name}}`;
}

/**
 * Compiles an explanation template; unknown placeholders are returned as problems.
 * Known: {entity} {counterparty} {counterparties} {count} {window} {steps.<step>.occurredAt|counterparty|amount|kind}.
 */
export function compileExplanation(
  text: string,
  stepNames: readonly string[],
): { template: ExplanationTemplate; problems: string[] } {
  const segments: Segment[] = [];
  const problems: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index;
    if (index > last) segments.push(text.slice(last, index));
    const resolved = resolve(match[1], stepNames);
    if (typeof resolved === 'string') problems.push(resolved);
    else segments.push(resolved);
    last = index + match[0].length;
  }
  if (last < text.length) segments.push(text.slice(last));
  const render = (values: ExplanationValues): string => {
    let out = '';
    for (const segment of segments) out += typeof segment === 'string' ? segment : segment(values);
    return out;
  };
  return { template: { text, render }, problems };
}
