/**
 * SQuAD v1.1 articles, streamed one at a time, checked, and with every paragraph split into sentences
 * whose offsets point back into the context (so an answer_start can be placed in its sentence).
 */
import { TrainingDataError } from '../codeswitch/index.js';
import type { TextInput } from './files.js';
import { streamArrayItems } from './json-array-stream.js';

/** A sentence of a context: trimmed text and its [start, end) offsets in UTF-16 code units. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

export interface SquadAnswer {
  text: string;
  start: number;
}

export interface SquadQuestion {
  id: string;
  question: string;
  answers: SquadAnswer[];
}

export interface SquadParagraph {
  context: string;
  sentences: Sentence[];
  questions: SquadQuestion[];
}

export interface SquadArticle {
  /** 0-based position in the file. */
  index: number;
  title: string;
  paragraphs: SquadParagraph[];
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const LEADING_SPACE_RE = /^\s*/u;

/** Sentences of a context by Intl.Segmenter, trimmed; empty ones dropped. */
export function splitSentences(context: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const { segment, index } of sentenceSegmenter.segment(context)) {
    const text = segment.trim();
    if (text === '') continue;
    const start = index + (LEADING_SPACE_RE.exec(segment)?.[0].length ?? 0);
    sentences.push({ text, start, end: start + text.length });
  }
  return sentences;
}

/** The index of the sentence whose span contains `offset`, or -1 (e.g. it falls between sentences). */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  return sentences.findIndex((s) => s.start <= offset && offset < s.end);
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown, what: string, fail: (why: string) => never): unknown[] {
  if (!Array.isArray(value)) fail(`"${what}" must be an array`);
  return value as unknown[];
}

function toQuestion(raw: unknown, fail: (why: string) => never): SquadQuestion {
  if (!isObject(raw)) fail('a "qas" entry is not an object');
  const { id, question } = raw as Fields;
  if (typeof id !== 'string' && typeof id !== 'number') fail('a question has no "id"');
  const where = (why: string): never => fail(`question ${String(id)}: ${why}`);
  if (typeof question !== 'string') where('"question" must be a string');
  const answers = arrayOf((raw as Fields).answers, 'answers', where).map((answer) => {
    if (!isObject(answer) || typeof answer.text !== 'string' || !Number.isInteger(answer.answer_start)) {
      return where('an answer needs "text" and an integer "answer_start"');
    }
    return { text: answer.text, start: answer.answer_start as number };
  });
  return { id: String(id), question: question as string, answers };
}

function toArticle(raw: unknown, index: number, path: string): SquadArticle {
  const title = isObject(raw) && typeof raw.title === 'string' ? raw.title : undefined;
  const fail = (why: string): never => {
    throw new TrainingDataError(`${path}: article ${index + 1}${title ? ` (${title})` : ''}: ${why}`);
  };
  if (!isObject(raw)) fail('not an object');
  if (title === undefined) fail('"title" must be a string');
  const paragraphs = arrayOf((raw as Fields).paragraphs, 'paragraphs', fail).map((paragraph, p) => {
    const inParagraph = (why: string): never => fail(`paragraph ${p + 1}: ${why}`);
    if (!isObject(paragraph) || typeof paragraph.context !== 'string')
      inParagraph('"context" must be a string');
    const { context, qas } = paragraph as Fields;
    return {
      context: context as string,
      sentences: splitSentences(context as string),
      questions: arrayOf(qas, 'qas', inParagraph).map((qa) => toQuestion(qa, inParagraph)),
    };
  });
  return { index, title: title as string, paragraphs };
}

/** Streams the articles of a SQuAD JSON file; a malformed article is a one-line TrainingDataError. */
export async function* readSquadArticles(input: TextInput): AsyncGenerator<SquadArticle> {
  let index = 0;
  try {
    for await (const raw of streamArrayItems(input.text, 'data', input.path)) {
      yield toArticle(raw, index, input.path);
      index += 1;
    }
  } finally {
    input.text.destroy();
  }
}
