/**
 * The shard writer takes each document's terms as numbers into its analyzer's vocabulary and maps
 * them to shard term ids through an array per analyzer. The shard it writes must be the one the
 * terms' texts give: whichever numbers an analyzer hands out, when it renumbers its vocabulary
 * (which it does when the vocabulary outgrows its limit), and when analyzers of two languages
 * produce the same term.
 */
import { describe, expect, it } from 'vitest';
import { ShardWriter } from '../../lib/index/build/shard-writer.js';
import { getAnalyzer, type Analyzer } from '../../lib/text/index.js';
import { STEM_CACHE_MAX_ENTRIES } from '../../lib/text/constants.js';
import { decodePostings, encodeShard, headFields } from '../../lib/index/format/shard-format.js';
import { parseShardHead } from '../../lib/index/format/shard-head.js';
import { utf8Encode } from '../../lib/index/format/binary.js';

/**
 * An analyzer with the real one's terms that renumbers its whole vocabulary, in another order, at
 * every call: the worst case for the writer's per-analyzer arrays.
 */
function renumberingEveryCall(real: Analyzer): Analyzer {
  let vocabulary: string[] = [];
  let epoch = 0;
  return {
    lang: real.lang,
    stemmer: real.stemmer,
    analyze: (text) => real.analyze(text),
    get vocabularyEpoch() {
      return epoch;
    },
    term: (n) => vocabulary[n]!,
    analyzeTermNumbers(text, out) {
      const terms = real.analyze(text);
      epoch++;
      vocabulary = [...new Set(terms)].reverse();
      for (const t of terms) out.push(vocabulary.indexOf(t));
    },
  };
}

const DOCS: Array<[lang: string, text: string]> = [
  ['en', 'The running runners ran to Paris and Zürich; they run daily.'],
  ['fr', "L'homme est allé à Paris. Les runners courent."],
  ['de', 'Die Läufer laufen nach Zürich und Paris, naïve café’s'],
  ['zh', '北京大学位于北京。Paris 和 Zürich 也是城市。'],
  ['th', 'ภาษาไทยเป็นภาษาราชการ Paris'],
  ['en', "Paris again: runners running, don't stop rock'n'roll 東京タワー"],
  ['ar', 'المدرسة في باريس. مدرسة Paris'],
  ['en', ''],
];

function shardOf(analyzerOf: (lang: string) => Analyzer): Uint8Array {
  const writer = new ShardWriter();
  DOCS.forEach(([lang, text], i) => writer.addDocument(`d${i}`, lang, analyzerOf(lang), text, { text }));
  return writer.encode().shard;
}

