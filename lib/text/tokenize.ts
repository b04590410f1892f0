/**
 * Word tokenizer: a single Unicode regex pass for space-delimited scripts, with runs of unspaced
 * scripts (Han, Kana, Thai, Lao, Khmer, Myanmar) handed to Intl.Segmenter. Intl.Segmenter over whole
 * texts is several times too slow for index building, and a regex cannot find Chinese or Thai word
 * boundaries, so each does only the part it is good at. Script runs are found regardless of the text's
 * declared language, so an English sentence quoting 北京大学 still yields Chinese words.
 */
import {
  CHUNK_OVERLAP_SEGMENTS,
  KANA_RE,
  MAX_SEGMENTER_CHUNK,
  SEGMENTER_LOCALE_BY_SCRIPT,
  UNSPACED_SCRIPT_CLASS,
} from './constants.js';

export type TokenSink = (token: string) => void;
/**
 * Receives a word as source[start, end): the ASCII scan hands out ranges of the text, so a caller
 * that looks words up (the analyzer's memo) needs no string per token.
 */
export type TokenRangeSink = (source: string, start: number, end: number) => void;

const WORD_CHAR = `[[\\p{L}\\p{M}\\p{N}]--[${UNSPACED_SCRIPT_CLASS}]]`;
const UNSPACED_CHAR = `[[\\p{L}\\p{M}\\p{N}]&&[${UNSPACED_SCRIPT_CLASS}]]`;

/**
 * Group 1: a run of unspaced-script letters. Otherwise: letters/marks/digits, with apostrophes kept only
 * between word characters ("don't", "l'homme", "Türkiye'nin"); leading/trailing quotes are dropped.
 * The v flag gives class set subtraction; it is built from a string because TypeScript only accepts
 * v-flag literals when targeting ES2024.
 */
const TOKEN_SOURCE = `(${UNSPACED_CHAR}+)|${WORD_CHAR}+(?:'${WORD_CHAR}+)*`;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** cjkLocale: 'ja' or 'zh' when the text's language says how to read Han; null to infer from kana. */
function localeForRun(run: string, cjkLocale: string | null): string {
  for (const [re, locale] of SEGMENTER_LOCALE_BY_SCRIPT) {
    if (re.test(run)) return locale;
  }
  if (cjkLocale !== null) return cjkLocale;
  return KANA_RE.test(run) ? 'ja' : 'zh';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** One piece of an unspaced run; the pieces of a run concatenate back to it exactly. */
export interface RunSegment {
  segment: string;
  isWordLike: boolean;
}

/**
 * Segments a run of unspaced script (see UNSPACED_SCRIPT_CLASS) with Intl.Segmenter. Every segment is
 * yielded, word-like or not, so callers that must round-trip the text (code-switching) can.
 */
export function* segmentUnspacedRun(run: string, cjkLocale: string | null = null): Generator<RunSegment> {
  // A lone ideograph or syllable is already a word; skip the segmenter round trip.
  if (run.length === 1) {
    yield { segment: run, isWordLike: true };
    return;
  }
  const segmenter = segmenterFor(localeForRun(run, cjkLocale));
  // Intl.Segmenter is quadratic on long unbroken runs (~3 s for 70k Han characters), so long runs go in
  // chunks that never split a surrogate pair. Dictionary segmentation looks ahead, so words near a chunk
  // end may be mis-cut: the last CHUNK_OVERLAP_SEGMENTS segments are segmented again with the next chunk.
  let start = 0;
  while (start < run.length) {
    let end = Math.min(run.length, start + MAX_SEGMENTER_CHUNK);
    if (end < run.length && isHighSurrogate(run.charCodeAt(end - 1))) end -= 1;
    const segs = Array.from(segmenter.segment(run.slice(start, end)));
    const carry = end < run.length && segs.length > CHUNK_OVERLAP_SEGMENTS;
    const keep = carry ? segs.length - CHUNK_OVERLAP_SEGMENTS : segs.length;
    for (let i = 0; i < keep; i++) {
      const seg = segs[i] as Intl.SegmentData;
      yield { segment: seg.segment, isWordLike: seg.isWordLike === true };
    }
    start = carry ? start + (segs[keep] as Intl.SegmentData).index : end;
  }
}

/**
 * The tokenizer's reference: the words of text[from, to) by the token regex, unspaced runs through
 * the segmenter. `from` and `to` must not fall inside a word. A fresh RegExp per call keeps
 * lastIndex state local, so re-entrant use is safe.
 */
export function forEachTokenByRegex(
  text: string,
  cjkLocale: string | null,
  sink: TokenSink,
  from = 0,
  to = text.length,
): void {
  const re = new RegExp(TOKEN_SOURCE, 'gv');
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const run = m[1];
    if (run === undefined) sink(m[0]);
    else for (const seg of segmentUnspacedRun(run, cjkLocale)) if (seg.isWordLike) sink(seg.segment);
  }
}

