/**
 * XQuAD-R (Roy et al. 2020, LAReQA): SQuAD-style files, one per language, whose paragraphs are
 * also split into `sentences` with character `sentence_breaks`. Questions are parallel across
 * languages (same ids); a question's relevant document in a language is the sentence of that
 * language's paragraph that holds the answer. It is a test collection: xlir never trains on it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocId, Qid, Qrels, Topics } from '../eval/index.js';
import { DatasetFormatError } from './errors.js';
import { oneLine } from './lines.js';
import type { DatasetDoc } from './types.js';

/** The languages of the public XQuAD-R release that xlir's experiments use. */
export const XQUAD_R_LANGUAGES: readonly string[] = ['ar', 'de', 'en', 'es', 'ru', 'zh'];

export interface XquadRLanguage {
  lang: string;
  /** Every sentence of every paragraph, in file order. */
  docs: DatasetDoc[];
  /** Question id → question. */
  topics: Topics;
  /** Question id → the sentence that holds its answer. */
  relevant: Map<Qid, DocId>;
}

interface SquadQa {
  id?: unknown;
  question?: unknown;
  answers?: Array<{ answer_start?: unknown }>;
}

interface SquadParagraph {
  sentences?: unknown;
  sentence_breaks?: unknown;
  qas?: SquadQa[];
}

/** Document id of a sentence: language, article, paragraph and sentence positions. */
export function sentenceId(lang: string, article: number, paragraph: number, sentence: number): DocId {
  return `${lang}-${article}-${paragraph}-${sentence}`;
}

/** The first sentence that ends after the answer starts (an answer may start in the gap before it). */
function answerSentence(breaks: ReadonlyArray<readonly [number, number]>, start: number): number {
  return breaks.findIndex(([, end]) => end > start);
}

function isBreaks(value: unknown, count: number): value is Array<[number, number]> {
  return (
    Array.isArray(value) &&
    value.length === count &&
    value.every((b) => Array.isArray(b) && b.length === 2 && b.every((x) => Number.isInteger(x)))
  );
}

export function parseXquadR(json: unknown, lang: string, source = `<${lang}.json>`): XquadRLanguage {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw new DatasetFormatError(`${source}: expected {"data": [articles]}`);
  const result: XquadRLanguage = { lang, docs: [], topics: new Map(), relevant: new Map() };
  data.forEach((article: { paragraphs?: SquadParagraph[] }, a) => {
    (article?.paragraphs ?? []).forEach((paragraph, p) => {
      const where = `${source}: article ${a}, paragraph ${p}`;
      const { sentences, sentence_breaks: breaks } = paragraph;
      if (!Array.isArray(sentences) || !sentences.every((s) => typeof s === 'string')) {
        throw new DatasetFormatError(`${where}: "sentences" must be a list of strings`);
      }
      if (!isBreaks(breaks, sentences.length)) {
        throw new DatasetFormatError(`${where}: "sentence_breaks" must hold one [start, end] per sentence`);
      }
      sentences.forEach((text, s) =>
        result.docs.push({ id: sentenceId(lang, a, p, s), text: text.trim(), lang }),
      );
      for (const qa of paragraph.qas ?? []) {
        const start = qa.answers?.[0]?.answer_start;
        if (typeof qa.id !== 'string' || typeof qa.question !== 'string' || typeof start !== 'number') {
          throw new DatasetFormatError(`${where}: a question lacks "id", "question" or an answer_start`);
        }
        const sentence = answerSentence(breaks, start);
        if (sentence < 0)
          throw new DatasetFormatError(`${where}: answer of '${qa.id}' lies past the last sentence`);
        if (result.topics.has(qa.id))
          throw new DatasetFormatError(`${source}: duplicate question id '${qa.id}'`);
        result.topics.set(qa.id, oneLine(qa.question));
        result.relevant.set(qa.id, sentenceId(lang, a, p, sentence));
      }
    });
  });
  return result;
}

/** Reads `<dir>/<lang>.json` for each language. */
export async function readXquadR(dir: string, langs: readonly string[]): Promise<XquadRLanguage[]> {
  return Promise.all(
    langs.map(async (lang) => {
      const path = join(dir, `${lang}.json`);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        throw new DatasetFormatError(`cannot read ${path} (XQuAD-R has one <lang>.json per language)`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new DatasetFormatError(`${path}: not JSON`);
      }
      return parseXquadR(json, lang, path);
    }),
  );
}

/**
 * Qrels over the given document languages: a question's relevant documents are its answer
 * sentences in each of them. One language gives the MoIR/CLIR qrels, all of them MLIR's.
 */
export function xquadRQrels(docLanguages: readonly XquadRLanguage[]): Qrels {
  const qrels: Qrels = new Map();
  for (const { relevant } of docLanguages) {
    for (const [qid, docid] of relevant) {
      let judged = qrels.get(qid);
      if (!judged) qrels.set(qid, (judged = new Map()));
      judged.set(docid, 1);
    }
  }
  return qrels;
}
