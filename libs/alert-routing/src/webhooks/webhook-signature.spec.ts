import { signWebhook, verifyWebhook } from './webhook-signature';
import { backoffDelayMs, defaultRetryPolicy } from './retry-backoff';

describe(verifyWebhook.name, () => {
  const secret = 'a-test-signing-secret';
  const body = '{"alertId":"a-1"}';
  const nowMs = 1_750_000_000_000;
  const timestamp = String(nowMs / 1000);

  it('accepts the signature of the same secret, timestamp and body', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, { timestamp, signature, body }, nowMs)).toBe(true);
  });

  it('rejects a changed body, another secret, a changed timestamp or a stale request', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, { timestamp, signature, body: body + ' ' }, nowMs)).toBe(false);
    expect(verifyWebhook('another-secret-value', { timestamp, signature, body }, nowMs)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(nowMs / 1000 + 1), signature, body }, nowMs)).toBe(
      false,
    );
    expect(verifyWebhook(secret, { timestamp, signature, body }, nowMs + 301_000)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: undefined, signature, body }, nowMs)).toBe(false);
  });
});

describe(backoffDelayMs.name, () => {
  it('doubles the ceiling per attempt up to the maximum and draws below it', () => {
    const policy = { ...defaultRetryPolicy, baseBackoffMs: 100, maxBackoffMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy, attempt, () => 0.999_999))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
  });
});
