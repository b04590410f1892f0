/**
 * The rate limit shared by every instance of the API: a fixed one-minute window counter per key
 * in the DynamoDB usage table (`rate#<ISO minute>` items beside the key's quota counters). A
 * request is admitted by one conditional UpdateItem (ADD requests 1, on condition that the count
 * before it is under the key's rate_per_minute), which DynamoDB applies atomically per item, so
 * however many Lambda containers serve a key they admit at most its rate in a window between
 * them. A per-process token bucket would admit the rate once per container.
 *
 * Burst: the whole rate may come at once, and a client that spends one window's allowance in its
 * last second and the next one's in the following second gets up to twice the rate within a
 * 60 s span (the token bucket allows the same). Cost: one write request unit per request, a
 * refused one included (a failed condition is billed as a write), nothing read. Window items
 * carry `expires_at`, so DynamoDB's TTL removes them.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RATE_WINDOW_KEEP_SECONDS, RATE_WINDOW_MS, USAGE_TABLE } from '../billing-constants.js';
import type { ApiLog } from '../deps.js';
import { ApiError, oneLine } from '../errors.js';
import type { RateLimiter, TakeResult } from '../rate-limit.js';
import { isConditionFailure, num, numberOf, str, type Item } from './client.js';

/** The key of `keyId`'s window that starts at `windowStart` (epoch ms, a whole minute). */
function windowKey(keyId: string, windowStart: number): Item {
  // "2026-01-05T10:31": the minute, readable by whoever looks into a 429.
  const minute = new Date(windowStart).toISOString().slice(0, 16);
  return {
    [USAGE_TABLE.partitionKey]: str(keyId),
    [USAGE_TABLE.sortKey]: str(`${USAGE_TABLE.rateWindowPrefix}${minute}`),
  };
}

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
    private readonly log: ApiLog,
    private readonly now: () => number = Date.now,
  ) {}

  get description(): string {
    return `rate limits: a one-minute window per key in DynamoDB table ${this.table}, shared by every instance`;
  }

  async take(keyId: string, ratePerMinute: number): Promise<TakeResult> {
    const now = this.now();
    const windowStart = now - (now % RATE_WINDOW_MS);
    const windowEnd = windowStart + RATE_WINDOW_MS;
    const refused: TakeResult = {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
    };
    try {
      const answer = await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: windowKey(keyId, windowStart),
          UpdateExpression: 'ADD #requests :one SET #expires = :expires',
          ConditionExpression: 'attribute_not_exists(#requests) OR #requests < :rate',
          ExpressionAttributeNames: { '#requests': 'requests', '#expires': USAGE_TABLE.ttlAttribute },
          ExpressionAttributeValues: {
            ':one': num(1),
            ':rate': num(ratePerMinute),
            ':expires': num(Math.floor(windowEnd / 1000) + RATE_WINDOW_KEEP_SECONDS),
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const taken = numberOf(answer.Attributes, 'requests');
      return { allowed: true, remaining: Math.max(0, ratePerMinute - taken), retryAfterSeconds: 0 };
    } catch (error) {
      if (isConditionFailure(error)) return refused;
      this.log.error(`rate limit check failed: ${oneLine(String((error as Error).message))}`);
      throw new ApiError(503, 'unavailable', 'the rate limit cannot be checked right now; try again');
    }
  }
}
