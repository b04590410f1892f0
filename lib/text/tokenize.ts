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
 * Calls sink for each word of an already folded text, in document order. A fresh RegExp per call keeps
 * lastIndex state local, so concurrent or re-entrant use is safe.
 */
export function forEachToken(text: string, cjkLocale: string | null, sink: TokenSink): void {
  const re = new RegExp(TOKEN_SOURCE, 'gv');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const run = m[1];
    if (run === undefined) sink(m[0]);
    else for (const seg of segmentUnspacedRun(run, cjkLocale)) if (seg.isWordLike) sink(seg.segment);
  }
}

/** Convenience wrapper used by stopword preparation and tests. */
export function tokenize(text: string, cjkLocale: string | null = null): string[] {
  const out: string[] = [];
  forEachToken(text, cjkLocale, (t) => out.push(t));
  return out;
}
