/** Opens any supported training input as one stream of examples, telling the format from its content. */
import { TrainingDataError, type TrainingExample } from '../codeswitch/index.js';
import { openTextInput, type TextInput } from './files.js';
import { readJsonlExamples } from './jsonl.js';
import { readMsmarcoTriples, type ReaderOptions } from './msmarco.js';
import { readSquad, type SquadOptions } from './squad.js';

export const INPUT_FORMATS = ['msmarco', 'jsonl', 'squad'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const SQUAD_START_RE = /^\{\s*"(?:data|version)"\s*:/u;
const TRIPLE_RE = /^[^\t\n]*\t[^\t\n]*\t[^\t\n]*$/u;

export function isInputFormat(value: string): value is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(value);
}

async function firstChunk(input: TextInput): Promise<string> {
  try {
    for await (const chunk of input.text) return chunk as string;
    return '';
  } finally {
    input.text.destroy();
  }
}

/** SQuAD opens with {"data" or {"version"; other JSON objects are JSONL; three tab fields are triples. */
export async function detectFormat(path: string): Promise<InputFormat> {
  const head = (await firstChunk(await openTextInput(path))).replace(/^\uFEFF/u, '').trimStart();
  if (SQUAD_START_RE.test(head)) return 'squad';
  if (head.startsWith('{')) return 'jsonl';
  const firstLine = head.split('\n', 1)[0]?.replace(/\r$/u, '') ?? '';
  if (TRIPLE_RE.test(firstLine)) return 'msmarco';
  throw new TrainingDataError(
    `cannot tell the format of ${path}: not SQuAD JSON, JSONL or query<TAB>positive<TAB>negative; name the format`,
  );
}

export interface ExampleSource {
  format: InputFormat;
  examples: AsyncIterable<TrainingExample>;
  /** Bytes of the input read so far (of the current pass, for SQuAD) and in all. */
  progress(): { done: number; total: number };
}

export interface OpenExamplesOptions extends ReaderOptions {
  /** For SQuAD input: negatives, seed, and so on; every example is yielded whatever its split. */
  squad?: SquadOptions;
}

export async function openExamples(
  path: string,
  format: InputFormat | 'auto',
  options: OpenExamplesOptions = {},
): Promise<ExampleSource> {
  const resolved = format === 'auto' ? await detectFormat(path) : format;
  if (resolved === 'squad') {
    let done = 0;
    let total = 0;
    const squad = readSquad(path, {
      ...options.squad,
      onProgress: (p) => {
        done = p.bytesRead;
        total = p.totalBytes;
        options.squad?.onProgress?.(p);
      },
    });
    const examples = async function* (): AsyncGenerator<TrainingExample> {
      for await (const item of squad) yield item.example;
    };
    return { format: resolved, examples: examples(), progress: () => ({ done, total }) };
  }
  const input = await openTextInput(path);
  const read = resolved === 'msmarco' ? readMsmarcoTriples : readJsonlExamples;
  return {
    format: resolved,
    examples: read(input, options),
    progress: () => ({ done: input.bytesRead(), total: input.totalBytes }),
  };
}
