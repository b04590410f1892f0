/**
 * A tokenizer that remembers its words' ids (lib/rerank/tokenizer.ts) must give exactly the ids
 * the library gives the whole text, for every tokenizer it remembers words for: the fixtures and
 * every shipped model's, checked against @huggingface/tokenizers itself on texts with every kind
 * of whitespace between, before and after their words.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PairTokenizer } from '../../lib/rerank/index.js';
import { MODELS_DIR } from './helpers.js';

const SHIPPED = fileURLToPath(new URL('../../models', import.meta.url));
const DEMO = fileURLToPath(new URL('../../samples/demo-corpus.jsonl', import.meta.url));

/** Each distinct tokenizer.json among the fixtures and the shipped models, by where it is. */
function tokenizerFiles(): Array<[string, string]> {
  const files = [
    join(MODELS_DIR, 'tokenizers', 'wordpiece.json'),
    join(MODELS_DIR, 'tokenizers', 'unigram.json'),
    join(MODELS_DIR, 'tiny', 'tokenizer.json'),
    ...readdirSync(SHIPPED, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(SHIPPED, entry.name, 'tokenizer.json')),
  ];
  const byText = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!byText.has(text)) byText.set(text, file);
  }
  return [...byText].map(([text, file]) => [file.slice(file.lastIndexOf('models')), text]);
}

const corpus = readFileSync(DEMO, 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { text: string }).text);
const GAPS = [
  ' ',
  '  ',
  '',
  '\n',
  ' \t ',
  '\u00a0',
  '\u3000 ',
  '\v ',
  ' \u0301',
  '\ufeff ',
  '\u2028 ',
  ' - ',
];
const text = fc
  .tuple(
    fc.constantFrom(...GAPS),
    fc.array(fc.tuple(fc.nat(corpus.length - 1), fc.nat(200), fc.constantFrom(...GAPS)), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([lead, parts]) => lead + parts.map(([i, cut, gap]) => corpus[i]!.slice(0, cut) + gap).join(''));

describe('remembering the ids of words', () => {
  const files = tokenizerFiles();

  it('holds for the shipped models and the fixtures that split at spaces', () => {
    // Assess: every shipped tokenizer and the three fixtures qualify (prefix.ts tokenisesWordByWord).
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const [where, json] of files)
      expect([where, PairTokenizer.fromJson(json, where).cachesWords]).toEqual([where, true]);
  });

  it.each(files)('%s: gives the ids the library gives the whole text, seen before or not', (where, json) => {
    // Prepare
    const library = new Tokenizer(JSON.parse(json) as object, {});
    const tokenizer = PairTokenizer.fromJson(json, where);
    fc.assert(
      fc.property(text, (t) => {
        const expected = library.encode(t.toWellFormed(), { add_special_tokens: false }).ids;
        // Act / Assess: the first time fills the cache, the second reads it.
        expect(tokenizer.tokenize(t)).toEqual(expected);
        expect(tokenizer.tokenize(t)).toEqual(expected);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it.each([
    [
      'ByteLevel (whitespace runs inside its tokens)',
      { type: 'ByteLevel', add_prefix_space: false, use_regex: true },
    ],
    [
      'Metaspace that marks only the first word',
      { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true },
    ],
    [
      'Metaspace that does not split',
      { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: false },
    ],
  ])('is not done for %s, whose words read differently alone', (_, preTokenizer) => {
    // Prepare: the tiny model's tokenizer with another pre-tokenizer.
    const json = JSON.parse(readFileSync(join(MODELS_DIR, 'tiny', 'tokenizer.json'), 'utf8')) as object;
    // Act
    const tokenizer = PairTokenizer.fromJson(JSON.stringify({ ...json, pre_tokenizer: preTokenizer }), 'x');
    // Assess
    expect(tokenizer.cachesWords).toBe(false);
  });
});
