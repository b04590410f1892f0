import { readFile } from 'node:fs/promises';
import { TrecFormatError } from './errors.js';
import type { DocId, Qid, Qrels, Run, RunEntry, Topics } from './types.js';

/**
 * Field separators: C's isspace in the "C" locale, which trec_eval splits on. Unicode spaces
 * (U+00A0, U+3000, …) are part of an id there, so they are here too.
 */
export const TREC_SPACE = /[ \t\n\v\f\r]/;
const SEPARATORS = /[ \t\n\v\f\r]+/;

/** Whitespace-separated fields, as trec_eval reads them. */
function fields(text: string): string[] {
  return text.split(SEPARATORS).filter((field) => field !== '');
}

/** A non-blank line of a file with its 1-based line number. */
interface Line {
  number: number;
  text: string;
}

/**
 * Splits text into lines (LF or CRLF), dropping blank lines and, where asked, lines that start
 * with '#': trec_eval skips '#' comment lines in qrels, and files written by hand end in
 * newlines or carry blank lines that mean nothing.
 */
function contentLines(text: string, comments: boolean): Line[] {
  const lines: Line[] = [];
  // A leading byte order mark is an editor artefact, not part of the first qid.
  const raw = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.replace(/\r$/, '');
    const first = fields(line)[0];
    if (first === undefined || (comments && first.startsWith('#'))) continue;
    lines.push({ number: i + 1, text: line });
  }
  return lines;
}

const RUN_COLUMNS = 'qid Q0 docid rank score tag';
const QRELS_COLUMNS = 'qid iter docid rel';
const INTEGER = /^[+-]?[0-9]+$/;

/**
 * Parses a TREC run: `qid Q0 docid rank score tag` per line. The rank column is read but
 * ignored, as trec_eval does: the order comes from the score (see ranking.ts). Entries keep
 * file order. A docid twice in one query is an error (trec_eval refuses it too), and so is a
 * score that is not a finite number, since NaN or ±Infinity cannot be ranked reproducibly.
 */
export function parseRun(text: string, source = '<run>'): Run {
  const run: Run = new Map();
  const firstLine = new Map<Qid, Map<DocId, number>>();
  // No '#' comments: trec_eval reads every line of a run as data.
  for (const line of contentLines(text, false)) {
    const cols = fields(line.text);
    if (cols.length !== 6) {
      const detail = `expected 6 whitespace-separated columns (${RUN_COLUMNS}), found ${cols.length}`;
      throw new TrecFormatError(source, line.number, detail);
    }
    const [qid, , docid, , scoreText] = cols as [Qid, string, DocId, string, string, string];
    const score = Number(scoreText);
    if (!Number.isFinite(score)) {
      throw new TrecFormatError(source, line.number, `score '${scoreText}' is not a finite number`);
    }
    let seen = firstLine.get(qid);
    let entries = run.get(qid);
    if (seen === undefined || entries === undefined) {
      seen = new Map();
      entries = [];
      firstLine.set(qid, seen);
      run.set(qid, entries);
    }
    const previous = seen.get(docid);
    if (previous !== undefined) {
      const detail = `duplicate docid '${docid}' for query '${qid}' (first on line ${previous})`;
      throw new TrecFormatError(source, line.number, detail);
    }
    seen.set(docid, line.number);
    entries.push({ docid, score } satisfies RunEntry);
  }
  return run;
}

/**
 * Parses TREC qrels: `qid iter docid rel` per line; the iter column is ignored. Relevance
 * must be an integer: trec_eval reads it with atol, which would silently turn "0.5" into 0.
 * Negative values are allowed (trec_eval uses -1 for "in the pool, not judged") and count as
 * not relevant. A docid judged twice for one query is an error, as in trec_eval.
 */
export function parseQrels(text: string, source = '<qrels>'): Qrels {
  const qrels: Qrels = new Map();
  const firstLine = new Map<string, number>();
  for (const line of contentLines(text, true)) {
    const cols = fields(line.text);
    if (cols.length !== 4) {
      const detail = `expected 4 whitespace-separated columns (${QRELS_COLUMNS}), found ${cols.length}`;
      throw new TrecFormatError(source, line.number, detail);
    }
    const [qid, , docid, relText] = cols as [Qid, string, DocId, string];
    if (!INTEGER.test(relText)) {
      throw new TrecFormatError(source, line.number, `relevance '${relText}' is not an integer`);
    }
    const key = `${qid}\n${docid}`;
    const previous = firstLine.get(key);
    if (previous !== undefined) {
      const detail = `duplicate judgement of docid '${docid}' for query '${qid}' (first on line ${previous})`;
      throw new TrecFormatError(source, line.number, detail);
    }
    firstLine.set(key, line.number);
    let judged = qrels.get(qid);
    if (judged === undefined) {
      judged = new Map();
      qrels.set(qid, judged);
    }
    judged.set(docid, Number(relText));
  }
  return qrels;
}

/**
 * Parses topics as TSV: `qid<TAB>query` per line, exactly two columns (a query with a tab in
 * it would be ambiguous). Blank lines are skipped; '#' is not a comment here because a query
 * may start with it.
 */
export function parseTopics(text: string, source = '<topics>'): Topics {
  const topics: Topics = new Map();
  const firstLine = new Map<Qid, number>();
  for (const line of contentLines(text, false)) {
    const cols = line.text.split('\t');
    if (cols.length !== 2) {
      const detail = `expected 2 tab-separated columns (qid, query), found ${cols.length}`;
      throw new TrecFormatError(source, line.number, detail);
    }
    const qid = cols[0]!.trim();
    const query = cols[1]!.trim();
    if (qid === '' || TREC_SPACE.test(qid)) {
      throw new TrecFormatError(source, line.number, `qid '${qid}' is empty or contains whitespace`);
    }
    const previous = firstLine.get(qid);
    if (previous !== undefined) {
      throw new TrecFormatError(source, line.number, `duplicate qid '${qid}' (first on line ${previous})`);
    }
    firstLine.set(qid, line.number);
    topics.set(qid, query);
  }
  return topics;
}

/** Reads and parses a run file; errors name the path and line. */
export async function readRun(path: string): Promise<Run> {
  return parseRun(await readFile(path, 'utf8'), path);
}

/** Reads and parses a qrels file; errors name the path and line. */
export async function readQrels(path: string): Promise<Qrels> {
  return parseQrels(await readFile(path, 'utf8'), path);
}

/** Reads and parses a topics TSV file; errors name the path and line. */
export async function readTopics(path: string): Promise<Topics> {
  return parseTopics(await readFile(path, 'utf8'), path);
}
