/** How a failing webhook delivery is retried. */
export interface RetryPolicy {
  /** Attempts in total, the first one included; after the last the delivery is dead-lettered. */
  maxAttempts: number;
  /** Ceiling of the wait after the first failure; doubles per attempt. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseBackoffMs: 500, maxBackoffMs: 10_000 };

/**
 * Wait before attempt `attempt + 1` after `attempt` failed: "full jitter" exponential backoff, a uniform draw in
 * [0, min(max, base·2^(attempt−1))], so many failing deliveries do not retry in lock-step. `random` in [0, 1).
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
