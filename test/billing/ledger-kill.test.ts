/**
 * Fault suite: the usage ledger under kill -9. A child process (`xlir serve`, from the sources)
 * serves billed searches to concurrent clients and is killed with SIGKILL three times mid-load,
 * then started again on the same ledger. Every response a client received must have its record
 * in the ledger (the record is appended and fdatasync'd before the response is sent), and the
 * restarted server's quota counters must equal the ledger's sum. Before, records were written
 * after the response and kill -9 lost 14 of 682. Prints the counts. Kills only its own child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useFixtureIndex } from '../api/helpers.js';
import { postSearch, readLedger, sum, testKey } from './helpers.js';

const LAUNCHER = fileURLToPath(new URL('../../bin/xlir.js', import.meta.url));
const KILLS = 3;
/** Clients sending one search after another; each response is counted once fully read. */
const CLIENTS = 8;
/** Load before each kill: long enough for hundreds of requests, with the kill at a random point. */
const LOAD_MS = { min: 600, max: 1_400 };
const START_TIMEOUT_MS = 60_000;

const fixture = useFixtureIndex();
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

interface Served {
  url: string;
  child: ChildProcess;
}

/** Starts `xlir serve` on a free port and resolves with its URL once it listens. */
function serve(env: Record<string, string>): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`xlir serve did not start:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (!/listening on/.test(output)) reject(new Error(`xlir serve exited ${code}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('usage ledger under kill -9', () => {
  it('has a record for every response a client received across three kills', async () => {
    // Prepare
    const { key, entry } = testKey('killed', 1_000_000);
    const ledger = join(fixture.dir, 'kill', 'usage.jsonl');
    const env = {
      XLIR_INDEXES: `fixture=${fixture.indexDir}`,
      XLIR_API_KEYS: JSON.stringify([entry]),
      XLIR_AUTH: 'on',
      XLIR_MODELS: 'off',
      XLIR_USAGE_SINK: 'jsonl',
      XLIR_USAGE_LEDGER: ledger,
      XLIR_LEXICONS: '',
    };
    const received = new Map<string, number>();
    let failedInFlight = 0;
    // Act
    for (let kill = 0; kill < KILLS; kill++) {
      const { url, child } = await serve(env);
      let stop = false;
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stop) {
          try {
            const answer = await postSearch(url, key, 1);
            received.set(answer.requestId!, answer.billed);
          } catch {
            failedInFlight += 1; // cut off by the kill, or refused by the dead server: no response
          }
        }
      });
      await new Promise((resolve) =>
        setTimeout(resolve, LOAD_MS.min + Math.random() * (LOAD_MS.max - LOAD_MS.min)),
      );
      child.kill('SIGKILL');
      await exited(child);
      stop = true;
      await Promise.all(clients);
    }
    const records = await readLedger(ledger);
    const restarted = await serve(env);
    const usage = (await (
      await fetch(`${restarted.url}/v1/usage`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { search_units: number };
    restarted.child.kill('SIGKILL');
    // Assess
    const recorded = new Map(records.map((r) => [r.request_id, r]));
    const lost = [...received.keys()].filter((id) => !recorded.has(id));
    const unanswered = records.filter((r) => !received.has(r.request_id)).length;
    const searches = records.filter((r) => r.route === '/v1/search');
    console.log(
      `[ledger kill -9] ${KILLS} kills: ${received.size} responses received, ${failedInFlight} requests without a response (cut off or refused), ${records.length} ledger records (${unanswered} of requests answered as the kill came, their response lost), lost ${lost.length}; restarted quota counter ${usage.search_units} units = ledger ${sum(searches.map((r) => r.billed_units))}`,
    );
    expect(received.size).toBeGreaterThan(50);
    expect(lost).toEqual([]);
    for (const [id, billed] of received) expect(recorded.get(id)!.billed_units).toBe(billed);
    expect(usage.search_units).toBe(sum(searches.map((r) => r.billed_units)));
  }, 300_000);
});
