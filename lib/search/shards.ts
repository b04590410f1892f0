/**
 * What one search does when a shard cannot be read. Every per-shard read of a search (postings,
 * stored documents) goes through a ShardGuard, which carries the request's AbortSignal down to
 * the store and decides what a failed shard means:
 *
 * - 'fail': the first shard fault fails the search with that shard's error (the guard records
 *   which shard it was, so the API can say so). A shard that hangs is waited on until the
 *   signal aborts: the caller's deadline decides.
 * - 'partial': a shard that fails, or has not answered when a round of reads has waited
 *   `waitMs()`, is recorded as failed and left out of this search from then on (its later
 *   reads are not even issued), so every hit comes from the shards that answered and the
 *   caller reports how many did not. df is then summed over the healthy shards only.
 *
 * Only faults of the store and of the shard's bytes count as shard failures; anything else (a
 * bug, a bad query) fails the search in either mode, and so does the caller's own signal.
 */
import { IndexCorruptError } from '../index/index.js';
import { ObjectNotFoundError, raceSignal, StorageError } from '../storage/index.js';

export const SHARD_FAILURE_MODES = ['fail', 'partial'] as const;
export type ShardFailureMode = (typeof SHARD_FAILURE_MODES)[number];

/** A shard that had not answered when its round of reads stopped waiting ('partial'). */
export class ShardTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the shard did not answer within ${Math.round(waitedMs)} ms`);
    this.name = 'ShardTimeoutError';
  }
}

/** Faults that are the shard's, not the search's: unreadable, missing, corrupt or too slow. */
export function isShardFault(error: unknown): boolean {
  return (
    error instanceof StorageError ||
    error instanceof ObjectNotFoundError ||
    error instanceof IndexCorruptError ||
    error instanceof ShardTimeoutError
  );
}

export interface ShardGuardOptions {
  /** Default 'fail': a library caller (CLI, experiments) gets a whole answer or an error. */
  mode?: ShardFailureMode;
  /** The caller's signal (an API request's deadline): passed to every read, never a shard fault. */
  signal?: AbortSignal;
  /**
   * Under 'partial', how long a round of per-shard reads waits for its slowest shard, asked when
   * the round starts; undefined, infinite or absent: until the reads settle or the signal aborts.
   */
  waitMs?: () => number | undefined;
}

export class ShardGuard {
  readonly mode: ShardFailureMode;
  readonly signal: AbortSignal | undefined;
  private readonly waitMs: (() => number | undefined) | undefined;
  private readonly failures = new Map<number, Error>();

  constructor(options: ShardGuardOptions = {}) {
    this.mode = options.mode ?? 'fail';
    this.signal = options.signal;
    this.waitMs = options.waitMs;
  }

  /** Shards that failed so far, in shard order. */
  get failedShards(): number[] {
    return [...this.failures.keys()].sort((a, b) => a - b);
  }

  /** Why each failed shard failed. */
  failure(shard: number): Error | undefined {
    return this.failures.get(shard);
  }

  isHealthy(shard: number): boolean {
    return !this.failures.has(shard);
  }

  /**
   * One read per shard, in parallel; the result is aligned with `shards`. Under 'partial' a
   * failed shard's slot is undefined; under 'fail' a shard fault rejects the whole round.
   */
  async each<T>(
    shards: readonly number[],
    read: (shard: number, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<Array<T | undefined>> {
    return this.mode === 'partial' ? this.eachTolerant(shards, read) : this.eachStrict(shards, read);
  }

  private async eachStrict<T>(
    shards: readonly number[],
    read: (shard: number, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T[]> {
    try {
      return await Promise.all(
        shards.map((s) =>
          read(s, this.signal).catch((error: unknown) => {
            if (!this.signal?.aborted && isShardFault(error)) this.failures.set(s, error as Error);
            throw error;
          }),
        ),
      );
    } catch (error) {
      this.rethrowIfAborted();
      throw error;
    }
  }

  private async eachTolerant<T>(
    shards: readonly number[],
    read: (shard: number, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<Array<T | undefined>> {
    const wait = this.waitMs?.();
    const round = new AbortController();
    const timer =
      wait === undefined || !Number.isFinite(wait)
        ? undefined
        : setTimeout(() => round.abort(new ShardTimeoutError(wait)), Math.max(0, wait));
    const signal = this.signal ? AbortSignal.any([this.signal, round.signal]) : round.signal;
    try {
      return await Promise.all(
        shards.map(async (s) => {
          if (this.failures.has(s)) return undefined;
          try {
            // The race bounds a read whose store ignores the signal.
            return await raceSignal(read(s, signal), signal);
          } catch (error) {
            this.rethrowIfAborted();
            // Once the round has stopped waiting, whatever a read rejects with is that stop.
            const fault = round.signal.aborted ? (round.signal.reason as Error) : error;
            if (!isShardFault(fault)) throw error;
            this.failures.set(s, fault as Error);
            return undefined;
          }
        }),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** The caller gave up: its reason, not whatever a read it abandoned rejected with. */
  private rethrowIfAborted(): void {
    if (this.signal?.aborted) throw this.signal.reason;
  }
}
