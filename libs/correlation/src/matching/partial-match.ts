import type { CompiledSequenceRule } from '../rules/rule.types';
import type { TimedEvent } from '../time/timed-event';

/**
 * A match that waits for event time. Without `stage`: its positive steps all matched and it waits for its absence
 * step; it confirms when the watermark passes `deadlineMs` with no forbidden event, and is dropped otherwise. With
 * `stage`: a match whose first-contact answers may still change (its events are ahead of the event time every
 * source has reached); once the watermark passes `deadlineMs` every contact before them has arrived, its steps are
 * tested again and it is reported at that stage if they still hold.
 */
export interface PartialMatch {
  readonly rule: CompiledSequenceRule;
  /** Matched events per positive step. */
  readonly events: readonly TimedEvent[];
  /** Event time (ms) the watermark must pass. */
  readonly deadlineMs: number;
  readonly stage?: 'early_warning' | 'confirmed';
  /**
   * Bits of the judged rule sets the match is held for (`CorrelationEngine.sideBySide`: a confirmed match is decided
   * by each set's arbiter apart); absent: every set holding its rule.
   */
  readonly sides?: number;
}

/** Identity of a partial match: rule version and matched event ids. */
export function partialMatchKey(match: PartialMatch): string {
  let key = match.rule.key;
  for (const item of match.events) key += `\n${item.eventId}`;
  return key;
}
