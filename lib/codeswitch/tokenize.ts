/**
 * Lossless tokenisation for code-switching: text becomes word and non-word segments whose concatenation
 * is the input, code unit for code unit, so untouched text is never rewritten (the original pipeline
 * re-joined tokens and changed quotes and contractions even when nothing switched). Words are runs of
 * letters, marks and digits with inner apostrophes and hyphens; runs of unspaced scripts (Han, Kana,
 * Thai, ...) are split by Intl.Segmenter.
 */
import { segmentUnspacedRun, UNSPACED_SCRIPT_CLASS } from '../text/index.js';
import { WORD_JOINER_CLASS } from './constants.js';

export type SegmentKind = 'word' | 'other';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

const WORD_CHAR = `[[\\p{L}\\p{M}\\p{N}]--[${UNSPACED_SCRIPT_CLASS}]]`;
const UNSPACED_CHAR = `[[\\p{L}\\p{M}\\p{N}]&&[${UNSPACED_SCRIPT_CLASS}]]`;
/** Group 1: an unspaced-script run. Otherwise a word; joiners only between word characters. */
const TOKEN_SOURCE = `(${UNSPACED_CHAR}+)|${WORD_CHAR}+(?:[${WORD_JOINER_CLASS}]${WORD_CHAR}+)*`;

/** Shared across calls (segmentText is synchronous and resets lastIndex), so it is compiled once. */
const TOKEN_RE = new RegExp(TOKEN_SOURCE, 'gv');

/** Appends, merging adjacent 'other' segments so callers see one separator between two words. */
function push(out: Segment[], kind: SegmentKind, text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (kind === 'other' && last !== undefined && last.kind === 'other') last.text += text;
  else out.push({ kind, text });
}

/** lib/text owns unspaced-script segmentation; its pieces cover the run exactly, so the round trip holds. */
function segmentRun(run: string, out: Segment[]): void {
  for (const seg of segmentUnspacedRun(run)) push(out, seg.isWordLike ? 'word' : 'other', seg.segment);
}

/** Splits text into word and other segments; `segments.map(s => s.text).join('')` is always `text`. */
export function segmentText(text: string): Segment[] {
  const out: Segment[] = [];
  const re = TOKEN_RE;
  re.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    push(out, 'other', text.slice(last, m.index));
    if (m[1] === undefined) push(out, 'word', m[0]);
    else segmentRun(m[1], out);
    last = m.index + m[0].length;
  }
  push(out, 'other', text.slice(last));
  return out;
}

/** Inverse of segmentText. */
export function joinSegments(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** A separate instance from TOKEN_RE, so a visitor may call segmentText without disturbing the scan. */
const WORD_RE = new RegExp(TOKEN_SOURCE, 'gv');

/**
 * Calls `visit` with each word of `text` and its [start, end) offsets, in order: exactly the words of
 * segmentText, without building segment objects (the code-switching hot path). Not re-entrant.
 */
export function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  const re = WORD_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const run = m[1];
    if (run === undefined) {
      visit(m[0], m.index, m.index + m[0].length);
      continue;
    }
    let at = m.index;
    for (const seg of segmentUnspacedRun(run)) {
      if (seg.isWordLike) visit(seg.segment, at, at + seg.segment.length);
      at += seg.segment.length;
    }
  }
}
