/**
 * The harness side of bench:bm25's round protocol (rounds-server.ts, xapian_peer.py): starts an
 * engine's query server as a child process, sends it one JSON request per line and reads one JSON
 * reply per line. Its stderr is kept (the last lines) to explain a failure.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { RoundRequest } from './rounds-server.js';

const STDERR_TAIL_CHARS = 4000;

export class RoundServer {
  private stderrTail = '';
  private readonly pending: Array<(line: string | null) => void> = [];
  private readonly lines: Interface;

  private constructor(
    readonly engine: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    this.lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.lines.on('close', () => {
      for (const waiter of this.pending.splice(0)) waiter(null);
    });
  }

  /** Starts the server and waits for its `ready` line (which it returns). */
  static async start(
    engine: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<{ server: RoundServer; ready: Record<string, unknown> }> {
    const server = new RoundServer(engine, spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] }));
    const ready = await server.next();
    return { server, ready };
  }

  private next(): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.pending.push((line) => {
        if (line === null) {
          reject(
            new Error(
              `${this.engine} server exited: ${this.stderrTail.trim().split('\n').slice(-5).join(' | ')}`,
            ),
          );
          return;
        }
        const reply = JSON.parse(line) as Record<string, unknown>;
        if (typeof reply.error === 'string') reject(new Error(`${this.engine}: ${reply.error}`));
        else resolve(reply);
      });
    });
  }

  async request<T>(request: RoundRequest): Promise<T> {
    const reply = this.next();
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    return (await reply) as T;
  }

  /** Asks the server to exit and waits for it. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end(`${JSON.stringify({ op: 'exit' })}\n`);
    await exited;
  }

  /** Threads the server process runs now (Linux /proc), to check the single-thread settings. */
  threads(): number | null {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      return Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    } catch {
      return null;
    }
  }
}
