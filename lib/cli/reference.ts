/**
 * The README's CLI reference, made from the command table: each command's `--help`, verbatim.
 * `npm run docs:cli` (scripts/docs-cli.ts) rewrites README.md between the markers, and a test fails
 * when the README's copy differs from what the table makes now.
 */
import { formatHelp } from './spec.js';
import { COMMANDS, subcommandsOf } from './table.js';

export const CLI_START = '<!-- cli:start -->';
export const CLI_END = '<!-- cli:end -->';

/** The section between the markers: one collapsed block per command, holding its `--help`. */
export function cliReference(): string {
  const blocks = COMMANDS.map(({ spec }) => {
    const help = formatHelp(
      spec,
      subcommandsOf(spec.name).map((c) => c.spec),
    );
    return [
      `<details><summary><code>xlir ${spec.name}</code>: ${escapeHtml(spec.summary)}</summary>`,
      '',
      '```text',
      help,
      '```',
      '',
      '</details>',
    ].join('\n');
  });
  return [
    '<!-- Made from the command table (lib/cli/table.ts) by `npm run docs:cli`: edit the specs, not this. -->',
    '',
    '`xlir --help` lists the commands; `xlir COMMAND --help` prints what its block here holds.',
    '',
    ...blocks.flatMap((b) => [b, '']),
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `readme` with the text between its markers replaced by the current reference. */
export function withCliReference(readme: string): string {
  const start = readme.indexOf(CLI_START);
  const end = readme.indexOf(CLI_END);
  if (start === -1 || end < start) {
    throw new Error(`README.md needs ${CLI_START} and, after it, ${CLI_END} around the CLI reference`);
  }
  return `${readme.slice(0, start + CLI_START.length)}\n${cliReference()}${readme.slice(end)}`;
}
