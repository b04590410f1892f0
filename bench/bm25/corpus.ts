/**
 * Deterministic benchmark corpus: documents of 20–200 words sampled from the
 * SQuAD train token stream, so term statistics are natural (Zipfian), and
 * SQuAD questions as queries.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { seededRandom } from '../../test/helpers/corpus.js';

interface Squad {
  data: Array<{ paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }>;
}

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

export async function loadSquad(path: string): Promise<{ tokens: string[]; questions: string[] }> {
  const squad = JSON.parse(await readFile(path, 'utf8')) as Squad;
  const tokens: string[] = [];
  const questions: string[] = [];
  for (const article of squad.data) {
    for (const p of article.paragraphs) {
      for (const m of p.context.matchAll(WORD)) tokens.push(m[0]);
      for (const qa of p.qas) questions.push(qa.question);
    }
  }
  return { tokens, questions };
}

/** Every k-th question, so the 1,000 queries span all articles. */
export function pickQueries(questions: string[], count: number): string[] {
  const step = Math.max(1, Math.floor(questions.length / count));
  return Array.from({ length: count }, (_, i) => questions[(i * step) % questions.length]!);
}

export async function writeCorpus(
  path: string,
  tokens: string[],
  docCount: number,
  seed = 42,
): Promise<void> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  for (let d = 0; d < docCount; d++) {
    const length = 20 + Math.floor(random() * 181);
    const words = new Array<string>(length);
    for (let i = 0; i < length; i++) words[i] = tokens[Math.floor(random() * tokens.length)]!;
    const line = `{"id":"b${d}","lang":"en","text":${JSON.stringify(words.join(' '))}}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function* readCorpusLines(path: string): AsyncGenerator<{ id: string; text: string }> {
  const { createInterface } = await import('node:readline');
  const { createReadStream } = await import('node:fs');
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as { id: string; text: string };
  }
}
