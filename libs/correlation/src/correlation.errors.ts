/** Stable reason codes of the correlation library; callers log and route on them as-is. */
export const correlationErrorCodes = {
  /** A rule file or rule failed validation. Fixing the rule is the only remedy. */
  INVALID_RULE: 'INVALID_RULE',
  /** A rule directory or file could not be read. */
  RULE_SOURCE_UNREADABLE: 'RULE_SOURCE_UNREADABLE',
  /** An event the engine cannot place in time (its occurredAt is not a date-time). */
  INVALID_EVENT: 'INVALID_EVENT',
  /** Snapshot bytes are not a state snapshot this engine understands. */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
} as const;
export type CorrelationErrorCode = (typeof correlationErrorCodes)[keyof typeof correlationErrorCodes];

/** Every error the library raises on purpose. None is retriable: the same input fails the same way. */
export class CorrelationError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: CorrelationErrorCode,
    /** One readable line per problem, e.g. `rules/x.yaml: rule x: sequence[2].within: expected a duration like "30m"`. */
    readonly problems: readonly string[],
  ) {
    super(problems.join('\n'));
    this.name = 'CorrelationError';
  }
}

export function isCorrelationError(error: unknown): error is CorrelationError {
  return error instanceof CorrelationError;
}
