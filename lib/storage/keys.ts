import { InvalidKeyError } from './errors.js';
import { sortUtf8 } from './utf8-order.js';

/**
 * FileStore writes its in-progress temp files next to the target; reserving the suffix keeps
 * them distinguishable from real keys on every backend, so data copies between backends
 * losslessly.
 */
export const TEMP_SUFFIX = '.xlir-partial';

/*
 * Keys are the security boundary for file:// stores: a key must never resolve outside the
 * store root. Rules are applied to every backend so that a key valid on S3 is valid on disk.
 * Empty and '.' segments are rejected too, since the filesystem would silently alias them.
 */
function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'has an empty path segment';
  if (segment === '.' || segment === '..') return `has a '${segment}' segment`;
  if (segment.endsWith(TEMP_SUFFIX)) return `uses the reserved suffix '${TEMP_SUFFIX}'`;
  return undefined;
}

function commonProblem(value: string): string | undefined {
  if (value.startsWith('/')) return 'is absolute';
  if (value.includes('\\')) return "contains '\\' (use '/' as the separator)";
  if (value.includes('\0')) return 'contains a NUL character';
  return undefined;
}

export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new InvalidKeyError('Invalid object key: key is empty');
  const problem =
    commonProblem(key) ??
    key
      .split('/')
      .map(segmentProblem)
      .find((p) => p !== undefined);
  if (problem) throw new InvalidKeyError(`Invalid object key ${JSON.stringify(key)}: ${problem}`);
}

/** A list prefix may be '' (everything) and may end in '/' or in a partial segment. */
export function assertValidPrefix(prefix: string): void {
  if (typeof prefix !== 'string') throw new InvalidKeyError('Invalid list prefix: not a string');
  if (prefix === '') return;
  const segments = prefix.split('/');
  const last = segments.pop() ?? '';
  let problem = commonProblem(prefix) ?? segments.map(segmentProblem).find((p) => p !== undefined);
  if (!problem && (last === '.' || last === '..')) problem = `has a '${last}' segment`;
  if (problem) throw new InvalidKeyError(`Invalid list prefix ${JSON.stringify(prefix)}: ${problem}`);
}

export function assertValidRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || start < 0 || !(Number.isSafeInteger(end) || end === Infinity)) {
    throw new RangeError(`Invalid byte range [${start}, ${end}): bounds must be non-negative integers`);
  }
}

/**
 * S3 lists keys in UTF-8 byte order; FileStore must agree, which JS string order does not. A sorted
 * copy, compared without Buffer (utf8-order.ts), so this file runs in a Worker too.
 */
export function sortKeys(keys: string[]): string[] {
  return sortUtf8([...keys]);
}
