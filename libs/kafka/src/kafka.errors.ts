/** Stable error codes of the Kafka adapter; retry and dead-letter policy read `retriable`. */
export const kafkaErrorCodes = {
  HANDLER_FAILED: 'HANDLER_FAILED',
  NO_HANDLER: 'NO_HANDLER',
  CATCH_UP_TIMEOUT: 'CATCH_UP_TIMEOUT',
} as const;

/**
 * A compacted topic was not read to the end it had when reading began within the deadline (a broker down, or a
 * partition the client cannot read to its end). Retriable: a later attempt may get through.
 */
export class CatchUpTimeoutError extends Error {
  readonly code = kafkaErrorCodes.CATCH_UP_TIMEOUT;
  readonly retriable = true;

  constructor(
    readonly topic: string,
    readonly timeoutMs: number,
  ) {
    super(`${topic}: not caught up within ${timeoutMs} ms`);
    this.name = 'CatchUpTimeoutError';
  }
}

/**
 * Thrown by a batch handler for a failure that will pass (a dependency down or slow). The adapter pauses the
 * partition, backs off, and redelivers the batch from its first record; nothing is committed meanwhile.
 */
export class RetriableBatchError extends Error {
  readonly retriable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetriableBatchError';
  }
}

/** True for errors that say a later attempt may succeed: our own flag, or kafkajs' `retriable`. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return false;
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
