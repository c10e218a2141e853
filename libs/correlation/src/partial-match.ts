import type { CompiledSequenceRule, TimedEvent } from './rule.types';

/**
 * A sequence whose positive steps all matched and that now waits for its absence step:
 * it confirms when the watermark passes `deadlineMs` with no forbidden event, and is dropped otherwise.
 */
export interface PartialMatch {
  readonly rule: CompiledSequenceRule;
  /** Matched events per positive step. */
  readonly events: readonly TimedEvent[];
  /** Event time (ms) until which the absence step's event must not occur. */
  readonly deadlineMs: number;
}

/** Identity of a partial match: rule version and matched event ids. */
export function partialMatchKey(match: PartialMatch): string {
  let key = match.rule.key;
  for (const item of match.events) key += `\n${item.eventId}`;
  return key;
}
