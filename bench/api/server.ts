/**
 * The server under test, as its own process (`xlir serve --demo`), so the load generator does
 * not share its event loop, and its resident memory sampled from outside.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HEAP_LINE_PREFIX } from './heap-probe.js';

const HEALTH_POLL_MS = 200;
const START_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resident set size of the server process, in MiB. */
  rssMiB(): Promise<number>;
  /** Live heap after a full GC, in MiB (heap-probe.ts); call while the server is idle. */
  liveHeapMiB(): Promise<number>;
  stop(): Promise<void>;
}

async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    if (Number.isFinite(kib)) return kib / 1024;
  } catch {
    // not Linux: ask ps
  }
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) / 1024;
}

export async function startServerProcess(
  root: string,
  port: number,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const probe = fileURLToPath(new URL('./heap-probe.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      '--import',
      probe,
      'lib/cli/main.ts',
      'serve',
      '--demo',
      '--port',
      String(port),
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let heapWaiters: Array<(bytes: number) => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) {
      if (!line.startsWith(HEAP_LINE_PREFIX)) continue;
      const waiters = heapWaiters;
      heapWaiters = [];
      for (const resolve of waiters) resolve(Number(line.slice(HEAP_LINE_PREFIX.length)));
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  return {
    url,
    child,
    rssMiB: () => rssOf(child.pid!),
    liveHeapMiB: () =>
      new Promise<number>((resolve) => {
        heapWaiters.push((bytes) => resolve(bytes / 2 ** 20));
        child.kill('SIGUSR2');
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
