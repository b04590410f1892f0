/**
 * The CLI teaches itself: every command answers --help (exit 0) with its usage, every option its
 * parser accepts and an example; `xlir --help` lists every command; --version prints
 * package.json's. The lists come from the command table, so a new option or command is covered
 * without touching this file.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../lib/cli/args.js';
import { main } from '../../lib/cli/main.js';
import { flagText, usageLine } from '../../lib/cli/spec.js';
import { COMMANDS } from '../../lib/cli/table.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';

const output = captureCliOutput();
const { stdout, stderr } = output;

const NAMES = COMMANDS.map((c) => c.spec.name);
const specOf = (name: string) => COMMANDS.find((c) => c.spec.name === name)!.spec;

/** `a "b c" d` as ['a', 'b c', 'd']: enough shell for the examples. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('xlir COMMAND --help', () => {
  it.each(NAMES)('%s: exits 0 and describes every option its parser accepts, one line each', async (name) => {
    // Act
    const code = await main([...name.split(' '), '--help']);
    // Assess
    const spec = specOf(name);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    const help = stdout.join('\n');
    const lines = help.split('\n');
    expect(lines).toContain(`usage: ${usageLine(spec)}`);
    const options = Object.entries(spec.options);
    expect(options.length).toBeGreaterThan(0);
    for (const [option, o] of options) {
      const line = lines.find((l) => l.startsWith(`  ${flagText(option, o)} `));
      expect(line, `--${option} in ${name} --help`).toBeDefined();
      expect(line).toContain(o.description);
    }
    expect(lines.some((l) => /^ {2}-h, --help +print this help$/.test(l))).toBe(true);
    const examples = lines.slice(lines.indexOf('examples:') + 1);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples)
      expect(example).toMatch(new RegExp(`^ {2}(\\w+=\\S+ )*xlir ${name}( |$)`));
  });

  it.each(NAMES)('%s: -h, and help anywhere among the arguments, print the same help', async (name) => {
    // Act
    await main([...name.split(' '), '--help']);
    const expected = stdout.join('\n');
    stdout.length = 0;
    const short = await main([...name.split(' '), '-h']);
    const shortOut = stdout.join('\n');
    stdout.length = 0;
    const late = await main([...name.split(' '), '--bogus', 'x', '--help']);
    const lateOut = stdout.join('\n');
    // Assess
    expect([short, late]).toEqual([0, 0]);
    expect([shortOut, lateOut]).toEqual([expected, expected]);
  });

  it.each(NAMES)('%s: every example in its help parses with its own options', (name) => {
    const spec = specOf(name);
    for (const example of spec.examples) {
      const argv = words(example);
      const args = argv.slice(argv.indexOf('xlir') + 1 + name.split(' ').length);
      expect(() => parseCommandArgs(spec, args), example).not.toThrow();
    }
    // No example names a language the CLI would warn about.
    expect(stderr).toEqual([]);
  });

  it('lists the experiment runner’s every flag in `xlir experiment xquad-r --help`', async () => {
    // The flags experiment.ts reads from its arguments, spelled out here on purpose.
    const flags = ['data', 'out', 'lexicons', 'langs', 'settings', 'pairs', 'first-stage', 'fusion'];
    flags.push('queries', 'seed', 'rerank', 'models', 'model', 'lambda', 'strategy');
    await main(['experiment', 'xquad-r', '--help']);
    const help = stdout.join('\n');
    for (const flag of flags) expect(help).toMatch(new RegExp(`^  --${flag} `, 'm'));
  });
});

describe('xlir --help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])(
    '%j lists every command with its summary and exits 0',
    async (argv) => {
      // Act
      const code = await main(argv);
      // Assess
      expect(code).toBe(0);
      const help = stdout.join('\n');
      for (const { spec } of COMMANDS) {
        expect(help).toMatch(new RegExp(`^  ${spec.name} +${spec.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
      }
      expect(help).toContain('--version');
    },
  );

  it('`xlir help search` and `xlir --help search` are `xlir search --help`', async () => {
    await main(['search', '--help']);
    const expected = stdout.join('\n');
    stdout.length = 0;
    expect(await main(['help', 'search'])).toBe(0);
    expect(await main(['--help', 'search'])).toBe(0);
    expect(stdout).toEqual([expected, expected]);
  });

  it('lists the subcommands of a group, and asks for one when none is given', async () => {
    // Act
    const help = await main(['lexicon', '--help']);
    const listed = stdout.join('\n');
    const none = await main(['lexicon']);
    // Assess
    expect(help).toBe(0);
    for (const name of NAMES.filter((n) => n.startsWith('lexicon ')))
      expect(listed).toContain(`xlir ${name} `);
    expectOneLineError(output, none, /xlir lexicon needs a subcommand: build, pack, import/);
  });

  it('lists a command’s subcommands in its help: codeswitch names codeswitch stats', async () => {
    await main(['codeswitch', '--help']);
    expect(stdout.join('\n')).toMatch(/^subcommands:\n {2}xlir codeswitch stats +switch ratios/m);
  });
});

describe('xlir --version', () => {
  it.each(['--version', '-V'])('%s prints the version in package.json and exits 0', async (flag) => {
    // Prepare
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    // Act
    const code = await main([flag]);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toEqual([version]);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
