/** Locations of the read-only shared data sets; never copied into the repo. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const SHARED_DATA = resolve(process.cwd(), '..', 'shared', 'data');

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DATA, ...parts);
  if (!existsSync(path))
    throw new Error(`shared data not found at ${path}; the data suites need ../shared/data`);
  return path;
}

interface XquadParagraph {
  sentences: string[];
}

/** All context sentences of one XQuAD-R language file, in file order. */
export async function xquadSentences(lang: string): Promise<string[]> {
  const json = JSON.parse(await readFile(sharedPath('xquad-r', `${lang}.json`), 'utf8')) as {
    data: Array<{ paragraphs: XquadParagraph[] }>;
  };
  return json.data.flatMap((article) => article.paragraphs.flatMap((p) => p.sentences));
}
