/**
 * `npm run docs:cli`: rewrites README.md's CLI reference (between <!-- cli:start --> and
 * <!-- cli:end -->) from the command table, so the README says what `xlir COMMAND --help` says.
 * `--check` only reports whether it is out of date (exit 1), for CI.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../lib/cli/paths.js';
import { withCliReference } from '../lib/cli/reference.js';

const readmePath = join(packageRoot(), 'README.md');
const readme = await readFile(readmePath, 'utf8');
const updated = withCliReference(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md: the CLI reference is out of date; run npm run docs:cli');
    process.exitCode = 1;
  }
} else if (updated !== readme) {
  await writeFile(readmePath, updated);
  console.log('README.md: CLI reference rewritten');
} else {
  console.log('README.md: CLI reference already up to date');
}
