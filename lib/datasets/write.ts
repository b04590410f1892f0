/** Writes data sets in xlir's own formats: corpus JSONL, topics TSV and TREC qrels. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeQrels, writeTopics, type Qid } from '../eval/index.js';
import type { DatasetDoc } from './types.js';
import { xquadRQrels, type XquadRLanguage } from './xquad-r.js';

/** One JSON object a line, fields in a fixed order so equal corpora give equal bytes. */
export function corpusLine(doc: DatasetDoc): string {
  const record =
    doc.title === undefined
      ? { id: doc.id, lang: doc.lang, text: doc.text }
      : { id: doc.id, lang: doc.lang, title: doc.title, text: doc.text };
  return `${JSON.stringify(record)}\n`;
}

/** Streams documents to a corpus JSONL file; returns how many were written. */
export async function writeCorpus(
  path: string,
  docs: AsyncIterable<DatasetDoc> | Iterable<DatasetDoc>,
): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  try {
    for await (const doc of docs) {
      if (!out.write(corpusLine(doc))) await once(out, 'drain');
      count += 1;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return count;
}

/**
 * XQuAD-R in xlir's formats: per language `corpus-xx.jsonl`, `topics-xx.tsv` (only `qids` when
 * given) and `qrels-xx.txt` (judging that language's documents: the MoIR/CLIR qrels), and
 * `qrels-mlir.txt` over all of them.
 */
export async function writeXquadR(
  dir: string,
  data: readonly XquadRLanguage[],
  qids?: readonly Qid[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const sample = qids ? new Set(qids) : undefined;
  for (const language of data) {
    await writeCorpus(join(dir, `corpus-${language.lang}.jsonl`), language.docs);
    const topics = new Map([...language.topics].filter(([qid]) => !sample || sample.has(qid)));
    await writeTopics(join(dir, `topics-${language.lang}.tsv`), topics);
    await writeQrels(join(dir, `qrels-${language.lang}.txt`), xquadRQrels([language]));
  }
  await writeQrels(join(dir, 'qrels-mlir.txt'), xquadRQrels(data));
}
