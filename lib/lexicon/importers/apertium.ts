/**
 * Apertium bilingual dictionaries (`<a>-<b>.autobil.bin`, compiled lttoolbox transducers). lttoolbox's
 * `lt-expand` lists a transducer's entries as `left<tags>:right<tags>` lines (`:>:` for left-to-right
 * only, `:<:` right-to-left only); tags are dropped and lemmas kept. A file compiled for a→b maps a to
 * b, so the lexicon's direction is the file's. Apertium does not rank translations: each distinct
 * lemma pair scores 1 however many tag variants list it.
 */
import { spawn } from 'node:child_process';
import { LexiconError } from '../errors.js';
import { cleanText } from '../normalize.js';
import { addOnce, type ImportOptions, type ImportResult, newLexicon, requireEntries } from './common.js';

const FORMAT = 'lt-expand output ("left<tags>:right<tags>" per line)';
const LT_EXPAND = 'lt-expand';
/** Tags, and the `+` that joins a lemma to a clitic's analysis (which the tags then describe). */
const TAG_RE = /<[^>]*>/g;
/** `#` marks where the invariable part of a multiword ("take<vblex># off") follows the tags. */
const MULTIWORD_MARK_RE = /#/g;

/** A side of an entry as a plain lemma: tags gone, escapes resolved, a `+clitic` analysis dropped. */
function lemmaOf(side: string): string {
  const head = side.split(/(?<!\\)\+/)[0] ?? '';
  return cleanText(head.replace(TAG_RE, '').replace(MULTIWORD_MARK_RE, ' ').replace(/\\(.)/g, '$1'));
}

/** Splits at the first unescaped `:`, `:>:` or `:<:`; undefined for a line without one. */
function splitEntry(line: string): { left: string; right: string; direction: '' | '>' | '<' } | undefined {
  const match = /(?<!\\):(?:([<>]):)?/.exec(line);
  if (match === null) return undefined;
  const marker = match[1];
  return {
    left: line.slice(0, match.index),
    right: line.slice(match.index + match[0].length),
    direction: marker === '>' || marker === '<' ? marker : '',
  };
}

/**
 * Lemma pairs of lt-expand output, left to right; entries marked right-to-left only (`:<:`) are not
 * translations in the file's direction and are skipped.
 */
export function parseLtExpand(text: string): { pairs: Array<[string, string]>; skipped: number } {
  const pairs: Array<[string, string]> = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = splitEntry(line);
    if (entry === undefined || entry.direction === '<') {
      skipped += 1;
      continue;
    }
    const left = lemmaOf(entry.left);
    const right = lemmaOf(entry.right);
    if (left === '' || right === '') {
      skipped += 1;
      continue;
    }
    pairs.push([left, right]);
  }
  return { pairs, skipped };
}

/** lt-expand's output for one transducer; a missing lt-expand is an error naming its package. */
export function runLtExpand(binPath: string, command: string = LT_EXPAND): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [binPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LexiconError(
          error.code === 'ENOENT'
            ? `${command} not found: install the Debian package lttoolbox to read ${binPath}`
            : `${command} ${binPath}: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const detail = cleanText(Buffer.concat(err).toString('utf8')).slice(0, 200);
        reject(new LexiconError(`${command} ${binPath} exited with ${code}: ${detail}`));
      }
    });
  });
}

/** Whether lt-expand can be run here (the build warns instead of failing when it cannot). */
export async function ltExpandAvailable(command: string = LT_EXPAND): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, ['--help'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
}

/** Lexicon of lt-expand text already read (tests, or output saved from another machine). */
export function importApertiumText(text: string, options: ImportOptions, source: string): ImportResult {
  const lexicon = newLexicon(options, `apertium:${source}`);
  const { pairs, skipped } = parseLtExpand(text);
  for (const [src, tgt] of pairs) addOnce(lexicon, src, tgt, 1);
  return requireEntries({ lexicon, skipped }, source, FORMAT);
}

export async function importApertium(
  binPath: string,
  options: ImportOptions & { ltExpand?: string },
): Promise<ImportResult> {
  const { ltExpand, ...importOptions } = options;
  return importApertiumText(await runLtExpand(binPath, ltExpand), importOptions, binPath);
}
