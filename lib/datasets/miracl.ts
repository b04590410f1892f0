/**
 * MIRACL (Zhang et al. 2023): topics `qid<TAB>query`, qrels `qid Q0 docid rel` (TREC, tab
 * separated), and a corpus of JSONL files with `{"docid", "title", "text"}`, often gzipped and
 * split in parts. Passage ids are `article#passage` and query ids `id#n`; both are kept as is.
 */
import { parseQrels, type Qrels, type Topics } from '../eval/index.js';
import { readFile } from 'node:fs/promises';
import { DatasetFormatError } from './errors.js';
import { oneLine, readLines } from './lines.js';
import type { DatasetDoc } from './types.js';

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new DatasetFormatError(`cannot read ${path}`);
  }
}

/** `qid<TAB>query` lines; a query's inner whitespace is collapsed. */
export function parseMiraclTopics(text: string, source = '<topics>'): Topics {
  const topics: Topics = new Map();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const qid = line.slice(0, tab).trim();
    const query = oneLine(line.slice(tab + 1));
    if (tab <= 0 || qid === '' || /\s/.test(qid) || query === '') {
      throw new DatasetFormatError(`${source}:${i + 1}: expected qid<TAB>query (MIRACL topics)`);
    }
    if (topics.has(qid)) throw new DatasetFormatError(`${source}:${i + 1}: duplicate qid '${qid}'`);
    topics.set(qid, query);
  });
  return topics;
}

export async function readMiraclTopics(path: string): Promise<Topics> {
  return parseMiraclTopics(await readText(path), path);
}

/** MIRACL qrels are TREC qrels with `Q0` in the iteration column; judged-0 passages are kept. */
export async function readMiraclQrels(path: string): Promise<Qrels> {
  return parseQrels(await readText(path), path);
}

interface MiraclPassage {
  docid?: unknown;
  title?: unknown;
  text?: unknown;
}

/** One corpus line as an xlir document of language `lang`. */
export function parseMiraclPassage(line: string, lang: string, where: string): DatasetDoc {
  let record: MiraclPassage;
  try {
    record = JSON.parse(line) as MiraclPassage;
  } catch {
    throw new DatasetFormatError(`${where}: not a JSON object`);
  }
  const { docid, title, text } = record ?? {};
  if (typeof docid !== 'string' || docid === '' || /\s/.test(docid) || typeof text !== 'string') {
    throw new DatasetFormatError(`${where}: expected {"docid": "...", "title": "...", "text": "..."}`);
  }
  return { id: docid, text, lang, ...(typeof title === 'string' && title !== '' ? { title } : {}) };
}

/** Streams the passages of every corpus file in turn. */
export async function* readMiraclCorpus(paths: readonly string[], lang: string): AsyncGenerator<DatasetDoc> {
  for (const path of paths) {
    for await (const { line, number } of readLines(path))
      yield parseMiraclPassage(line, lang, `${path}:${number}`);
  }
}
