/** Captures what the CLI prints, per test: console.log / process.stdout.write and console.error. */
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { EXIT_USAGE } from '../../lib/cli/errors.js';

export interface CliOutput {
  stdout: string[];
  stderr: string[];
}

/** Call at module level; the returned arrays are emptied before every test. */
export function captureCliOutput(): CliOutput {
  const output: CliOutput = { stdout: [], stderr: [] };
  beforeEach(() => {
    output.stdout.length = 0;
    output.stderr.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void output.stdout.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void output.stderr.push(a.join(' ')));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.stdout.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return output;
}

/** The run failed as a usage error with exactly one `xlir: error:` line and no stack trace. */
export function expectOneLineError(output: CliOutput, code: number, pattern: RegExp): void {
  const { stderr } = output;
  expect(code).toBe(EXIT_USAGE);
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^xlir: error: /);
  expect(stderr[0]).toMatch(pattern);
  expect(stderr[0]).not.toContain('\n');
  expect(stderr.join('')).not.toMatch(/\bat .*\.ts:\d+/);
}