describe('ShardWriter', () => {
  it('writes the same shard whether analyzers keep their numbers or renumber at every call', () => {
    const stable = shardOf(getAnalyzer);
    const renumbering = new Map<string, Analyzer>();
    const fresh = shardOf((lang) => {
      let a = renumbering.get(lang);
      if (a === undefined) renumbering.set(lang, (a = renumberingEveryCall(getAnalyzer(lang))));
      return a;
    });
    expect(fresh).toEqual(stable);
  });

  it("numbers an analyzer's terms as analyze names them, one number per distinct term", () => {
    for (const [lang, text] of DOCS) {
      const analyzer = getAnalyzer(lang);
      const numbers: number[] = [];
      analyzer.analyzeTermNumbers(text, numbers);
      const terms = analyzer.analyze(text);
      expect(numbers.map((n) => analyzer.term(n))).toEqual(terms);
      // Two numbers for one text would make two shard terms of it.
      const numberOf = new Map<string, number>();
      numbers.forEach((n, i) => {
        const seen = numberOf.get(terms[i]!);
        if (seen === undefined) numberOf.set(terms[i]!, n);
        else expect(n).toBe(seen);
      });
    }
  });

  it('drops a full vocabulary only between calls, moving its epoch on', () => {
    // The generic analyzer: no stemmer, so 300k words analyse in well under a second.
    const analyzer = getAnalyzer('xh');
    const words = Array.from({ length: STEM_CACHE_MAX_ENTRIES + 10 }, (_, i) => `w${i}`);
    const numbers: number[] = [];
    const epoch = analyzer.vocabularyEpoch;
    analyzer.analyzeTermNumbers(words.join(' '), numbers);
    // Past the limit within the call, every number of it still names its word.
    expect(analyzer.vocabularyEpoch).toBe(epoch);
    expect(numbers.map((n) => analyzer.term(n))).toEqual(words);
    const next: number[] = [];
    analyzer.analyzeTermNumbers('w5 w1', next);
    expect(analyzer.vocabularyEpoch).toBe(epoch + 1);
    expect(next.map((n) => analyzer.term(n))).toEqual(['w5', 'w1']);
    expect(next).toEqual([0, 1]);
  });

  it('keeps every posting and term frequency across its posting blocks (65,536 postings each)', () => {
    // 4,000 documents of 40 distinct words, some repeated: 160,000 postings over three blocks, with
    // repeats of a document's word landing after a block boundary.
    const analyzer = getAnalyzer('xh');
    const writer = new ShardWriter();
    const expected = new Map<string, Array<[doc: number, tf: number]>>();
    for (let doc = 0; doc < 4000; doc++) {
      const words: string[] = [];
      for (let k = 0; k < 40; k++) {
        const word = `t${(doc * 7 + k * 13) % 997}`;
        const tf = 1 + ((doc + k) % 3);
        for (let r = 0; r < tf; r++) words.push(word);
        const list = expected.get(word) ?? [];
        list.push([doc, tf]);
        expected.set(word, list);
      }
      // Repeats come back at the end of the text too, so a tf can grow after its posting's block filled.
      const text = `${words.join(' ')} ${words.slice(0, 3).join(' ')}`;
      for (const w of words.slice(0, 3)) expected.get(w)!.at(-1)![1]++;
      writer.addDocument(`d${doc}`, 'xh', analyzer, text, { text: '' });
    }
    const { shard, head: fields } = writer.encode();
    const head = parseShardHead(shard, 'k', fields.headBytes);
    expect(head.termCount).toBe(expected.size);
    for (const [word, list] of expected) {
      const info = head.lookupTerm(utf8Encode(word))!;
      const { docs, tfs } = decodePostings(shard.subarray(info.start, info.end), info, 'k');
      expect([...docs].map((d, i) => [d, tfs[i]])).toEqual(list);
    }
  });
});

describe('the language bytes of a shard head', () => {
  it('are not stored for a one-language shard, whose documents all read as that language', () => {
    // Prepare: the same 40 documents as one language, then as two
    const docCount = 40;
    const contents = (languages: string[]) => ({
      languages,
      docIds: Array.from({ length: docCount }, (_, d) => `doc-${d}`),
      docLengths: Array.from({ length: docCount }, () => 1),
      docLangs: Array.from({ length: docCount }, (_, d) => (languages.length > 1 ? d % 2 : 0)),
      docStoreOffsets: Array.from({ length: docCount + 1 }, (_, d) => 16 + d * 10),
      terms: [
        { term: 'word', docs: Array.from({ length: docCount }, (_, d) => d), tfs: Array(docCount).fill(1) },
      ],
    });
    // Act
    const one = encodeShard(contents(['en']));
    const two = encodeShard(contents(['en', 'de']));
    const oneHead = parseShardHead(one, 'one', headFields(one).headBytes);
    const twoHead = parseShardHead(two, 'two', headFields(two).headBytes);
    // Assess
    expect(headFields(two).headBytes - headFields(one).headBytes).toBeGreaterThanOrEqual(docCount);
    expect([...oneHead.docLangs]).toEqual(Array(docCount).fill(0));
    expect([...twoHead.docLangs]).toEqual(Array.from({ length: docCount }, (_, d) => d % 2));
    expect(oneHead.docId(17)).toBe('doc-17');
  });
});
