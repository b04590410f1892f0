/** Line reading shared by the readers: streamed, gunzipped by magic bytes, CRLF-tolerant. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DatasetFormatError } from './errors.js';

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Lines of a text file with their 1-based numbers; blank lines are skipped. */
export async function* readLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  let gzip: boolean;
  try {
    gzip = await isGzip(path);
  } catch {
    throw new DatasetFormatError(`cannot read ${path}`);
  }
  const raw: Readable = createReadStream(path);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  let number = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (line.trim() !== '') yield { line, number };
  }
}

/** Tabs and line breaks cannot survive in a topics TSV; collapse all whitespace runs. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
