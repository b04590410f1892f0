import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PairTokenizer, RerankModelError } from '../../lib/rerank/index.js';
import { fixtureTokenizer, MODELS_DIR, readTokenizerJson, vocabId } from './helpers.js';

/*
 * Expected tokens are derived by hand from the fixture vocabularies (tokenizers/*.json):
 * WordPiece lowercases, strips accents, splits CJK characters and punctuation, then takes the
 * longest vocabulary prefix ("##" for continuations), and a word with no full cover is [UNK];
 * Unigram (NFKC, "▁" before every word) picks the segmentation with the best summed score.
 */
const ids = (name: 'wordpiece' | 'unigram', tokens: string[]) => tokens.map((t) => vocabId(name, t));

describe('WordPiece (BERT) tokenizer.json', () => {
  const tokenizer = fixtureTokenizer('wordpiece');

  it.each([
    ['Wer erfand das Telefon?', ['wer', 'erf', '##and', 'das', 'telefon', '?']],
    ['Quién inventó el teléfono', ['quien', 'invento', 'el', 'telefono']],
    ['谁发明了电话', ['谁', '发', '明', '了', '电', '话']],
    ['من اخترع الهاتف', ['من', 'اخترع', 'ال', '##هاتف']],
    ['Кто изобрёл телефон', ['кто', 'изобрел', 'телефон']],
    ['telephones telegraph', ['telephone', '##s', '[UNK]']],
  ])('tokenises %j', (text, expected) => {
    // Act
    const actual = tokenizer.tokenize(text);
    // Assess
    expect(actual).toEqual(ids('wordpiece', expected));
  });

  it('encodes a pair as [CLS] query [SEP] passage [SEP] with segment ids 0 then 1', () => {
    // Act
    const pair = tokenizer.encode('Who invented the telephone?', 'Bell, in 1876.', 64);
    // Assess
    expect(pair.ids).toEqual(
      ids('wordpiece', [
        '[CLS]',
        'who',
        'invented',
        'the',
        'telephone',
        '?',
        '[SEP]',
        'bell',
        ',',
        'in',
        '1876',
        '.',
        '[SEP]',
      ]),
    );
    expect(pair.typeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(pair.truncated).toBe(false);
  });

  it('keeps the pair template for an empty passage (the library alone would switch to the single template)', () => {
    // Act
    const pair = tokenizer.encode('telefon', '', 64);
    // Assess
    expect(pair.ids).toEqual(ids('wordpiece', ['[CLS]', 'telefon', '[SEP]', '[SEP]']));
    expect(pair.typeIds).toEqual([0, 0, 0, 1]);
  });

  it('gives the same pair from BertProcessing as from the equivalent TemplateProcessing', () => {
    // Prepare
    const json = readTokenizerJson('wordpiece');
    json.post_processor = { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] };
    const bert = PairTokenizer.fromJson(JSON.stringify(json), 'bert-processing');
    // Act
    const viaBert = bert.encode('wer erfand das telefon', 'bell in 1876', 64);
    const viaTemplate = tokenizer.encode('wer erfand das telefon', 'bell in 1876', 64);
    // Assess
    expect(viaBert).toEqual(viaTemplate);
  });

  it('truncates to max_length with special tokens counted', () => {
    // Prepare
    const passage = Array.from({ length: 40 }, () => 'telefon').join(' ');
    // Act
    const pair = tokenizer.encode('wer erfand das telefon', passage, 16);
    // Assess: 3 special tokens leave 13: the 5-token query stays whole, the passage keeps 8.
    expect(pair.ids).toHaveLength(16);
    expect(pair.ids.slice(1, 6)).toEqual(ids('wordpiece', ['wer', 'erf', '##and', 'das', 'telefon']));
    expect(pair.typeIds.filter((t) => t === 1)).toHaveLength(9);
    expect(pair.truncated).toBe(true);
  });
});

