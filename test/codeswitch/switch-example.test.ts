import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodeSwitchError,
  exampleSwitcher,
  segmentText,
  switchBilingual,
  SwitchStats,
  type ExampleSwitcherOptions,
  type TrainingExample,
} from '../../lib/codeswitch/index.js';
import { fromTsv, type Lexicon } from '../../lib/lexicon/index.js';
import { LEXICON_TSV } from './fixtures.js';
import { exampleIndex, seed, sentence } from './helpers.js';

const LEXICONS: Record<string, Lexicon> = Object.fromEntries(
  Object.entries(LEXICON_TSV).map(([lang, tsv]) => [
    lang,
    fromTsv(tsv, { srcLang: 'en', tgtLang: lang, id: `en-${lang}.tsv` }),
  ]),
);
const ALL = Object.values(LEXICONS);

const EXAMPLE: TrainingExample = {
  id: 'ex1',
  query: 'the big dog',
  pos: ['the dog is in the house', 'a big house'],
  neg: ['the tea and the coffee', 'the house', 'nothing to see'],
  query_lang: 'en',
  doc_lang: 'en',
  note: 'kept',
};

function options(overrides: Partial<ExampleSwitcherOptions>): ExampleSwitcherOptions {
  return {
    mode: { method: 'bl-cs', queryLang: 'en', docLang: 'de' },
    lexicons: ALL,
    p: 1,
    seed: 3,
    source: 'unit.jsonl',
    ...overrides,
  };
}

/** Lower-cased words of a text. */
function words(text: string): string[] {
  return segmentText(text)
    .filter((s) => s.kind === 'word')
    .map((s) => s.text.toLowerCase());
}

/** True when every covered word of `text` is in `lang`'s lexicon output and no other language appears. */
function onlyTargetsOf(lang: string, text: string): boolean {
  const targets = (l: string) =>
    new Set(LEXICON_TSV[l]!.split('\n').map((line) => line.split('\t')[1]?.toLowerCase()));
  const own = targets(lang);
  const foreign = Object.keys(LEXICON_TSV)
    .filter((l) => l !== lang)
    .flatMap((l) => [...targets(l)])
    .filter((w) => w !== undefined && !own.has(w));
  return words(text).every((w) => !foreign.includes(w));
}

