/**
 * Streaming reader for corpus JSONL (optionally gzip-compressed). Lines are
 * split on raw bytes so invalid UTF-8 is reported with its line number rather
 * than silently replaced.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { IndexInputError } from '../errors.js';

export interface CorpusRecord {
  id: string;
  text: string;
  title?: string;
  lang?: string;
  /** 1-based line in the input, for error messages. */
  line: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const GZIP_MAGIC = [0x1f, 0x8b];

async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    let data = chunk;
    if (pending.length > 0) {
      data = new Uint8Array(pending.length + chunk.length);
      data.set(pending);
      data.set(chunk, pending.length);
    }
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      yield data.subarray(start, nl);
      start = nl + 1;
    }
    pending = data.slice(start);
  }
  if (pending.length > 0) yield pending;
}

/** Gunzips when the first bytes are the gzip magic, whatever the file is called. */
async function* maybeGunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
    }),
  };
  const head = first.value;
  const isGzip = head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  if (!isGzip) {
    yield head;
    yield* rest;
    return;
  }
  const gunzip = createGunzip();
  const compressed = Readable.from(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
  try {
    for await (const chunk of compressed.pipe(gunzip)) yield chunk as Uint8Array;
  } catch (error) {
    throw new IndexInputError(`input is not valid gzip: ${(error as Error).message}`);
  }
}

function parseRecord(bytes: Uint8Array, line: number): CorpusRecord | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new IndexInputError(`line ${line}: invalid UTF-8; re-encode the input as UTF-8`);
  }
  if (text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IndexInputError(`line ${line}: not valid JSON (${(error as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new IndexInputError(`line ${line}: expected a JSON object like {"id": "...", "text": "..."}`);
  }
  const r = raw as Record<string, unknown>;
  const id = r.id ?? r.docid;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new IndexInputError(`line ${line}: missing "id" (or "docid"): every document needs a string id`);
  }
  const body = r.text ?? r.contents;
  if (typeof body !== 'string') {
    throw new IndexInputError(`line ${line}: missing "text" (or "contents") string`);
  }
  for (const field of ['title', 'lang'] as const) {
    if (r[field] !== undefined && r[field] !== null && typeof r[field] !== 'string') {
      throw new IndexInputError(`line ${line}: "${field}" must be a string`);
    }
  }
  const record: CorpusRecord = { id: String(id), text: body, line };
  if (typeof r.title === 'string' && r.title !== '') record.title = r.title;
  if (typeof r.lang === 'string' && r.lang !== '') record.lang = r.lang;
  if (record.id === '') throw new IndexInputError(`line ${line}: empty document id`);
  return record;
}

/** Parses a byte stream of JSONL corpus records; blank lines are skipped. */
export async function* readCorpus(source: AsyncIterable<Uint8Array>): AsyncGenerator<CorpusRecord> {
  let line = 0;
  for await (const bytes of lines(maybeGunzip(source))) {
    line++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    const record = parseRecord(bytes.subarray(0, end), line);
    if (record) yield record;
  }
}

export interface CorpusFile {
  records: AsyncGenerator<CorpusRecord>;
  /** Size on disk, for progress; compressed size for .gz input. */
  totalBytes: number;
  bytesRead: () => number;
}

export async function openCorpusFile(path: string): Promise<CorpusFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IndexInputError(`input ${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof IndexInputError) throw error;
    throw new IndexInputError(`cannot read input ${path}: no such file`);
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  const counted = (async function* () {
    for await (const chunk of stream) {
      read += (chunk as Buffer).length;
      yield chunk as Uint8Array;
    }
  })();
  return { records: readCorpus(counted), totalBytes: size, bytesRead: () => read };
}
