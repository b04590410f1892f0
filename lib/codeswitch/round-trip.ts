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
    const around = (text: string, side: 'query' | 'passage', passageIndex: number): Promise<string> => {
      const switched = switchBilingual(text, { lexicon, p: 1, seed, exampleIndex, side, passageIndex });
      return glosser.gloss(switched.text, lang);
    };
    const passages = sides !== 'query';
    const nPos = example.pos.length;
    return {
      ...example,
      query: sides === 'passages' ? example.query : await around(example.query, 'query', 0),
      pos: passages ? await Promise.all(example.pos.map((t, i) => around(t, 'passage', i))) : example.pos,
      neg: passages
        ? await Promise.all(example.neg.map((t, j) => around(t, 'passage', nPos + j)))
        : example.neg,
      query_lang: GLOSS_LANGUAGE,
      doc_lang: GLOSS_LANGUAGE,
      round_trip: { lang, sides },
      provenance,
    };
  };
}