const APOSTROPHE = 0x27;
/** Below this a UTF-16 unit is ASCII, which the scan below classifies by itself. */
const FIRST_NON_ASCII = 0x80;

/**
 * The words of an ASCII chunk (letters, digits and apostrophes only) by the token regex's rule:
 * letters and digits with single apostrophes between them.
 */
function asciiChunkTokens(text: string, start: number, end: number, sink: TokenRangeSink): void {
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) === APOSTROPHE) {
      i++;
      continue;
    }
    const word = i;
    for (;;) {
      while (i < end && text.charCodeAt(i) !== APOSTROPHE) i++;
      // An apostrophe joins the word only when a letter or digit follows it.
      if (i + 1 < end && text.charCodeAt(i + 1) !== APOSTROPHE) i++;
      else break;
    }
    sink(text, word, i);
  }
}

/**
 * Calls sink for each word of an already folded text, in document order: the same words as
 * forEachTokenByRegex, which a test pins on mixed-script text. A word never spans an ASCII
 * character other than a letter (\p{L} in ASCII), digit (\p{N}) or apostrophe, so those split
 * the text into chunks that tokenise independently. An all-ASCII chunk (most of a Latin-script
 * text) is scanned here; runs of chunks with other characters go to the regex together, so a
 * Greek or Chinese text is still one regex pass.
 */
export function forEachTokenRange(text: string, cjkLocale: string | null, sink: TokenRangeSink): void {
  const length = text.length;
  const regexSink: TokenSink = (token) => sink(token, 0, token.length);
  /** Start of the chunks not yet tokenised that go to the regex, -1 when there are none. */
  let regexFrom = -1;
  let i = 0;
  while (i < length) {
    const start = i;
    let ascii = true;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c >= FIRST_NON_ASCII) ascii = false;
      else if (!(
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === APOSTROPHE
      ))
        break;
    }
    const end = i++;
    if (end === start) continue;
    if (!ascii) {
      if (regexFrom === -1) regexFrom = start;
      continue;
    }
    if (regexFrom !== -1) forEachTokenByRegex(text, cjkLocale, regexSink, regexFrom, start);
    regexFrom = -1;
    asciiChunkTokens(text, start, end, sink);
  }
  if (regexFrom !== -1) forEachTokenByRegex(text, cjkLocale, regexSink, regexFrom);
}

/** forEachTokenRange with each word as a string of its own. */
export function forEachToken(text: string, cjkLocale: string | null, sink: TokenSink): void {
  forEachTokenRange(text, cjkLocale, (source, start, end) =>
    sink(start === 0 && end === source.length ? source : source.slice(start, end)),
  );
}

/** Convenience wrapper used by stopword preparation and tests. */
export function tokenize(text: string, cjkLocale: string | null = null): string[] {
  const out: string[] = [];
  forEachToken(text, cjkLocale, (t) => out.push(t));
  return out;
}
