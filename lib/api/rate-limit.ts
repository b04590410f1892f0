/**
 * Per-key request rates (a key's `rate_per_minute`), checked at admission (auth.ts). Two kinds,
 * chosen with the quota counters so a rate is shared exactly where a quota is:
 *
 * - ProcessRateLimiter (here): a token bucket per key in this process. Right for one server
 *   with the file ledger; on Lambda every container would have its own, multiplying the rate
 *   by the concurrency, which is why a usage table brings its own limiter.
 * - DynamoRateLimiter (dynamodb/rate-window.ts): a fixed one-minute window counter per key in
 *   the DynamoDB usage table, one conditional UpdateItem per request, shared by every instance.
 *
 * Runtime-neutral (nothing from `node:`), as the edge Worker admits callers with auth.ts too.
 */

export interface TakeResult {
  allowed: boolean;
  /** Whole requests left in the key's allowance after this one. */
  remaining: number;
  /** Seconds until a request would be allowed again, when refused (at least 1). */
  retryAfterSeconds: number;
}

/** Where admission takes one request from a key's rate. */
export interface RateLimiter {
  /**
   * Takes one request for `keyId` under a limit of `ratePerMinute`; refuses (allowed false) when
   * the key has none left. Rejects with an ApiError 503 when the shared counter cannot be reached.
   */
  take(keyId: string, ratePerMinute: number): Promise<TakeResult>;
  /** What the server says at startup about its rate limit. */
  readonly description: string;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MS_PER_MINUTE = 60_000;

/** How a server without a shared limiter counts rates, as it says at startup. */
export const PROCESS_RATE_LIMITS = 'rate limits: a token bucket per key in this process (burst = the rate)';

/**
 * Token buckets of one process: a key may send `ratePerMinute` requests in a burst, and its
 * bucket refills at ratePerMinute / 60 per second, so no 60 s span admits more than twice the
 * rate and a steady client gets exactly the rate.
 */
export class ProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  get description(): string {
    return PROCESS_RATE_LIMITS;
  }

  take(keyId: string, ratePerMinute: number): Promise<TakeResult> {
    return Promise.resolve(this.takeNow(keyId, ratePerMinute));
  }

  /** The check and the take, with nothing awaited between them. */
  private takeNow(keyId: string, ratePerMinute: number): TakeResult {
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
