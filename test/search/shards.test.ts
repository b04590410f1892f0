import { describe, expect, it } from 'vitest';
import { ShardGuard, ShardTimeoutError } from '../../lib/search/index.js';
import { StorageError } from '../../lib/storage/index.js';

const fault = () => new StorageError('S3 getRange failed (SlowDown 503)', { retryable: true, status: 503 });
const never = () => new Promise<never>(() => {});

describe('ShardGuard', () => {
  it("under 'partial', leaves out a failing shard and does not read it again", async () => {
    // Prepare
    const guard = new ShardGuard({ mode: 'partial' });
    const reads: number[] = [];
    const read = async (s: number) => {
      reads.push(s);
      if (s === 1) throw fault();
      return s * 10;
    };
    // Act
    const first = await guard.each([0, 1, 2], read);
    const second = await guard.each([0, 1, 2], read);
    // Assess
    expect(first).toEqual([0, undefined, 20]);
    expect(second).toEqual([0, undefined, 20]);
    expect(reads).toEqual([0, 1, 2, 0, 2]);
    expect(guard.failedShards).toEqual([1]);
    expect(guard.failure(1)).toBeInstanceOf(StorageError);
  });

  it("under 'partial', gives up on a shard that has not answered within the round's wait", async () => {
    // Prepare
    const guard = new ShardGuard({ mode: 'partial', waitMs: () => 30 });
    let aborted: unknown;
    // Act
    const started = performance.now();
    const result = await guard.each([0, 1], (s, signal) => {
      if (s === 0) return Promise.resolve('fast');
      signal!.addEventListener('abort', () => (aborted = signal!.reason));
      return never();
    });
    // Assess
    expect(result).toEqual(['fast', undefined]);
    expect(guard.failure(1)).toBeInstanceOf(ShardTimeoutError);
    expect(aborted).toBeInstanceOf(ShardTimeoutError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("under 'fail', rejects with the shard's own error and records which shard it was", async () => {
    // Prepare
    const guard = new ShardGuard();
    // Act
    const attempt = guard.each([0, 1], async (s) => {
      if (s === 1) throw fault();
      return s;
    });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    expect(guard.failedShards).toEqual([1]);
  });

  it('fails the round, under either policy, on an error that is not a shard fault', async () => {
    for (const mode of ['fail', 'partial'] as const) {
      // Prepare
      const guard = new ShardGuard({ mode });
      // Act
      const attempt = guard.each([0], () => Promise.reject(new TypeError('a bug')));
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(TypeError);
      expect(guard.failedShards).toEqual([]);
    }
  });

  it("rejects with the caller's reason when the caller's signal aborts, and counts no shard failed", async () => {
    for (const mode of ['fail', 'partial'] as const) {
      // Prepare
      const caller = new AbortController();
      const guard = new ShardGuard({ mode, signal: caller.signal });
      const deadline = new Error('deadline');
      // Act
      const attempt = guard.each([0, 1], (_, signal) => {
        const aborted = new Promise<never>((_, reject) =>
          signal!.addEventListener('abort', () => reject(new StorageError('aborted', { retryable: true }))),
        );
        return aborted;
      });
      caller.abort(deadline);
      // Assess
      await expect(attempt).rejects.toBe(deadline);
      expect(guard.failedShards).toEqual([]);
    }
  });
});
