/**
 * The README's HTTP examples run as written: the curl lines against the server `npm start` runs
 * (the demo, auth off, port 8787), and the API-key lines (create a key, serve with it) with a
 * request that needs the printed key. Each server is started from the repository root and stopped
 * after its block.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, LAUNCHER, readmeBlock, REPO_ROOT, runReadmeLine, shellWords } from '../helpers/readme.js';

const run = promisify(execFile);
const KEYS_FILE = fileURLToPath(new URL('../../.xlir/keys.json', import.meta.url));
const BASE = 'http://127.0.0.1:8787';
let server: ChildProcess | undefined;

/** Starts `xlir serve …` and waits until /healthz answers (the demo index may be built first). */
async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  server = spawn(process.execPath, [LAUNCHER, ...args], { cwd: REPO_ROOT, env, stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`xlir ${args.join(' ')} exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${BASE}/healthz`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`xlir ${args.join(' ')} did not answer on ${BASE} within 120 s`);
}

afterEach(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  server = undefined;
  await rm(KEYS_FILE, { force: true });
});

/** The block's commands, with backslash-continued lines joined. */
async function commands(name: string): Promise<string[]> {
  return (await readmeBlock(name))
    .join('\n')
    .replace(/\\\n\s*/g, '')
    .split('\n');
}

describe("README's HTTP examples", () => {
  it('answer as documented from the server npm start runs', async () => {
    // npm start: XLIR_AUTH=off xlir serve --demo (port 8787)
    await startServer(['serve', '--demo'], cleanEnv({ XLIR_AUTH: 'off' }));
    const answers: unknown[] = [];
    for (const line of await commands('http')) {
      expect(line.startsWith('curl ')).toBe(true);
      const { stdout } = await run('bash', ['-c', line], { cwd: REPO_ROOT, maxBuffer: 1 << 24 });
      answers.push(JSON.parse(stdout));
    }
    const [search, rerank] = answers as [
      { results: Array<{ doc_id: string; text: string }>; meta: { reranked: boolean } },
      { results: Array<{ index: number }> },
    ];
    expect(search.results[0]!.doc_id).toMatch(/^(en|de)-telephone$/);
    expect(search.meta.reranked).toBe(true);
    expect(rerank.results[0]!.index).toBe(0);
  }, 240_000);

  it('make a key and serve with it: requests need the printed key', async () => {
    const [create, serve] = await readmeBlock('keys');
    const created = await runReadmeLine(create!, cleanEnv());
    const key = /xlir_[\w-]+/.exec(created)?.[0];
    expect(key).toBeDefined();
    const words = shellWords(serve!);
    const assignments = Object.fromEntries(
      words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=') as [string, string]),
    );
    const command = words.filter((w) => !/^[A-Z_]+=/.test(w));
    expect(command.slice(0, 2)).toEqual(['npx', 'xlir']);
    await startServer(command.slice(2), cleanEnv(assignments));
    const body = JSON.stringify({ query: 'Wer erfand das Telefon?', top_k: 3 });
    const headers = { 'content-type': 'application/json' };
    const without = await fetch(`${BASE}/v1/search`, { method: 'POST', headers, body });
    const withKey = await fetch(`${BASE}/v1/search`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${key}` },
      body,
    });
    expect(without.status).toBe(401);
    expect(withKey.status).toBe(200);
  }, 240_000);
});