describe('exampleSwitcher', () => {
  it('BL-CS en–de: leaves the English query alone and switches every passage with its own draws', () => {
    // Prepare
    const switcher = exampleSwitcher(options({ p: 0.5 }));
    // Act
    const out = switcher(EXAMPLE, 7);
    // Assess
    expect(out.query).toBe(EXAMPLE.query);
    expect(out).toMatchObject({ query_lang: 'en', doc_lang: 'de', note: 'kept', id: 'ex1' });
    const passages = [...EXAMPLE.pos, ...EXAMPLE.neg];
    passages.forEach((text, k) => {
      const expected = switchBilingual(text, {
        lexicon: LEXICONS.de!,
        p: 0.5,
        seed: 3,
        exampleIndex: 7,
        side: 'passage',
        passageIndex: k,
      });
      const got = k < EXAMPLE.pos.length ? out.pos[k] : out.neg[k - EXAMPLE.pos.length];
      const counts = k < EXAMPLE.pos.length ? out.switches.pos[k] : out.switches.neg[k - EXAMPLE.pos.length];
      expect(got).toBe(expected.text);
      expect(counts).toEqual([expected.switched, expected.eligible, expected.tokens]);
    });
    expect(out.switches.query).toEqual([0, 0, words(EXAMPLE.query).length]);
  });

  it('BL-CS ar–ru: the query goes through en→ar, the passages through en→ru', () => {
    // Act
    const out = exampleSwitcher(options({ mode: { method: 'bl-cs', queryLang: 'ar', docLang: 'ru' } }))(
      EXAMPLE,
      0,
    );
    // Assess
    expect(out.query).toBe('ال كبير كلب');
    expect([...out.pos, ...out.neg].every((text) => onlyTargetsOf('ru', text))).toBe(true);
    expect(out.pos[1]).toBe('a большой дом');
    expect(out.provenance).toEqual({
      method: 'bl-cs',
      p: 1,
      languages: ['ar', 'ru'],
      lexicons: ['en-ar.tsv', 'en-ru.tsv'],
      seed: 3,
      source: 'unit.jsonl',
    });
  });

  it('ML-CS tags both sides "mul" and mixes languages within a text', () => {
    // Prepare
    const switcher = exampleSwitcher(options({ mode: { method: 'ml-cs', langs: ['de', 'ru', 'ar'] } }));
    const long = { ...EXAMPLE, query: 'the big dog and the big house and the dog and the tea' };
    // Act
    const outs = Array.from({ length: 5 }, (_, i) => switcher(long, i));
    // Assess
    expect(outs.every((o) => o.query_lang === 'mul' && o.doc_lang === 'mul')).toBe(true);
    const mixed = outs.some((o) => ['de', 'ru', 'ar'].filter((l) => !onlyTargetsOf(l, o.query)).length === 3);
    expect(mixed).toBe(true);
    expect(outs[0]!.provenance.languages).toEqual(['de', 'ru', 'ar']);
  });

  it('multilingual Wiki-CS draws one query and one document language per instance', () => {
    // Prepare
    const switcher = exampleSwitcher(options({ mode: { method: 'wiki-cs', langs: ['de', 'ru'] } }));
    // Act
    const outs = Array.from({ length: 40 }, (_, i) => switcher(EXAMPLE, i));
    // Assess
    for (const out of outs) {
      expect(onlyTargetsOf(out.query_lang, out.query)).toBe(true);
      expect([...out.pos, ...out.neg].every((text) => onlyTargetsOf(out.doc_lang, text))).toBe(true);
    }
    expect(new Set(outs.map((o) => `${o.query_lang}-${o.doc_lang}`)).size).toBe(4);
  });

  it('is the identity at p = 0 and deterministic for every method', () => {
    const modes: ExampleSwitcherOptions['mode'][] = [
      { method: 'bl-cs', queryLang: 'de', docLang: 'ru' },
      { method: 'ml-cs', langs: ['de', 'ru'] },
      { method: 'wiki-cs', langs: ['de', 'ar'] },
    ];
    fc.assert(
      fc.property(sentence, sentence, seed, exampleIndex, fc.constantFrom(...modes), (q, d, s, ex, mode) => {
        // Prepare
        const example = { ...EXAMPLE, query: q, pos: [d], neg: [q, d] };
        // Act
        const zero = exampleSwitcher(options({ mode, p: 0, seed: s }))(example, ex);
        const half = exampleSwitcher(options({ mode, p: 0.5, seed: s }));
        // Assess
        expect([zero.query, ...zero.pos, ...zero.neg]).toEqual([q, d, q, d]);
        expect(half(example, ex)).toEqual(half(example, ex));
      }),
      { numRuns: 60 },
    );
  });

  it('fails at once for a missing lexicon, p outside [0, 1] or a source-language target', () => {
    // Act + Assess
    expect(() => exampleSwitcher(options({ lexicons: [LEXICONS.ru!] }))).toThrow(CodeSwitchError);
    expect(() => exampleSwitcher(options({ p: 1.5 }))).toThrow(CodeSwitchError);
    expect(() => exampleSwitcher(options({ mode: { method: 'ml-cs', langs: ['en', 'de'] } }))).toThrow(
      CodeSwitchError,
    );
  });
});

describe('SwitchStats', () => {
  it('sums the switch triples per side and language and counts word types', () => {
    // Prepare
    const switcher = exampleSwitcher(
      options({ p: 0.5, mode: { method: 'bl-cs', queryLang: 'de', docLang: 'ru' } }),
    );
    const outs = Array.from({ length: 20 }, (_, i) => switcher(EXAMPLE, i));
    const stats = new SwitchStats([LEXICONS.de!]);
    // Act
    for (const out of outs) stats.add(out);
    const report = stats.report();
    // Assess
    const query = report.sides.find((s) => s.side === 'query')!;
    const passage = report.sides.find((s) => s.side === 'passage')!;
    expect(query).toMatchObject({ lang: 'de', texts: 20 });
    expect(query.switched).toBe(outs.reduce((n, o) => n + o.switches.query[0], 0));
    expect(passage.tokens).toBe(
      outs.reduce((n, o) => n + [...o.switches.pos, ...o.switches.neg].reduce((m, c) => m + c[2], 0), 0),
    );
    // Unswitched English words left: covered (the, big, dog, house, tea, coffee) or not (is, in, a, and, ...).
    const types = report.types[0]!;
    expect(types.covered).toBeGreaterThan(0);
    expect(types.covered).toBeLessThan(types.types);
  });
});
