/**
 * MS MARCO training triples: `query<TAB>positive<TAB>negative`, one a line. The file lists a query
 * once per negative, so consecutive lines with the same query become one example (positives and
 * negatives deduplicated, in file order). Only the current group is held in memory.
 */
import { TrainingDataError, type TrainingExample } from '../codeswitch/index.js';
import { readLines, type TextInput } from './files.js';

const FIELDS = 3;

export interface ReaderOptions {
  /** Language of queries and passages (default 'en'). */
  lang?: string;
}

interface Group {
  line: number;
  query: string;
  pos: string[];
  neg: string[];
}

function addUnique(list: string[], text: string): void {
  if (!list.includes(text)) list.push(text);
}

/** Examples from a triples file; ids are `<file name>:<first line of the group>`. */
export async function* readMsmarcoTriples(
  input: TextInput,
  options: ReaderOptions = {},
): AsyncGenerator<TrainingExample> {
  const lang = options.lang ?? 'en';
  const toExample = (group: Group): TrainingExample => ({
    id: `${input.name}:${group.line}`,
    query: group.query,
    pos: group.pos,
    neg: group.neg,
    query_lang: lang,
    doc_lang: lang,
  });
  let group: Group | undefined;
  for await (const { line, text } of readLines(input)) {
    if (text.trim() === '') continue;
    const fields = text.split('\t');
    if (fields.length !== FIELDS || fields.some((field) => field.trim() === '')) {
      throw new TrainingDataError(
        `${input.path}:${line}: expected query<TAB>positive<TAB>negative, got ${fields.length} field(s)${fields.length === FIELDS ? ' with an empty one' : ''}`,
      );
    }
    const [query, positive, negative] = fields as [string, string, string];
    if (group !== undefined && group.query !== query) {
      yield toExample(group);
      group = undefined;
    }
    group ??= { line, query, pos: [], neg: [] };
    addUnique(group.pos, positive);
    addUnique(group.neg, negative);
  }
  if (group !== undefined) yield toExample(group);
}
