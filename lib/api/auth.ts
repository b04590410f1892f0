/**
 * Who is calling, and may they: API key lookup by SHA-256 (in memory or the DynamoDB keys
 * table), revocation, and the key's rate (rate-limit.ts: this process's token bucket, or a
 * window shared through DynamoDB). The monthly quota is reserved by the billed
 * handlers (billing.ts), once they know a request's units. Auth can only be off when the deps say
 * so (XLIR_AUTH=off), and then every caller is "anonymous" without limits. Behind an API gateway
 * that checks keys itself (XLIR_AUTH=gateway) the caller is the key id it validated, and its
 * usage plan, not this process, limits rate and quota. Runtime-neutral (keys are digested with
 * Web Crypto), so the edge Worker admits callers with this same Gatekeeper.
 */
import { ANONYMOUS_KEY_ID, ENV } from './constants.js';
import type { AuthConfig } from './deps.js';
import { ApiError } from './errors.js';
import { digestApiKey, keyStoreOf, type ApiKeyEntry, type KeyStore } from './key-store.js';
import { ProcessRateLimiter, type RateLimiter } from './rate-limit.js';

export interface Caller {
  keyId: string;
  /** The key's configuration; undefined when auth is off or done by a gateway (no local limits). */
  key?: ApiKeyEntry;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The key of a request: `Authorization: Bearer KEY` (what Cohere's SDKs send) or `X-API-Key: KEY`. */
export function presentedKey(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): string | undefined {
  const bearer = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  return bearer ?? (apiKeyHeader?.trim() || undefined);
}

/** What a request says about its caller. */
export interface Credentials {
  /** The key the request itself presents (see presentedKey). */
  presentedKey?: string | undefined;
  /** The key id an API gateway in front validated; read only in gateway mode. */
  upstreamKeyId?: string | undefined;
}

export class Gatekeeper {
  private readonly store: KeyStore | undefined;
  private readonly limiter: RateLimiter;

  /** `limiter`: where key rates are counted; default this process's token buckets. */
  constructor(
    readonly config: AuthConfig,
    now: () => number,
    limiter: RateLimiter = new ProcessRateLimiter(now),
  ) {
    this.store = config.mode === 'keys' ? keyStoreOf(config.keys) : undefined;
    this.limiter = limiter;
  }

  /** Whether callers need a key (checked here or by the gateway). */
  get enabled(): boolean {
    return this.config.mode !== 'off';
  }

  /**
   * The caller of a request, after key, revocation and rate checks; throws 401, 403 or 429, or
   * 503 when the key store or a shared rate counter cannot be reached.
   */
  async admit(credentials: Credentials): Promise<Caller> {
    if (this.config.mode === 'off') return { keyId: ANONYMOUS_KEY_ID };
    if (this.config.mode === 'gateway') {
      // Serving such a request as "anonymous" would hide a misconfigured gateway and lose billing.
      if (!credentials.upstreamKeyId) {
        throw new ApiError(
          401,
          'unauthorized',
          `the API gateway passed no API key id with this request (${ENV.auth}=gateway): its methods must require an API key`,
        );
      }
      return { keyId: credentials.upstreamKeyId };
    }
    const key = credentials.presentedKey;
    if (key === undefined) {
      throw new ApiError(
        401,
        'unauthorized',
        'no API key: send "Authorization: Bearer KEY" or "X-API-Key: KEY"',
      );
    }
    const entry = await this.store!.lookup(await digestApiKey(key));
    if (!entry) throw new ApiError(401, 'unauthorized', 'unknown API key');
    if (entry.revoked) throw new ApiError(403, 'forbidden', `API key ${entry.id} is revoked`);
    const take = await this.limiter.take(entry.id, entry.rate_per_minute);
    if (!take.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        `rate limit of ${entry.rate_per_minute} requests per minute exceeded for key ${entry.id}; retry in ${take.retryAfterSeconds} s`,
        { 'Retry-After': String(take.retryAfterSeconds) },
      );
    }
    return { keyId: entry.id, key: entry };
  }
}
