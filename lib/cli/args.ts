import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with its exceptions turned into one-line usage errors. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    // parseArgs explains some errors over several lines (e.g. how to pass a negative number);
    // keep all of it, on one line.
    const reason = (error as Error).message.split('\n').join(' ').replace(/\.$/, '');
    throw new UsageError(`${reason}; usage: ${usage}`);
  }
}

export function requireString(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing ${flag}; usage: ${usage}`);
  return value;
}

export function parseNumber(
  value: unknown,
  flag: string,
  { integer = false, min = -Infinity, max = Infinity } = {},
) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n))
  ) {
    throw new UsageError(`${flag} must be ${integer ? 'an integer' : 'a number'}, got "${String(value)}"`);
  }
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}
