/**
 * Streaming file access shared by the readers: decoded text chunks or numbered lines, transparently
 * gunzipped, with a byte counter for progress. Nothing here holds more than one chunk (or line).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TrainingDataError } from '../codeswitch/index.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** An opened input: its text as a stream, plus how far into the file (in bytes) reading has got. */
export interface TextInput {
  path: string;
  /** File name without directories: what error messages and provenance name. */
  name: string;
  totalBytes: number;
  bytesRead(): number;
  text: Readable;
}

/** Throws a one-line TrainingDataError unless `path` is a readable regular file. */
export async function checkReadable(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new TrainingDataError(`cannot read ${path}: not a file`);
    const handle = await open(path, 'r');
    await handle.close();
    return info.size;
  } catch (error) {
    if (error instanceof TrainingDataError) throw error;
    throw new TrainingDataError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** The first bytes of a file, for format sniffing. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function isGzip(path: string): Promise<boolean> {
  const head = await readHead(path, GZIP_MAGIC.length);
  return GZIP_MAGIC.every((byte, i) => head[i] === byte);
}

/** Opens a file as UTF-8 text, gunzipping it when it starts with the gzip magic bytes. */
export async function openTextInput(path: string): Promise<TextInput> {
  const totalBytes = await checkReadable(path);
  const file = createReadStream(path);
  const text = (await isGzip(path)) ? file.pipe(createGunzip()) : file;
  if (text !== file) {
    file.on('error', (error) => text.destroy(error));
    // Destroying the gunzip stream (a reader stopping early) does not close the file under it.
    text.on('close', () => file.destroy());
  }
  text.setEncoding('utf8');
  return { path, name: basename(path), totalBytes, bytesRead: () => file.bytesRead, text };
}

export interface NumberedLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

/** The lines of a text input, numbered; a trailing CR is dropped. */
export async function* readLines(input: TextInput): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: input.text, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      yield { line, text };
    }
  } catch (error) {
    throw new TrainingDataError(`${input.path}:${line + 1}: cannot read: ${(error as Error).message}`);
  } finally {
    lines.close();
    input.text.destroy();
  }
}
