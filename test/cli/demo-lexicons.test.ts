/**
 * The hand-written demo lexicons (samples/lexicons): well-formed, large enough, and about the demo
 * corpus, i.e. most of their translations are words that the corpus's passages of that language use.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoLexiconsDir } from '../../lib/cli/commands/demo.js';
import { packageRoot } from '../../lib/cli/paths.js';
import { fromTsv, type Lexicon } from '../../lib/lexicon/index.js';
import { getAnalyzer } from '../../lib/text/index.js';

/** English to every other language of the demo corpus; the catalog inverts and pivots for the rest. */
const TARGET_LANGUAGES = ['ar', 'de', 'es', 'fr', 'ru', 'th', 'zh'];
const MIN_ENTRIES = 200;
/**
 * Least share of a lexicon's distinct translations whose index terms all occur in the demo
 * passages of its language. The lexicons also hold base forms and synonyms the passages do not
 * use, so even a perfect one stays below 1; the data reaches 0.81 to 0.92. French and Thai have
 * passages on 20 of the 60 topics (0.38 and 0.44); a list of wrong or misspelt words reaches ~0.
 */
const MIN_SHARE_IN_CORPUS: Record<string, number> = {
  ar: 0.75,
  de: 0.75,
  es: 0.75,
  ru: 0.75,
  zh: 0.75,
  fr: 0.3,
  th: 0.3,
};

async function demoLexicon(tgtLang: string): Promise<Lexicon> {
  const name = `en-${tgtLang}.tsv`;
  const text = await readFile(join(demoLexiconsDir(), name), 'utf8');
  return fromTsv(text, { srcLang: 'en', tgtLang, id: name });
}

/** Index terms of the demo passages in `lang`, as the index holds them. */
async function corpusTerms(lang: string): Promise<Set<string>> {
  const analyzer = getAnalyzer(lang);
  const lines = (await readFile(join(packageRoot(), 'samples', 'demo-corpus.jsonl'), 'utf8')).split('\n');
  const terms = new Set<string>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as { lang: string; title?: string; text: string };
    if (doc.lang !== lang) continue;
    for (const term of analyzer.analyze(`${doc.title ?? ''} ${doc.text}`)) terms.add(term);
  }
  return terms;
}

describe('demo lexicons', () => {
  it('are one en-xx.tsv per other language of the demo corpus', async () => {
    // Prepare
    const expected = TARGET_LANGUAGES.map((lang) => `en-${lang}.tsv`);
    // Act
    const names = (await readdir(demoLexiconsDir())).filter((name) => name.endsWith('.tsv')).sort();
    // Assess
    expect(names).toEqual(expected);
  });

  it.each(TARGET_LANGUAGES)(
    `en-%s.tsv parses and has at least ${MIN_ENTRIES} English words`,
    async (lang) => {
      // Prepare
      const english = getAnalyzer('en');
      // Act
      const lexicon = await demoLexicon(lang);
      // Assess
      expect(lexicon.size).toBeGreaterThanOrEqual(MIN_ENTRIES);
      // Every source is one English index term: a stopword or phrase source would never translate a query term.
      const unusable = [...lexicon.entries()].filter((entry) => english.analyze(entry.src).length !== 1);
      expect(unusable.map((entry) => entry.src)).toEqual([]);
    },
  );

  it.each(TARGET_LANGUAGES)('en-%s.tsv translates into words of the demo passages', async (lang) => {
    // Prepare
    const lexicon = await demoLexicon(lang);
    const inCorpus = await corpusTerms(lang);
    const analyzer = getAnalyzer(lang);
    const targets = new Set([...lexicon.entries()].flatMap((entry) => entry.translations.map((t) => t.tgt)));
    // Act
    const found = [...targets].filter((target) => {
      const terms = analyzer.analyze(target);
      return terms.length > 0 && terms.every((term) => inCorpus.has(term));
    });
    // Assess
    expect(found.length / targets.size).toBeGreaterThanOrEqual(MIN_SHARE_IN_CORPUS[lang]!);
  });
});
