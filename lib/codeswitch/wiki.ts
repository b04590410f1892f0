/**
 * Wiki-CS (Litschko et al. 2023): phrases of up to three words replaced through a lexicon built from
 * Wikipedia titles. Unlike the original substring replacement (which turned "party" into "pKunsty"),
 * matching is over whole word tokens via Lexicon.longestMatch, a phrase never spans punctuation, and a
 * replaced span is consumed, so its translation is never translated again.
 */
import { DEFAULT_MAX_PHRASE_WORDS, type Lexicon } from '../lexicon/index.js';
import { applyCase, casePattern } from './case.js';
import { PHRASE_SEPARATOR_RE, STREAM_INSTANCE_LANGUAGE, STREAM_SWITCH } from './constants.js';
import { unchanged, type SwitchOptions, type SwitchResult } from './core.js';
import { protectionFor } from './lookup.js';
import { drawer, pick, uniform, validateDrawKey, validateProbability } from './random.js';
import type { PairOptions, TextPair } from './bilingual.js';
import { validateLexiconSet } from './multilingual.js';
import { joinSegments, segmentText, type Segment } from './tokenize.js';

export interface WikiOptions extends SwitchOptions {
  lexicon: Lexicon;
  /** Longest phrase tried, in words (default DEFAULT_MAX_PHRASE_WORDS). */
  maxWords?: number;
}

/**
 * Replaces, left to right, the longest phrase starting at each word with probability p (one draw per
 * start position). `eligible` counts start positions where some phrase matched; `positions` holds the
 * first word of each replaced span.
 */
export function switchWiki(text: string, options: WikiOptions): SwitchResult {
  validateProbability(options.p);
  validateDrawKey(options);
  const { lexicon } = options;
  const maxWords = options.maxWords ?? DEFAULT_MAX_PHRASE_WORDS;
  const isStopword =
    options.protectStopwords === true ? protectionFor(lexicon.srcLang, options.stopwords) : undefined;
  const draw = drawer(options, STREAM_SWITCH);
  const segments = segmentText(text);
  const wordAt: number[] = [];
  segments.forEach((seg, i) => {
    if (seg.kind === 'word') wordAt.push(i);
  });
  const words = wordAt.map((i) => (segments[i] as Segment).text);
  // Words j and j + 1 can be in one phrase only when just whitespace (or nothing, in Chinese) is between.
  const joinable = wordAt.map((segIndex, j) => {
    const next = wordAt[j + 1];
    return (
      next !== undefined &&
      (next === segIndex + 1 || PHRASE_SEPARATOR_RE.test(segments[segIndex + 1]?.text ?? ''))
    );
  });
  const result: SwitchResult = {
    text,
    tokens: words.length,
    eligible: 0,
    switched: 0,
    positions: [],
    byLanguage: {},
  };
  let i = 0;
  while (i < words.length) {
    let limit = 1;
    while (limit < maxWords && joinable[i + limit - 1] === true) limit += 1;
    const match = lexicon.longestMatch(words, i, limit);
    const top = match?.entry.translations[0];
    const skip =
      match === undefined ||
      top === undefined ||
      (match.length === 1 && isStopword !== undefined && isStopword(words[i] as string));
    if (skip) {
      i += 1;
      continue;
    }
    result.eligible += 1;
    if (!(draw(i) < options.p)) {
      i += 1;
      continue;
    }
    const first = wordAt[i] as number;
    const last = wordAt[i + match.length - 1] as number;
    const span = segments.slice(first, last + 1);
    const source = joinSegments(span);
    span.forEach((seg) => (seg.text = ''));
    (segments[first] as Segment).text = applyCase(
      top.tgt,
      casePattern(source, lexicon.srcLang),
      lexicon.tgtLang,
    );
    result.switched += 1;
    result.positions.push(i);
    result.byLanguage[lexicon.tgtLang] = (result.byLanguage[lexicon.tgtLang] ?? 0) + 1;
    i += match.length;
  }
  result.text = joinSegments(segments);
  return result;
}

export interface WikiPairOptions extends PairOptions {
  /** Candidate lexicons for the query; empty leaves the query alone. */
  queryLexicons: readonly Lexicon[];
  /** Candidate lexicons for the passages; empty leaves them alone. */
  docLexicons: readonly Lexicon[];
  maxWords?: number;
  passageIndex?: number;
}

export interface WikiPairResult {
  query: SwitchResult;
  passage: SwitchResult;
  /** Target languages drawn for this instance; null for a side left alone. */
  queryLanguage: string | null;
  docLanguage: string | null;
}

/**
 * The lexicon of one side of an instance: ONE per side and training instance, drawn from the seed and
 * example index only, so every passage of an instance gets the same document language. Null when the
 * side has no candidates (it is left alone).
 */
export function instanceLexicon(
  lexicons: readonly Lexicon[],
  key: { seed: number; exampleIndex: number },
  side: 'query' | 'passage',
): Lexicon | null {
  if (lexicons.length === 0) return null;
  validateLexiconSet(lexicons);
  const instance = { seed: key.seed, exampleIndex: key.exampleIndex, side };
  validateDrawKey(instance);
  return lexicons[pick(uniform(instance, 0, STREAM_INSTANCE_LANGUAGE), lexicons.length)] as Lexicon;
}

/** Multilingual Wiki-CS of one query–passage pair: languages drawn per instance by instanceLexicon. */
export function switchWikiPair(pair: TextPair, options: WikiPairOptions): WikiPairResult {
  const { queryLexicons, docLexicons, passageIndex, ...rest } = options;
  validateDrawKey({ ...rest, side: 'query' });
  const queryLexicon = instanceLexicon(queryLexicons, rest, 'query');
  const docLexicon = instanceLexicon(docLexicons, rest, 'passage');
  return {
    query:
      queryLexicon === null
        ? unchanged(pair.query)
        : switchWiki(pair.query, { ...rest, side: 'query', lexicon: queryLexicon }),
    passage:
      docLexicon === null
        ? unchanged(pair.passage)
        : switchWiki(pair.passage, {
            ...rest,
            side: 'passage',
            passageIndex: passageIndex ?? 0,
            lexicon: docLexicon,
          }),
    queryLanguage: queryLexicon?.tgtLang ?? null,
    docLanguage: docLexicon?.tgtLang ?? null,
  };
}
