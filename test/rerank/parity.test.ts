import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireModel, releaseModels } from '../../lib/rerank/index.js';
import { fixtureModel, TEST_THREADS } from './helpers.js';

/**
 * Parity with a reference implementation: a model directory with reference.json
 * {"pairs": [[query, passage], …], "input_ids": [[…], …], "scores": [raw logits]} must tokenise
 * every pair to exactly those ids and score it within 1e-4. The fixture models' references are
 * hand-tokenised and scored in numpy by make_fixtures.py; `tiny` is trained by the recipe
 * (python3 -m training.fixture), which records the ids and PyTorch scores.
 */
const MODELS = ['bert-wordpiece', 'xlmr-unigram', 'bert-two-class', 'tiny'];
const ATOL = 1e-4;

interface Reference {
  pairs: Array<[string, string]>;
  input_ids: number[][];
  /** Optional: checked when recorded. */
  token_type_ids?: number[][];
  /** Optional: the max_length the reference was tokenised with; default the model's. */
  max_length?: number;
  scores: number[];
}

afterAll(releaseModels);

for (const name of MODELS) {
  const dir = fixtureModel(name);
  const referencePath = path.join(dir, 'reference.json');
  describe.skipIf(!existsSync(referencePath))(`parity of ${name} with its reference.json`, () => {
    const reference = (): Reference => JSON.parse(readFileSync(referencePath, 'utf8')) as Reference;

    it('tokenises every pair to the recorded input ids (and token type ids, where recorded)', async () => {
      // Prepare
      const { pairs, input_ids, token_type_ids, max_length } = reference();
      const model = await acquireModel(dir, { threads: TEST_THREADS });
      // Act
      const encoded = pairs.map(([query, passage]) => model.encode(query, [passage], max_length)[0]!);
      // Assess
      expect(encoded.map((e) => e.ids)).toEqual(input_ids);
      if (token_type_ids) expect(encoded.map((e) => e.typeIds)).toEqual(token_type_ids);
    });

    it(`scores every pair within ${ATOL} of the recorded scores, in one padded batch`, async () => {
      // Prepare
      const { pairs, scores, max_length } = reference();
      const model = await acquireModel(dir, { threads: TEST_THREADS });
      const encoded = pairs.map(([query, passage]) => model.encode(query, [passage], max_length)[0]!);
      // Act
      const logits = await model.scoreEncoded(encoded, pairs.length);
      // Assess
      expect(logits).toHaveLength(scores.length);
      logits.forEach((logit, i) => expect(Math.abs(logit - scores[i]!)).toBeLessThanOrEqual(ATOL));
    });
  });
}
