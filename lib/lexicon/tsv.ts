/**
 * Compact lexicon TSV: `src<TAB>tgt<TAB>score`, one pair a line, sorted by key then by translation rank.
 * Scores are the raw accumulated evidence written with JavaScript's shortest round-trip formatting, so
 * reading a file back gives bit-identical probabilities.
 */
import { TSV_SEPARATOR } from './constants.js';
import { LexiconError } from './errors.js';
import { Lexicon, type LexiconInfo } from './lexicon.js';
import { echo } from './normalize.js';

export function toTsv(lexicon: Lexicon): string {
  const lines: string[] = [];
  for (const entry of lexicon.entries()) {
    const raw = lexicon.rawScores(entry.src);
    for (const { tgt } of entry.translations) {
      lines.push([entry.src, tgt, String(raw?.get(tgt))].join(TSV_SEPARATOR));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Parses lexicon TSV; blank lines are ignored and any other bad line is a one-line error. */
export function fromTsv(text: string, info: LexiconInfo): Lexicon {
  const lexicon = new Lexicon(info);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    const fields = line.split(TSV_SEPARATOR);
    const where = `${info.id}:${i + 1}`;
    if (fields.length !== 3) {
      throw new LexiconError(
        `${where}: expected src<TAB>tgt<TAB>score, got ${fields.length} field(s) in ${echo(line)}`,
      );
    }
    const [src = '', tgt = '', scoreText = ''] = fields;
    const score = Number(scoreText);
    if (scoreText.trim() === '' || !Number.isFinite(score) || score <= 0) {
      throw new LexiconError(`${where}: score must be a number > 0, got ${echo(scoreText)}`);
    }
    try {
      lexicon.add(src, tgt, score);
    } catch (error) {
      throw new LexiconError(`${where}: ${(error as Error).message}`);
    }
  }
  return lexicon;
}
