/**
 * One definition per command: its name, summary, options and examples. The parser (args.ts), its
 * `--help`, `xlir --help`'s command list and the README's CLI reference are all made from it, so
 * what is documented is what is parsed and cannot drift from it.
 */
import type { LanguageKind } from './languages.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** How help shows the value: FILE, URI, N, xx. */
  readonly value?: string;
  /** May be given more than once; the command gets every value, in order. */
  readonly multiple?: boolean;
  /** The parser fails with "missing --flag" without it (an empty value counts as missing). */
  readonly required?: boolean;
  /** One line. */
  readonly description: string;
  /** The values it takes, for help (the command checks them, from the same constant). */
  readonly choices?: readonly string[];
  /** The default as help shows it; the command applies it (from the same constant). */
  readonly default?: string;
  /** The value names languages: checked with lib/text's rule, the HTTP API's, before the command runs. */
  readonly language?: LanguageKind;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The words that select it: "search", "lexicon import". */
  readonly name: string;
  /** One line, lower case, no full stop: what `xlir --help` lists. */
  readonly summary: string;
  readonly options: O;
  /** Whole command lines, at least one. */
  readonly examples: readonly string[];
  /** Rules that tie options together, one line each. */
  readonly notes?: readonly string[];
  /** An option that may also be given as the command's one positional argument (`models add DIR`). */
  readonly positional?: string;
}

type Value<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : string;
type Given<S extends OptionSpec> = S['multiple'] extends true ? Value<S>[] : Value<S>;

/** What a command receives: each option's value, undefined where an optional one was not given. */
export type CommandArgs<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K]['required'] extends true ? Given<O[K]> : Given<O[K]> | undefined;
};

/** The spec as written, with its literal option types kept for CommandArgs. */
export function commandSpec<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** `--input FILE`, `--text`, `--lexicon LANG=FILE ...`. */
export function flagText(name: string, option: OptionSpec): string {
  const value = option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : '';
  return `--${name}${value}${option.multiple ? ' ...' : ''}`;
}

/** `xlir index build --input FILE --out URI [options]`: required options, then the rest as [options]. */
export function usageLine(spec: CommandSpec): string {
  const options = Object.entries(spec.options);
  const required = options
    .filter(([, o]) => o.required)
    .map(([name, o]) => (name === spec.positional ? `${o.value ?? 'VALUE'}` : flagText(name, o)));
  const optional = options.some(([, o]) => !o.required) ? ['[options]'] : [];
  return ['xlir', spec.name, ...required, ...optional].join(' ');
}

const HELP_FLAG = '-h, --help';
const MAX_FLAG_COLUMN = 30;

function optionLine(flag: string, description: string, width: number): string {
  // A flag wider than the column gets its description on the same line after two spaces.
  return `  ${flag.padEnd(width)}  ${description}`.trimEnd();
}

function describe(option: OptionSpec): string {
  const extras = [
    option.required ? 'required' : '',
    option.choices ? `choices: ${option.choices.join(', ')}` : '',
    option.default ? `default: ${option.default}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return extras === '' ? option.description : `${option.description} (${extras})`;
}

/** A command's `--help`: summary, usage, one line per option, notes, examples. */
export function formatHelp(spec: CommandSpec, subcommands: readonly CommandSpec[] = []): string {
  const flags = Object.entries(spec.options).map(
    ([name, option]) => [flagText(name, option), option] as const,
  );
  const width = Math.min(MAX_FLAG_COLUMN, Math.max(HELP_FLAG.length, ...flags.map(([flag]) => flag.length)));
  const lines = [`xlir ${spec.name}: ${spec.summary}`, '', `usage: ${usageLine(spec)}`, '', 'options:'];
  for (const [flag, option] of flags) lines.push(optionLine(flag, describe(option), width));
  lines.push(optionLine(HELP_FLAG, 'print this help', width));
  if (spec.notes?.length) lines.push('', 'notes:', ...spec.notes.map((n) => `  ${n}`));
  if (subcommands.length > 0) {
    lines.push('', 'subcommands:', ...commandList(subcommands));
  }
  lines.push('', 'examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** `  xlir name   summary` rows, names padded to the widest. */
export function commandList(specs: readonly CommandSpec[], prefix = 'xlir '): string[] {
  const width = Math.max(...specs.map((s) => s.name.length));
  return specs.map((s) => `  ${prefix}${s.name.padEnd(width)}  ${s.summary}`);
}
