#!/usr/bin/env node
/**
 * The `xlir` command. In a checkout it runs the CLI from its TypeScript sources (through tsx), so
 * `npx xlir` works straight after `npm ci` and can never run a dist/ left stale by a `git pull`;
 * an installed package without sources runs its compiled dist/.
 */
import { existsSync } from 'node:fs';

const source = new URL('../lib/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/lib/cli/main.js', import.meta.url);

// The AWS SDK's multi-line "future releases need Node 22" notice would bury the CLI's one-line
// messages (xlir supports Node >= 20.15 and pins its SDK); main.ts sets the same switch when run directly.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `xlir search … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

let entry = compiled;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = source;
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
