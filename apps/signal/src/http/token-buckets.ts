const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * Rate limits as token buckets, one per key (a client, an IP): `limitPerMinute` requests at once, refilled evenly
 * over the minute. One small object per key and O(1) per request: @nestjs/throttler keeps every hit of the last
 * minute and scans them on each request, which at 2,000 checks/s was a sixth of a check's CPU and grows with the rate.
 * At most `maxKeys` keys are held; past that, refilled buckets go first (a new key starts full anyway), then the
 * oldest, so a flood of new keys costs memory once and the limit of the keys in use stays exact.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when a request of `key` may go now (it takes a token), else the milliseconds until one may. */
  take(key: string, limitPerMinute: number): number {
    const nowMs = this.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxKeys) this.makeRoom(nowMs);
      bucket = { tokens: limitPerMinute, updatedAtMs: nowMs };
      this.buckets.set(key, bucket);
    } else if (nowMs > bucket.updatedAtMs) {
      bucket.tokens = Math.min(
        limitPerMinute,
        bucket.tokens + ((nowMs - bucket.updatedAtMs) * limitPerMinute) / MINUTE_MS,
      );
      bucket.updatedAtMs = nowMs;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * MINUTE_MS) / limitPerMinute);
  }

  get size(): number {
    return this.buckets.size;
  }

  private makeRoom(nowMs: number): void {
    for (const [key, bucket] of this.buckets)
      if (nowMs - bucket.updatedAtMs >= MINUTE_MS) this.buckets.delete(key);
    // Still full: drop the oldest tenth (insertion order), not one key per new key.
    let excess = this.buckets.size - this.maxKeys + Math.ceil(this.maxKeys / 10);
    for (const key of this.buckets.keys()) {
      if (excess-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
