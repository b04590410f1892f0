/** Fixtures of the rerank API tests: a routing.json with aliases, and documents long and short. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureModel, ROUTING_FIXTURE } from '../rerank/helpers.js';

/** Aliases of the test routing table: vendors' names for the fixture variants. */
export const TEST_ALIASES = {
  'rerank-v3.5': 'tiny',
  'rerank-english-v3.0': 'tiny',
  'jina-reranker-v2-base-multilingual': 'auto',
} as const;

/**
 * The fixture routing.json with TEST_ALIASES, written to `dir` with its model directories made
 * absolute; returns its path.
 */
export async function aliasedRouting(dir: string): Promise<string> {
  const table = JSON.parse(await readFile(ROUTING_FIXTURE, 'utf8')) as { models: Record<string, string> };
  const models = Object.fromEntries(Object.entries(table.models).map(([id, ref]) => [id, fixtureModel(ref)]));
  const path = join(dir, 'routing.json');
  await writeFile(path, JSON.stringify({ ...table, models, aliases: TEST_ALIASES }));
  return path;
}

/** A question the tiny fixture model answers, the passage that answers it, and filler. */
export const QUESTION = 'Which river flows through the city?';
export const ANSWER = 'The river Elbe flows through the city of Dresden.';
const FILLER = 'The farmers grow wheat and potatoes in the valley. ';

/** About 10,000 tokens (tiny's tokenizer) each: the answer at the end, another topic at the start, filler. */
export const LONG = {
  answerAtEnd: FILLER.repeat(385) + ANSWER,
  otherTopicAtStart: `The school stands next to the church on the hill. ${FILLER.repeat(385)}`,
  filler: FILLER.repeat(387),
} as const;
