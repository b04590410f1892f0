/**
 * Streaming reader for the tuples of MySQL dumps (`INSERT INTO \`t\` VALUES (1,'a\'b'),(2,'c');`).
 * A state machine consumes text chunk by chunk, so a multi-gigabyte Wikipedia dump is never held in
 * memory; only the current field and tuple are. Quoted strings take backslash escapes (mysqldump) and
 * doubled quotes (standard SQL).
 */
import { SQL_HEAD_KEEP_CHARS } from '../constants.js';
import { LexiconError } from '../errors.js';

/** A field: quoted strings stay strings, NULL is null, other literals are numbers when they parse. */
export type SqlValue = string | number | null;

type State =
  | 'scan'
  | 'tupleOpen'
  | 'fieldStart'
  | 'unquoted'
  | 'quoted'
  | 'escape'
  | 'quoteEnd'
  | 'afterField'
  | 'afterTuple';

const INSERT_HEAD_RE = /INSERT INTO `([^`]+)` VALUES\s*$/;
const WHITESPACE_RE = /\s/;
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  Z: '\x1a',
};

function unquotedValue(text: string): SqlValue {
  const trimmed = text.trim();
  if (trimmed.toUpperCase() === 'NULL') return null;
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
}

export class SqlTupleParser {
  private state: State = 'scan';
  /** The tail of the text outside INSERT values, where the next `INSERT INTO ... VALUES` is sought. */
  private head = '';
  /** Whether the current INSERT is into the wanted table; other tables' values are parsed, not kept. */
  private keep = false;
  private field = '';
  private quoted = false;
  private tuple: SqlValue[] = [];
  /** Characters consumed before the current one, for error messages. */
  private position = 0;

  constructor(private readonly table: string) {}

  /** Feeds the next piece of text; returns the tuples of the wanted table that it completed. */
  push(chunk: string): SqlValue[][] {
    const out: SqlValue[][] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'scan') {
        const next = this.scan(chunk, i);
        this.position += next - i;
        i = next;
        continue;
      }
      if (this.state === 'quoted') {
        const next = this.quotedRun(chunk, i);
        this.position += next - i;
        i = next;
        continue;
      }
      this.step(chunk[i] ?? '', out);
      i += 1;
      this.position += 1;
    }
    return out;
  }

  /** Declares the input complete; a dump cut off inside an INSERT is an error, not a silent loss. */
  end(): void {
    if (this.state !== 'scan') {
      throw new LexiconError(
        `SQL dump ends inside an INSERT statement (state ${this.state}): truncated file?`,
      );
    }
  }

  private scan(chunk: string, from: number): number {
    const open = chunk.indexOf('(', from);
    const stop = open < 0 ? chunk.length : open;
    this.head = (this.head + chunk.slice(from, stop)).slice(-SQL_HEAD_KEEP_CHARS);
    if (open < 0) return stop;
    const match = INSERT_HEAD_RE.exec(this.head);
    this.head += '(';
    if (match) {
      this.keep = match[1] === this.table;
      this.head = '';
      this.state = 'tupleOpen';
      return open; // the '(' is the first tuple's: let the state machine see it
    }
    return open + 1;
  }

  private quotedRun(chunk: string, from: number): number {
    let i = from;
    while (i < chunk.length && chunk[i] !== "'" && chunk[i] !== '\\') i += 1;
    this.field += chunk.slice(from, i);
    if (i < chunk.length) this.state = chunk[i] === '\\' ? 'escape' : 'quoteEnd';
    return i < chunk.length ? i + 1 : i;
  }

  private step(char: string, out: SqlValue[][]): void {
    switch (this.state) {
      case 'tupleOpen':
        if (char === '(') {
          this.tuple = [];
          this.state = 'fieldStart';
        } else if (!WHITESPACE_RE.test(char)) this.fail(char, "'('");
        return;
      case 'fieldStart':
        if (WHITESPACE_RE.test(char)) return;
        this.field = '';
        this.quoted = char === "'";
        this.state = this.quoted ? 'quoted' : 'unquoted';
        if (!this.quoted) this.step(char, out);
        return;
      case 'unquoted':
        if (char === ',' || char === ')') this.endField(char, out);
        else this.field += char;
        return;
      case 'escape':
        this.field += ESCAPES[char] ?? char;
        this.state = 'quoted';
        return;
      case 'quoteEnd':
        if (char === "'") {
          this.field += "'";
          this.state = 'quoted';
        } else {
          this.state = 'afterField';
          this.step(char, out);
        }
        return;
      case 'afterField':
        if (char === ',' || char === ')') this.endField(char, out);
        else if (!WHITESPACE_RE.test(char)) this.fail(char, "',' or ')'");
        return;
      case 'afterTuple':
        if (char === ',') this.state = 'tupleOpen';
        else if (char === ';') this.state = 'scan';
        else if (!WHITESPACE_RE.test(char)) this.fail(char, "',' or ';'");
        return;
      default:
        return;
    }
  }

  private endField(char: string, out: SqlValue[][]): void {
    this.tuple.push(this.quoted ? this.field : unquotedValue(this.field));
    this.field = '';
    if (char === ',') {
      this.state = 'fieldStart';
      return;
    }
    if (this.keep) out.push(this.tuple);
    this.tuple = [];
    this.state = 'afterTuple';
  }

  private fail(char: string, expected: string): never {
    throw new LexiconError(
      `malformed SQL near character ${this.position}: expected ${expected}, got ${JSON.stringify(char)}`,
    );
  }
}

/** Tuples of `table` from a dump's bytes, decoding UTF-8 across chunk boundaries. */
export async function* streamSqlTuples(
  chunks: AsyncIterable<Uint8Array | string>,
  table: string,
): AsyncGenerator<SqlValue[]> {
  const parser = new SqlTupleParser(table);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  yield* parser.push(decoder.decode());
  parser.end();
}
