/**
 * training/node/ort_score.mjs, the bridge the training recipe's export parity check runs: a
 * three-input request scores as the runtime scores it, and a request with `first_stage` feeds
 * it as float32 [batch, 2] to a model that has that input (and is left out for one that has not);
 * a request without an input the model has fails with one line on stderr, which the recipe reports.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireModel, releaseModels } from '../../lib/rerank/index.js';
import { fixtureModel, TEST_THREADS } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('../../training/node/ort_score.mjs', import.meta.url));

afterAll(releaseModels);

interface Scored {
  code: number;
  stdout: string;
  stderr: string;
}

function ortScore(model: string, request: Record<string, unknown>): Promise<Scored> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SCRIPT, model], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(JSON.stringify(request));
  });
}

const logitsOf = (scored: Scored): number[][] => (JSON.parse(scored.stdout) as { logits: number[][] }).logits;

/** Two padded rows of the fixture vocabulary: [CLS] who invented [SEP] bell [SEP], and the same without "invented", padded. */
const TOKENS = {
  input_ids: [
    [2, 9, 10, 3, 37, 3],
    [2, 9, 3, 37, 3, 0],
  ],
  attention_mask: [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 0],
  ],
  token_type_ids: [
    [0, 0, 0, 0, 1, 1],
    [0, 0, 0, 1, 1, 0],
  ],
};

describe('ort_score.mjs', () => {
  it('scores a three-input request as the runtime does', async () => {
    // Prepare
    const model = await acquireModel(fixtureModel('bert-wordpiece'), { threads: TEST_THREADS });
    const pairs = TOKENS.input_ids.map((ids, r) => ({
      ids: ids.filter((_, c) => TOKENS.attention_mask[r]![c] === 1),
      typeIds: TOKENS.token_type_ids[r]!.filter((_, c) => TOKENS.attention_mask[r]![c] === 1),
      truncated: false,
    }));
    // Act
    const scored = await ortScore(fixtureModel('bert-wordpiece/model.onnx'), TOKENS);
    // Assess
    expect(scored.code).toBe(0);
    const runtime = await model.scoreEncoded(pairs, 2);
    logitsOf(scored).forEach(([logit], i) => expect(logit).toBeCloseTo(runtime[i]!, 5));
  });

  it('feeds first_stage as float32 [batch, 2] when the request has it', async () => {
    // Act
    const scored = await ortScore(fixtureModel('bert-first-stage/model.onnx'), {
      ...TOKENS,
      first_stage: [
        [1, 0.25],
        [0, 0],
      ],
    });
    // Assess: the fixture's logit is 1·present + 2·value
    expect(scored.code).toBe(0);
    expect(logitsOf(scored)).toEqual([[1.5], [0]]);
  });

  it('leaves out a first_stage the model has no input for', async () => {
    // Act
    const plain = await ortScore(fixtureModel('bert-wordpiece/model.onnx'), TOKENS);
    const withRows = await ortScore(fixtureModel('bert-wordpiece/model.onnx'), {
      ...TOKENS,
      first_stage: [
        [1, 1],
        [1, 0.5],
      ],
    });
    // Assess
    expect(withRows.code).toBe(0);
    expect(logitsOf(withRows)).toEqual(logitsOf(plain));
  });

  it('fails with one line naming an input the request lacks', async () => {
    // Act
    const scored = await ortScore(fixtureModel('bert-first-stage/model.onnx'), TOKENS);
    // Assess
    expect(scored.code).toBe(1);
    expect(scored.stderr.trim().split('\n').at(-1)).toBe(
      "the model's inputs are [input_ids, attention_mask, token_type_ids, first_stage]; the request has no first_stage",
    );
  });
});
