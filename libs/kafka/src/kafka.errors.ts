/** Stable error codes of the Kafka adapter; retry and dead-letter policy read `retriable`. */
export const kafkaErrorCodes = {
  HANDLER_FAILED: 'HANDLER_FAILED',
  NO_HANDLER: 'NO_HANDLER',
} as const;

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
