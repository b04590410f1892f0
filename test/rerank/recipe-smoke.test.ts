import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireModel, releaseModels } from '../../lib/rerank/index.js';
import { TEST_THREADS } from './helpers.js';

/**
 * The Node half of the training recipe's smoke test: a model the recipe just trained
 * (python3 -m training.fixture; CI points XLIR_RECIPE_MODEL at a fresh one) loads in
 * onnxruntime-node and ranks the positive above the negatives on a case it was trained on.
 * Without the variable it checks the committed fixture, which the same recipe produced.
 */
const MODEL_DIR =
  process.env.XLIR_RECIPE_MODEL ?? fileURLToPath(new URL('../fixtures/models/tiny/', import.meta.url));

const CASES = [
  {
    query: 'Which river flows through the city?',
    positive: 'The river Elbe flows through the city of Dresden.',
    negatives: [
      'The farmers grow wheat and potatoes in the valley.',
      'King Henry built the castle after the long war.',
      'The small bird has a bright red colour.',
    ],
  },
  {
    query: 'Where is the school?',
    positive: 'The school stands next to the church on the hill.',
    negatives: ['The cathedral was built in the twelfth century.', 'Who wrote the novel?'],
  },
];

afterAll(releaseModels);

describe(`a recipe-trained model (${MODEL_DIR})`, () => {
  it.each(CASES)('scores "$query" finitely, positive first', async ({ query, positive, negatives }) => {
    // Prepare
    const model = await acquireModel(MODEL_DIR, { threads: TEST_THREADS });
    const passages = [positive, ...negatives];
    // Act
    const logits = await model.scoreEncoded(model.encode(query, passages), passages.length);
    // Assess
    expect(logits).toHaveLength(passages.length);
    expect(logits.every(Number.isFinite)).toBe(true);
    expect(Math.max(...logits.slice(1))).toBeLessThan(logits[0]!);
  });
});
