/**
 * bench:bm25 runs every build and every engine in a process of its own, so peak RSS and heap are
 * each one's alone. These start such a child and read the JSON line it prints last.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const CHILD_TIMEOUT_MS = 90 * 60_000;

/** Node, with the TypeScript loader and a heap limit, and the path of a script of this folder. */
export function tsChildCommand(script: string, args: string[], heapMb = 4096): [string, string[]] {
  return [
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '--import', 'tsx', join(BENCH_DIR, script), ...args],
  ];
}

/** Runs a command to completion and parses the last line of its stdout as JSON. */
export async function runJsonCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, unknown>> {
  const { stdout } = await run(command, args, { maxBuffer: 1 << 24, timeout: CHILD_TIMEOUT_MS, env });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

export function runTsChild(script: string, args: string[], heapMb = 4096): Promise<Record<string, unknown>> {
  return runJsonCommand(...tsChildCommand(script, args, heapMb));
}

/** The useful line of a failed child's stderr. */
export function failureReason(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const known = stderr.match(
    /heap out of memory|ModuleNotFoundError[^\n]*|ERR_\w+|RangeError[^\n]*|Error: [^\n]*/,
  )?.[0];
  return known ?? (error as Error).message.split('\n')[0]!;
}
