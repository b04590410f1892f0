/**
 * Per-key token buckets: a key may send `ratePerMinute` requests in a burst, and the bucket
 * refills at ratePerMinute / 60 per second. Local to one process (one Lambda instance), like
 * the quota check; the usage ledger and metrics are what billing trusts.
 */

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is back, when refused. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MS_PER_MINUTE = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  take(keyId: string, ratePerMinute: number): TakeResult {
    const now = this.now();
    const perMs = ratePerMinute / MS_PER_MINUTE;
    const bucket = this.buckets.get(keyId) ?? { tokens: ratePerMinute, updatedAt: now };
    bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }
}
