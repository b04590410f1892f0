/**
 * mMARCO (Bonifacio et al. 2021), MS MARCO passages machine-translated: collection and queries
 * are `id<TAB>text` files, qrels are MS MARCO's (`qid 0 pid rel`, or `qid<TAB>pid` where every
 * listed pair is relevant).
 */
import { readFile } from 'node:fs/promises';
import type { Qrels, Topics } from '../eval/index.js';
import { DatasetFormatError } from './errors.js';
import { oneLine, readLines } from './lines.js';
import type { DatasetDoc } from './types.js';

/** Splits `id<TAB>text`; a text with further tabs keeps them as spaces. */
function idAndText(line: string, where: string, what: string): [string, string] {
  const tab = line.indexOf('\t');
  const id = line.slice(0, tab).trim();
  if (tab <= 0 || id === '' || /\s/.test(id))
    throw new DatasetFormatError(`${where}: expected id<TAB>${what}`);
  return [id, oneLine(line.slice(tab + 1))];
}

export async function* readMmarcoCollection(path: string, lang: string): AsyncGenerator<DatasetDoc> {
  for await (const { line, number } of readLines(path)) {
    const [id, text] = idAndText(line, `${path}:${number}`, 'passage');
    yield { id, text, lang };
  }
}

export async function readMmarcoQueries(path: string): Promise<Topics> {
  const topics: Topics = new Map();
  for await (const { line, number } of readLines(path)) {
    const [qid, query] = idAndText(line, `${path}:${number}`, 'query');
    if (topics.has(qid)) throw new DatasetFormatError(`${path}:${number}: duplicate qid '${qid}'`);
    if (query !== '') topics.set(qid, query);
  }
  return topics;
}

export function parseMmarcoQrels(text: string, source = '<qrels>'): Qrels {
  const qrels: Qrels = new Map();
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    const [qid = '', second = '', third = '', fourth = ''] = fields;
    const trec = fields.length === 4 && /^-?\d+$/.test(fourth);
    if (!trec && fields.length !== 2) {
      throw new DatasetFormatError(`${source}:${i + 1}: expected qid 0 pid rel, or qid<TAB>pid`);
    }
    const pid = trec ? third : second;
    const rel = trec ? Number(fourth) : 1;
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    judged.set(pid, Math.max(rel, judged.get(pid) ?? rel));
  });
  return qrels;
}

export async function readMmarcoQrels(path: string): Promise<Qrels> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new DatasetFormatError(`cannot read ${path}`);
  }
  return parseMmarcoQrels(text, path);
}
