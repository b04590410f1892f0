/**
 * The README's "Use" commands on the sample corpus run as written: every `npx xlir …` line between
 * `<!-- try:start -->` and `<!-- try:end -->`, in order, through bin/xlir.js (what `npx xlir`
 * runs) from the repository root, each exiting 0. Their outputs go under .xlir/try, removed first.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../../bin/xlir.js', import.meta.url));
const OUTPUT_DIR = fileURLToPath(new URL('../../.xlir/try', import.meta.url));

/** Splits a shell line into words: plain words and double-quoted strings, nothing fancier. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

async function tryCommands(): Promise<string[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- try:start -->\n```sh\n([\s\S]*?)```\n<!-- try:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no <!-- try:start --> sh block');
  return block[1]!.split('\n').filter((line) => line.trim() !== '');
}

afterAll(() => rm(OUTPUT_DIR, { recursive: true, force: true }));

describe("README's commands on the sample corpus", () => {
  it('are all npx xlir commands and each exits 0, in order', async () => {
    await rm(OUTPUT_DIR, { recursive: true, force: true });
    const lines = await tryCommands();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const outputs: string[] = [];
    for (const line of lines) {
      const [npx, xlir, ...args] = words(line);
      expect(`${npx} ${xlir}`, line).toBe('npx xlir');
      const env = { ...process.env };
      delete env.XLIR_LEXICONS;
      delete env.XLIR_MODELS;
      const { stdout } = await run(process.execPath, [LAUNCHER, ...args], {
        cwd: ROOT,
        env,
        maxBuffer: 1 << 24,
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`${line}\n${error.stderr ?? error.message}`);
      });
      outputs.push(stdout);
    }
    // The evaluation line scores the cross-lingual run against the sample qrels: well above chance.
    const evaluation = outputs[lines.findIndex((l) => l.includes(' eval '))] ?? '';
    const map = Number(/^map\s+all\s+([\d.]+)/m.exec(evaluation)?.[1]);
    expect(map).toBeGreaterThan(0.5);
  }, 180_000);
});
