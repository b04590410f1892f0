/**
 * Streams the objects of one array inside a top-level JSON object (SQuAD's `{"data": [article, ...]}`)
 * without parsing the whole document: a small scanner tracks strings and nesting across chunks and
 * hands each complete element to JSON.parse. Memory is bounded by the largest element, not the file.
 */
import { TrainingDataError } from '../codeswitch/index.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
/** Nesting depth of the target array's elements: top-level object 1, the array 2, an element 3. */
const ELEMENT_DEPTH = 3;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Scanner state carried from one chunk to the next. */
interface State {
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** At depth 1: the next string is a key. */
  expectKey: boolean;
  key: string;
  /** Collecting the characters of a top-level key. */
  inKey: boolean;
  /** ELEMENT_DEPTH once the target array has opened, else 0. */
  targetDepth: number;
  /** Text of the element being read, from earlier chunks. */
  parts: string[];
  /** Offset of the element's start in the current chunk, or -1. */
  start: number;
  seenObject: boolean;
  done: boolean;
}

/**
 * Yields each element of the array under `key`, parsed. `where` names the input in error messages.
 * Elements must be objects; the scan stops once the array closes.
 */
export async function* streamArrayItems(
  chunks: AsyncIterable<string>,
  key: string,
  where: string,
): AsyncGenerator<unknown> {
  const s: State = {
    depth: 0,
    inString: false,
    escaped: false,
    expectKey: false,
    key: '',
    inKey: false,
    targetDepth: 0,
    parts: [],
    start: -1,
    seenObject: false,
    done: false,
  };
  let item = 0;
  const fail = (why: string): never => {
    throw new TrainingDataError(`${where}: ${why}`);
  };
  for await (const chunk of chunks) {
    const ready: string[] = [];
    for (let i = 0; i < chunk.length && !s.done; i += 1) {
      const c = chunk.charCodeAt(i);
      if (s.inString) {
        if (s.escaped) s.escaped = false;
        else if (c === BACKSLASH) s.escaped = true;
        else if (c === QUOTE) s.inString = false;
        if (s.inKey && s.inString) s.key += chunk[i];
        else if (s.inKey) s.inKey = false;
        continue;
      }
      if (isSpace(c)) continue;
      if (!s.seenObject) {
        if (c !== OPEN_BRACE) fail('expected a JSON object');
        s.seenObject = true;
      }
      if (s.targetDepth > 0 && s.depth === s.targetDepth - 1) {
        // Between the target array's elements: only objects, commas and the closing bracket.
        if (c === CLOSE_BRACKET) {
          s.done = true;
          break;
        }
        if (c === COMMA) continue;
        if (c !== OPEN_BRACE) fail(`"${key}" must be an array of objects`);
        s.start = i;
      }
      if (c === QUOTE) {
        s.inString = true;
        if (s.depth === 1 && s.expectKey) {
          s.inKey = true;
          s.key = '';
          s.expectKey = false;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (s.depth === 1 && c === OPEN_BRACKET && s.key === key && s.targetDepth === 0) {
          s.targetDepth = ELEMENT_DEPTH;
        }
        s.depth += 1;
        if (s.depth === 1) s.expectKey = true;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        s.depth -= 1;
        if (s.targetDepth > 0 && s.depth === s.targetDepth - 1) {
          s.parts.push(chunk.slice(s.start, i + 1));
          ready.push(s.parts.join(''));
          s.parts = [];
          s.start = -1;
        }
      } else if (c === COMMA && s.depth === 1) {
        s.expectKey = true;
      } else if (c === COLON && s.depth === 1) {
        s.expectKey = false;
      }
    }
    if (s.start >= 0) {
      s.parts.push(chunk.slice(s.start));
      s.start = 0;
    }
    for (const text of ready) {
      item += 1;
      try {
        yield JSON.parse(text) as unknown;
      } catch (error) {
        if (error instanceof SyntaxError) fail(`element ${item} of "${key}" is not valid JSON`);
        throw error;
      }
    }
    if (s.done) return;
  }
  if (!s.seenObject) fail('the file is empty');
  fail(s.targetDepth > 0 ? `"${key}" is cut short` : `no "${key}" array`);
}