describe('Unigram (XLM-R / SentencePiece) tokenizer.json', () => {
  const tokenizer = fixtureTokenizer('unigram');

  it.each([
    ['Wer erfand das Telefon?', ['▁Wer', '▁er', 'fand', '▁das', '▁Telefon', '?']],
    ['Quién  inventó el teléfono', ['▁Quién', '▁inventó', '▁el', '▁teléfono']],
    ['谁发明了电话', ['▁谁', '发明', '了', '电话']],
    ['من اخترع الهاتف', ['▁من', '▁اخترع', '▁ال', 'هاتف']],
    ['Кто изобрёл телефон', ['▁Кто', '▁изобрёл', '▁телефон']],
    ['Ｔｅｌｅｆｏｎ telephones', ['▁Telefon', '▁telephone', 's']],
  ])('tokenises %j', (text, expected) => {
    // Act
    const actual = tokenizer.tokenize(text);
    // Assess
    expect(actual).toEqual(ids('unigram', expected));
  });

  it('fuses a run of unknown characters into one <unk>', () => {
    // Act
    const actual = tokenizer.tokenize('xyz the');
    // Assess
    expect(actual).toEqual(ids('unigram', ['▁', '<unk>', '▁the']));
  });

  it('encodes a pair as <s> query </s> </s> passage </s>, all segment 0', () => {
    // Act
    const pair = tokenizer.encode('Wer erfand das Telefon?', 'Bell in 1876.', 64);
    // Assess
    expect(pair.ids).toEqual(
      ids('unigram', [
        '<s>',
        '▁Wer',
        '▁er',
        'fand',
        '▁das',
        '▁Telefon',
        '?',
        '</s>',
        '</s>',
        '▁Bell',
        '▁in',
        '▁1876',
        '.',
        '</s>',
      ]),
    );
    expect(new Set(pair.typeIds)).toEqual(new Set([0]));
    expect(tokenizer.pairOverhead).toBe(4);
  });

  it('pads with <pad>, which a model must never see unmasked', () => {
    // Assess
    expect(tokenizer.padId).toBe(vocabId('unigram', '<pad>'));
  });
});

describe('tokenizer.json that cannot serve a cross-encoder', () => {
  it('is rejected at load when it has no post-processor', () => {
    // Prepare
    const json = readTokenizerJson('wordpiece');
    json.post_processor = null;
    // Act / Assess
    expect(() => PairTokenizer.fromJson(JSON.stringify(json), 'no-template')).toThrow(RerankModelError);
    expect(() => PairTokenizer.fromJson(JSON.stringify(json), 'no-template')).toThrow(/pair template/);
  });

  it('is rejected when it is not JSON', () => {
    // Act / Assess
    expect(() => PairTokenizer.fromJson('{"model":', 'broken')).toThrow(
      /broken: not a usable tokenizer.json/,
    );
  });
});

describe('tokenising only the part of a passage that truncation keeps', () => {
  const corpus = readFileSync(join(MODELS_DIR, '..', '..', '..', 'samples', 'demo-corpus.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const tiny = join(MODELS_DIR, 'tiny', 'tokenizer.json');
  const tokenizers: Array<[string, PairTokenizer]> = [
    ['wordpiece', fixtureTokenizer('wordpiece')],
    ['unigram', fixtureTokenizer('unigram')],
    ...(existsSync(tiny)
      ? [['tiny', PairTokenizer.fromJson(readFileSync(tiny, 'utf8'), 'tiny')] as [string, PairTokenizer]]
      : []),
  ];
  const passage = fc
    .array(fc.tuple(fc.nat(corpus.length - 1), fc.constantFrom(' ', '  ', '\n', ' \t ', '')), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.map(([i, gap]) => `${corpus[i]}${gap}`).join(''));

  it.each(tokenizers)('%s: gives exactly the pair the whole passage gives', (_, tokenizer) => {
    fc.assert(
      fc.property(
        passage,
        fc.integer({ min: 8, max: 300 }),
        fc.nat(corpus.length - 1),
        (text, maxLength, q) => {
          // Prepare
          const query = tokenizer.tokenize(corpus[q]!.slice(0, 60));
          // Act
          const prefix = tokenizer.encodePassage(query, text, maxLength);
          const whole = tokenizer.encodePair(query, tokenizer.tokenize(text), maxLength);
          // Assess
          expect(prefix).toEqual(whole);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
