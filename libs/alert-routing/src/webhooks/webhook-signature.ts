import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed webhook request. */
export const webhookHeaders = {
  signature: 'X-Vigil-Signature',
  timestamp: 'X-Vigil-Timestamp',
  deliveryId: 'X-Vigil-Delivery-Id',
} as const;

const SIGNATURE_PREFIX = 'sha256=';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`; the timestamp (epoch seconds) stops replays of old requests. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * Receiver-side check: the signature matches and the timestamp is within `toleranceMs` of `nowMs`. Constant-time
 * comparison so a forger learns nothing from response times.
 */
export function verifyWebhook(
  secret: string,
  request: { timestamp: string | undefined; signature: string | undefined; body: string },
  nowMs: number,
  toleranceMs = 300_000, // 5 min
): boolean {
  const { timestamp, signature, body } = request;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowMs - Number(timestamp) * 1000) > toleranceMs) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
