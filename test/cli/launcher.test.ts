/**
 * bin/xlir.js, what `npx xlir` runs: from the TypeScript sources in a checkout (no build needed),
 * with the CLI's exit codes, and quiet when its reader closes the pipe early.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../../bin/xlir.js', import.meta.url));
const ROUTING = fileURLToPath(new URL('../../models/routing.json', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { closeStdoutAfterFirstChunk?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/xlir.js', () => {
  it('runs a command from the sources and exits 0', async () => {
    const result = await run(['models', 'list', '--models', ROUTING]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/zero-shot/);
  }, 30_000);

  it('keeps the CLI exit code and one-line error for bad input', async () => {
    const result = await run(['no-such-command']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^xlir: error: /);
  }, 30_000);

  it('exits quietly when the reader closes stdout early (xlir … | head)', async () => {
    // The listing is written line by line, so later lines meet the closed pipe.
    const result = await run(['models', 'list', '--models', ROUTING], { closeStdoutAfterFirstChunk: true });
    expect(result.stderr).not.toMatch(/EPIPE|at .*\(/);
    expect(result.code).toBe(0);
  }, 30_000);
});
