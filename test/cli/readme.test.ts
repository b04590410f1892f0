/**
 * README.md's CLI reference is the commands' --help as the command table makes it now: when a spec
 * changes and `npm run docs:cli` was not run, this fails.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLI_END, CLI_START, cliReference, withCliReference } from '../../lib/cli/reference.js';
import { formatHelp } from '../../lib/cli/spec.js';
import { COMMANDS } from '../../lib/cli/table.js';

const README = new URL('../../README.md', import.meta.url);

describe("README.md's CLI reference", () => {
  it('is up to date with the command table (npm run docs:cli rewrites it)', async () => {
    // Prepare
    const readme = await readFile(README, 'utf8');
    // Act
    const regenerated = withCliReference(readme);
    // Assess
    expect(readme.includes(CLI_START) && readme.includes(CLI_END)).toBe(true);
    expect(regenerated === readme, 'README.md is out of date: run npm run docs:cli').toBe(true);
  });

  it("holds every command's --help verbatim", () => {
    const reference = cliReference();
    for (const { spec } of COMMANDS) {
      expect(reference).toContain(
        `\`\`\`text\n${formatHelp(
          spec,
          COMMANDS.filter((c) => c.spec.name.startsWith(`${spec.name} `)).map((c) => c.spec),
        )}\n\`\`\``,
      );
    }
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# x\n\nbefore\n${CLI_START}\nstale\n${CLI_END}\nafter\n`;
    const updated = withCliReference(readme);
    expect(updated.startsWith(`# x\n\nbefore\n${CLI_START}\n`)).toBe(true);
    expect(updated.endsWith(`${CLI_END}\nafter\n`)).toBe(true);
    expect(updated).not.toContain('stale');
    expect(withCliReference(updated)).toBe(updated);
    expect(() => withCliReference('# no markers\n')).toThrow(/cli:start/);
  });
});
