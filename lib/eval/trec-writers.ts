import { writeFile } from 'node:fs/promises';
import { EvalError } from './errors.js';
import { compareBytes, compareQids, rankEntries } from './ranking.js';
import { TREC_SPACE } from './trec-files.js';
import type { Qrels, Run, Topics } from './types.js';

/** TREC files are whitespace-separated, so an id with whitespace in it cannot be written. */
function checkToken(kind: string, value: string): void {
  if (value === '' || TREC_SPACE.test(value)) {
    throw new EvalError(`cannot write ${kind} '${value}': it is empty or contains whitespace`);
  }
}

function sortedQids<T>(map: ReadonlyMap<string, T>): string[] {
  return [...map.keys()].sort(compareQids);
}

/**
 * Formats a run as `qid Q0 docid rank score tag` lines: queries in compareQids order, each
 * query's documents in trec_eval order with ranks 1..n, so the file is the same whatever
 * order the Map was built in. Scores are written with String(score), the shortest text that
 * parses back to the same double: a fixed number of decimals (say 6) would merge scores that
 * differ further down into ties, and trec_eval would then reorder them by docid.
 */
export function formatRun(run: Run, tag: string): string {
  checkToken('run tag', tag);
  const lines: string[] = [];
  for (const qid of sortedQids(run)) {
    checkToken('qid', qid);
    const ranked = rankEntries(run.get(qid)!);
    const written = new Set<string>();
    for (let i = 0; i < ranked.length; i++) {
      const { docid, score } = ranked[i]!;
      checkToken('docid', docid);
      // parseRun (and trec_eval) would refuse the file, so refuse to write it.
      if (written.has(docid))
        throw new EvalError(`cannot write duplicate docid '${docid}' for query '${qid}'`);
      written.add(docid);
      if (!Number.isFinite(score)) {
        throw new EvalError(`cannot write score ${score} of docid '${docid}' for query '${qid}'`);
      }
      lines.push(`${qid} Q0 ${docid} ${i + 1} ${String(score)} ${tag}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Formats qrels as `qid 0 docid rel` lines: queries in compareQids order, docids byte-wise. */
export function formatQrels(qrels: Qrels): string {
  const lines: string[] = [];
  for (const qid of sortedQids(qrels)) {
    checkToken('qid', qid);
    const judged = qrels.get(qid)!;
    for (const docid of [...judged.keys()].sort(compareBytes)) {
      checkToken('docid', docid);
      const rel = judged.get(docid)!;
      if (!Number.isInteger(rel)) {
        throw new EvalError(`cannot write relevance ${rel} of docid '${docid}' for query '${qid}'`);
      }
      lines.push(`${qid} 0 ${docid} ${rel}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Formats topics as `qid<TAB>query` lines in compareQids order. */
export function formatTopics(topics: Topics): string {
  const lines: string[] = [];
  for (const qid of sortedQids(topics)) {
    checkToken('qid', qid);
    const query = topics.get(qid)!;
    if (/[\t\r\n]/.test(query)) {
      throw new EvalError(`cannot write the query of '${qid}': it contains a tab or line break`);
    }
    lines.push(`${qid}\t${query}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Writes a run file (see formatRun). */
export async function writeRun(path: string, run: Run, tag: string): Promise<void> {
  await writeFile(path, formatRun(run, tag), 'utf8');
}

/** Writes a qrels file (see formatQrels). */
export async function writeQrels(path: string, qrels: Qrels): Promise<void> {
  await writeFile(path, formatQrels(qrels), 'utf8');
}

/** Writes a topics TSV file (see formatTopics). */
export async function writeTopics(path: string, topics: Topics): Promise<void> {
  await writeFile(path, formatTopics(topics), 'utf8');
}
