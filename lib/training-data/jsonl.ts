/**
 * sentence-transformers JSONL: `{"query": ..., "pos": [...], "neg": [...]}` one a line, as written by
 * `xlir pairs` too. Fields beyond these are kept, so ids, languages or a trainer's own annotations
 * survive code-switching.
 */
import { TrainingDataError, type TrainingExample } from '../codeswitch/index.js';
import { readLines, type TextInput } from './files.js';
import type { ReaderOptions } from './msmarco.js';

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks one parsed line; returns why it is not an example, or the example. */
function toExample(record: unknown, fallbackId: string, lang: string): TrainingExample | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'not a JSON object';
  const fields = record as Record<string, unknown>;
  const { query, id } = fields;
  if (typeof query !== 'string' || query.trim() === '') return '"query" must be a non-empty string';
  // sentence-transformers also writes a single positive as a plain string.
  const pos = typeof fields.pos === 'string' ? [fields.pos] : fields.pos;
  if (!isStringArray(pos) || pos.length === 0)
    return '"pos" must be a string or a non-empty array of strings';
  const neg = fields.neg ?? [];
  if (!isStringArray(neg)) return '"neg" must be an array of strings';
  for (const key of ['query_lang', 'doc_lang', 'article'] as const) {
    if (fields[key] !== undefined && typeof fields[key] !== 'string') return `"${key}" must be a string`;
  }
  if (fields.neg_sources !== undefined && !isStringArray(fields.neg_sources))
    return '"neg_sources" must be an array of strings';
  return {
    ...fields,
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : fallbackId,
    query,
    pos,
    neg,
    query_lang: (fields.query_lang as string | undefined) ?? lang,
    doc_lang: (fields.doc_lang as string | undefined) ?? lang,
  };
}

/** Examples from a JSONL file; a record without "id" gets `<file name>:<line>`. */
export async function* readJsonlExamples(
  input: TextInput,
  options: ReaderOptions = {},
): AsyncGenerator<TrainingExample> {
  const lang = options.lang ?? 'en';
  for await (const { line, text } of readLines(input)) {
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new TrainingDataError(`${input.path}:${line}: not valid JSON (${(error as Error).message})`);
    }
    const example = toExample(record, `${input.name}:${line}`, lang);
    if (typeof example === 'string') throw new TrainingDataError(`${input.path}:${line}: ${example}`);
    yield example;
  }
}
