import { describe, expect, it } from 'vitest';
import { progressBar } from '../../lib/cli/progress.js';

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, write: (chunk: string) => writes.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('progressBar', () => {
  it('draws one line with the share done on a terminal, and clears it when finished', () => {
    // Prepare
    const { stream, writes } = fakeStream(true);
    const bar = progressBar('indexing', stream);
    // Act
    bar.update(50, 100, '5,000 docs');
    bar.finish();
    // Assess
    expect(writes[0]).toMatch(/^\rindexing \[#{14}\.{14}\] {2}50% 5,000 docs/);
    expect(writes[0]).not.toContain('\n');
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('shows only the detail when the total is unknown', () => {
    // Prepare
    const { stream, writes } = fakeStream(true);
    // Act
    progressBar('indexing', stream).update(7, undefined, '7 docs');
    // Assess
    expect(writes).toEqual(['\rindexing 7 docs\u001b[K']);
  });

  it('writes nothing when stderr is not a terminal (logs, CI)', () => {
    // Prepare
    const { stream, writes } = fakeStream(false);
    const bar = progressBar('indexing', stream);
    // Act
    bar.update(1, 2, 'x');
    bar.finish();
    // Assess
    expect(writes).toEqual([]);
  });
});
