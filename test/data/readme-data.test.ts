/**
 * The README's shared-data commands run as written, in order, from the repository root: lexicon
 * builds, an XQuAD-R experiment, SQuAD pairs, code-switching, the Python recipe for a few hundred
 * steps, routing to the new model and a reranked search through it. Outputs go under .xlir/work.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, readmeBlock, runReadmeLine } from '../helpers/readme.js';

const WORK_DIR = fileURLToPath(new URL('../../.xlir/work', import.meta.url));

afterAll(() => rm(WORK_DIR, { recursive: true, force: true }));

describe("README's shared-data commands", () => {
  it('all exit 0, in order, and the last search is reranked by the model trained on the way', async () => {
    await rm(WORK_DIR, { recursive: true, force: true });
    const env = cleanEnv();
    const lines = await readmeBlock('data');
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await runReadmeLine(line, env, 1_200_000));
    expect(outputs.at(-1)).toMatch(/"model": "bl-cs-en-de"/);
  }, 3_600_000);
});
