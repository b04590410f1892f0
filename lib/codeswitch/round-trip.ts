/**
 * Round-trip code-switching: English training text is switched into another language (every word a
 * lexicon covers, p = 1) and glossed straight back into English through a lexicon pack (gloss.ts).
 *
 * Why: a reranker that reads glossed text (lib/rerank, `"input": "english-gloss"`) sees English with
 * the dictionaries' noise in it: wrong senses (Punkte → score), words no dictionary knows left in
 * their own script, names transliterated. Trained on clean English it has never seen that noise; the
 * round trip puts the same noise into the training data, from the same kind of dictionaries, without
 * a parallel corpus. Which side goes round is drawn per example (the query, the passages, or both),
 * as serving glosses whichever side is not English; the language is drawn per example too.
 */
import type { Lexicon } from '../lexicon/index.js';
import { switchBilingual } from './bilingual.js';
import { CodeSwitchError } from './errors.js';
import type { Provenance, TrainingExample } from './example.js';
import { GLOSS_LANGUAGE, type Glosser } from './gloss.js';
import { pick, uniform } from './random.js';

/** Which sides of an example go round, drawn uniformly per example. */
export const ROUND_TRIP_SIDES = ['passages', 'query', 'both'] as const;
export type RoundTripSides = (typeof ROUND_TRIP_SIDES)[number];

/** Draw streams of the round trip, apart from the switcher's own (constants.ts: 0-2). */
const STREAM_ROUND_TRIP_LANGUAGE = 3;
const STREAM_ROUND_TRIP_SIDES = 4;

export interface RoundTripOptions {
  /** The input the examples are read from (provenance). */
  source: string;
  /** en→x lexicons, one per language switched into. */
  lexicons: readonly Lexicon[];
  /** Glosses x back into English (its pack should hold x-en or en-x). */
  glosser: Glosser;
  seed: number;
}

/** What the round trip adds to an example: the language it went through and which sides did. */
export interface RoundTripExample extends TrainingExample {
  round_trip: { lang: string; sides: RoundTripSides };
  provenance: Provenance;
}

export type RoundTripper = (example: TrainingExample, exampleIndex: number) => Promise<RoundTripExample>;

export function roundTripper(options: RoundTripOptions): RoundTripper {
  const { lexicons, glosser, seed } = options;
  const provenance: Provenance = {
    method: 'rt-cs',
    p: 1,
    languages: lexicons.map((lexicon) => lexicon.tgtLang),
    lexicons: lexicons.map((lexicon) => lexicon.id),
    seed,
    source: options.source,
  };
  if (lexicons.length === 0) throw new CodeSwitchError('the round trip needs at least one en→x lexicon');
  for (const lexicon of lexicons) {
    if (lexicon.srcLang !== GLOSS_LANGUAGE)
      throw new CodeSwitchError(
        `round-trip lexicons translate from ${GLOSS_LANGUAGE}, not ${lexicon.srcLang}`,
      );
  }
  return async (example, exampleIndex) => {
    const key = { seed, exampleIndex, side: 'query' as const, passageIndex: 0 };
    const lexicon = lexicons[pick(uniform(key, 0, STREAM_ROUND_TRIP_LANGUAGE), lexicons.length)]!;
    const sides = ROUND_TRIP_SIDES[pick(uniform(key, 0, STREAM_ROUND_TRIP_SIDES), ROUND_TRIP_SIDES.length)]!;
    const lang = lexicon.tgtLang;
    const switchText = (text: string, side: 'query' | 'passage', passageIndex: number): string =>
      switchBilingual(text, { lexicon, p: 1, seed, exampleIndex, side, passageIndex }).text;
    const passages = sides !== 'query';
    const nPos = example.pos.length;
    const allPassages = [...example.pos, ...example.neg];
    // What each side reads: the switched text where it goes round, the English where it does not.
    const queryText = sides === 'passages' ? example.query : switchText(example.query, 'query', 0);
    const queryLang = sides === 'passages' ? GLOSS_LANGUAGE : lang;
    const passageTexts = passages ? allPassages.map((t, k) => switchText(t, 'passage', k)) : allPassages;
    const passageLang = passages ? lang : GLOSS_LANGUAGE;
    // Glossed for each other as serving glosses a pair (Glosser.glossPairs): a passage against the
    // query; the query, shared by the example's passages, against all of them (positives and
    // negatives alike, so its gloss says nothing about which passage is relevant).
    const queryTerms = await glosser.englishTerms(queryText, queryLang);
    const passageTerms = new Set<string>();
    for (const text of passageTexts) {
      for (const term of await glosser.englishTerms(text, passageLang)) passageTerms.add(term);
    }
    const query = await glosser.gloss(queryText, queryLang, passageTerms);
    const glossed = await Promise.all(passageTexts.map((t) => glosser.gloss(t, passageLang, queryTerms)));
    return {
      ...example,
      query,
      pos: glossed.slice(0, nPos),
      neg: glossed.slice(nPos),
      query_lang: GLOSS_LANGUAGE,
      doc_lang: GLOSS_LANGUAGE,
      round_trip: { lang, sides },
      provenance,
    };
  };
}
