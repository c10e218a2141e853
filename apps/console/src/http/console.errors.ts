/** Stable error codes of the console API; the exception filter maps them to HTTP statuses. */
export const consoleErrorCodes = {
  INVALID_INPUT: 'CONSOLE_INVALID_INPUT',
  NOT_FOUND: 'CONSOLE_NOT_FOUND',
  RULE_REJECTED: 'CONSOLE_RULE_REJECTED',
  UPSTREAM_UNAVAILABLE: 'CONSOLE_UPSTREAM_UNAVAILABLE',
  /** One at a time (a rule back-test): try again once the running one is done. */
  BUSY: 'CONSOLE_BUSY',
  /** The request contradicts what is already decided (a block-list proposal decided the other way, or replaced). */
  CONFLICT: 'CONSOLE_CONFLICT',
} as const;
export type ConsoleErrorCode = (typeof consoleErrorCodes)[keyof typeof consoleErrorCodes];

/** An error the console reports to its caller, with a stable code and the problems to fix. */
export class ConsoleError extends Error {
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
    readonly retriable = false,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}
