/**
 * Runs README.md's command blocks as written: the lines of the ```sh block between
 * `<!-- NAME:start -->` and `<!-- NAME:end -->`, in order, from the repository root. `npx xlir`
 * runs bin/xlir.js (what npx resolves to in a checkout), `/usr/bin/python3 -m training.…` the recipe
 * (Debian's Python, the one with the recipe's torch).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LAUNCHER = fileURLToPath(new URL('../../bin/xlir.js', import.meta.url));

/** The environment of a fresh shell as far as xlir is concerned: none of its XLIR_* settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('XLIR_')) delete env[key];
  return { ...env, ...extra };
}

/** Splits a shell line into words: plain words and double-quoted strings; a trailing comment is dropped. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[2]?.startsWith('#')) break;
    words.push(m[1] ?? m[2]!);
  }
  return words;
}

export async function readmeBlock(name: string): Promise<string[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = new RegExp(
    `<!-- ${name}:start -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\n<!-- ${name}:end -->`,
  ).exec(readme);
  if (!block) throw new Error(`README.md has no <!-- ${name}:start --> sh block`);
  return block[1]!.split('\n').filter((line) => line.trim() !== '');
}

/** Runs one README line; rejects with the line and its stderr when it exits non-zero. */
export async function runReadmeLine(
  line: string,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 600_000,
): Promise<string> {
  const words = shellWords(line);
  let file: string;
  let args: string[];
  if (words[0] === 'npx' && words[1] === 'xlir')
    [file, args] = [process.execPath, [LAUNCHER, ...words.slice(2)]];
  else if (words[0] === '/usr/bin/python3') [file, args] = [words[0], words.slice(1)];
  else throw new Error(`README line is not an npx xlir or /usr/bin/python3 command: ${line}`);
  try {
    const { stdout } = await run(file, args, { cwd: REPO_ROOT, env, maxBuffer: 1 << 26, timeout: timeoutMs });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${line}\n${stderr || message}`, { cause: error });
  }
}
