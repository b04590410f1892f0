/**
 * The one parser of every command: node:util parseArgs configured from the command's spec, with
 * its exceptions turned into one-line usage errors (an unknown option names the nearest known
 * one), language flags checked by the API's rule, and required options enforced.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { checkLanguages } from './languages.js';
import { type CommandArgs, type CommandSpec, type OptionSpecs, usageLine } from './spec.js';
import { nearest } from './suggest.js';

const UNKNOWN_OPTION = /Unknown option '([^']+)'/;

function parseError(error: unknown, spec: CommandSpec): UsageError {
  const message = (error as Error).message;
  const unknown =
    (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && UNKNOWN_OPTION.exec(message);
  if (unknown) {
    const given = unknown[1]!;
    const match = nearest(given.replace(/^-+/, '').split('=')[0]!, [...Object.keys(spec.options), 'help']);
    const hint = match !== undefined ? `did you mean --${match}?` : `see "xlir ${spec.name} --help"`;
    return new UsageError(`unknown option '${given}'; ${hint}`);
  }
  // parseArgs explains some errors over several lines (e.g. how to pass a negative number);
  // keep all of it, on one line.
  const reason = message.split('\n').join(' ').replace(/\.$/, '');
  return new UsageError(`${reason}; usage: ${usageLine(spec)}`);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The command's arguments, parsed and checked as its spec says; UsageError otherwise. */
export function parseCommandArgs<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): CommandArgs<O> {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, multiple: o.multiple === true }]),
  );
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: spec.positional !== undefined,
      strict: true,
    });
    values = parsed.values;
    if (parsed.positionals.length > 0 && spec.positional !== undefined) {
      const name = spec.positional;
      if (parsed.positionals.length > 1 || values[name] !== undefined) {
        throw new UsageError(
          `one ${spec.options[name]?.value ?? name} only (as --${name} or after the command); usage: ${usageLine(spec)}`,
        );
      }
      values[name] = parsed.positionals[0];
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw parseError(error, spec);
  }
  for (const [name, option] of Object.entries(spec.options)) {
    const given = values[name];
    if (option.language !== undefined && given !== undefined) {
      for (const value of [given].flat()) checkLanguages(option.language, String(value), `--${name}`);
    }
  }
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.required && isMissing(values[name])) {
      throw new UsageError(`missing --${name}; usage: ${usageLine(spec)}`);
    }
  }
  return values as CommandArgs<O>;
}

/** For options required only in some uses (the spec's notes say which). */
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
