import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, RequestDeadline, requestDeadlineMs } from '../../lib/retrieve/index.js';
import { SharedTask } from '../../lib/api/shared-task.js';

const never = () => new Promise<never>(() => {});

describe('RequestDeadline', () => {
  it("takes the request's deadline when shorter, never a longer one", () => {
    expect(requestDeadlineMs(10_000, undefined)).toBe(10_000);
    expect(requestDeadlineMs(10_000, 2_000)).toBe(2_000);
    expect(requestDeadlineMs(10_000, 60_000)).toBe(10_000);
  });

  it('rejects work that outlasts it with a DeadlineExceededError, at the deadline', async () => {
    // Prepare
    const deadline = new RequestDeadline(40);
    // Act
    const started = performance.now();
    const error = await deadline.race(never()).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.reason).toBe(error);
    expect(deadline.remainingMs()).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('turns what aborted work rejects with after the deadline into the deadline', async () => {
    // Prepare
    const deadline = new RequestDeadline(10);
    const work = new Promise<never>((_, reject) =>
      deadline.signal.addEventListener('abort', () => reject(new Error('The operation was aborted'))),
    );
    // Act
    const error = await deadline.race(work).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(DeadlineExceededError);
  });

  it('passes results and errors through before the deadline', async () => {
    // Prepare
    const deadline = new RequestDeadline(10_000);
    // Act
    const value = await deadline.race(Promise.resolve(7));
    const error = await deadline.race(Promise.reject(new RangeError('no'))).catch((e: unknown) => e);
    deadline.dispose();
    // Assess
    expect(value).toBe(7);
    expect(error).toBeInstanceOf(RangeError);
    expect(deadline.remainingMs()).toBeGreaterThan(9_000);
  });
});

describe('SharedTask', () => {
  it('keeps the work going while one waiter remains, and aborts it when the last gives up', async () => {
    // Prepare
    let workSignal!: AbortSignal;
    const task = new SharedTask((signal) => {
      workSignal = signal;
      return never();
    });
    const [a, b] = [new AbortController(), new AbortController()];
    const first = task.join(a.signal);
    const second = task.join(b.signal);
    // Act
    a.abort(new Error('a gave up'));
    const afterFirst = workSignal.aborted;
    b.abort(new Error('b gave up'));
    // Assess
    await expect(first).rejects.toThrow('a gave up');
    await expect(second).rejects.toThrow('b gave up');
    expect(afterFirst).toBe(false);
    expect(workSignal.aborted).toBe(true);
    expect(task.abandoned).toBe(true);
  });

  it('never aborts work that a waiter without a signal joined', async () => {
    // Prepare
    let release!: (value: string) => void;
    const task = new SharedTask(() => new Promise<string>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const bounded = task.join(controller.signal);
    const unbounded = task.join();
    // Act
    controller.abort(new Error('gave up'));
    release('opened');
    // Assess
    await expect(bounded).rejects.toThrow('gave up');
    expect(await unbounded).toBe('opened');
    expect(task.abandoned).toBe(false);
  });
});
