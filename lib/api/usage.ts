/**
 * Usage: one record per API request, written to sinks (a local append-only JSONL ledger,
 * CloudWatch EMF through Powertools on AWS, the DynamoDB usage table) before the response is
 * sent, so a crash never loses a request that was answered. The quota counters that admission
 * reserves against are counters.ts; the local ones are rebuilt from the ledger's history.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export interface UsageRecord {
  /** ISO 8601 time the request arrived. */
  ts: string;
  request_id: string;
  key_id: string;
  method: string;
  /** The route pattern (/v1/search), not the raw path. */
  route: string;
  status: number;
  /** Search units charged: 0 unless the request succeeded. */
  billed_units: number;
  documents_reranked: number;
  /** Model input tokens of the reranked pairs. */
  tokens: number;
  latency_ms: number;
}

export interface UsageSink {
  /**
   * Writes one record. The response waits for the promise: a durable sink resolves once the
   * record would survive the process being killed, and rejects when it could not be written (the
   * app then withholds a billed answer). Sinks that only report (metrics) return nothing.
   */
  record(entry: UsageRecord): void | Promise<void>;
  /** Records written before this process started (the local ledger), to restore quotas. */
  history?(): AsyncIterable<UsageRecord>;
  /** Flushes and releases files; the server calls it on shutdown. */
  close?(): Promise<void>;
}

interface PendingLine {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends one JSON line per record and never rewrites a line. record() resolves once the line is
 * written and fdatasync'd. Records that arrive while a write is in progress are written together
 * in the next one (group commit), so concurrent requests share a sync instead of queueing one
 * each. One process per file: two servers appending to one ledger would each count only their
 * own requests against the quotas.
 */
export class JsonlUsageLedger implements UsageSink {
  private handle: Promise<FileHandle> | undefined;
  private pending: PendingLine[] = [];
  private writing: Promise<void> | undefined;

  constructor(readonly path: string) {}

  record(entry: UsageRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          const handle = await this.open();
          await handle.appendFile(batch.map((p) => p.line).join(''), 'utf8');
          await handle.datasync();
          for (const p of batch) p.resolve();
        } catch (error) {
          // The next batch opens the file again (ending a line this one may have left torn).
          const failed = this.handle;
          this.handle = undefined;
          failed?.then((h) => h.close()).catch(() => undefined);
          for (const p of batch) p.reject(error as Error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private open(): Promise<FileHandle> {
    this.handle ??= (async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a+');
      await terminateLastLine(handle);
      return handle;
    })();
    return this.handle;
  }

  async *history(): AsyncIterable<UsageRecord> {
    const input = createReadStream(this.path, { encoding: 'utf8' });
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        try {
          yield JSON.parse(line) as UsageRecord;
        } catch {
          // A line cut short by a crash before it was answered; terminateLastLine ended it.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async close(): Promise<void> {
    await this.writing;
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle.catch(() => undefined))?.close();
  }
}

/**
 * Ends a last line that a crash cut short with a newline, so the next record starts a line of
 * its own instead of being glued to the torn one (and lost with it when the history is read).
 */
async function terminateLastLine(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) await handle.appendFile('\n', 'utf8');
}

/** Sends every record to each sink; history comes from the first sink that keeps one. */
export function combineSinks(sinks: readonly UsageSink[]): UsageSink {
  const keeper = sinks.find((s) => s.history !== undefined);
  return {
    record: async (entry) => {
      await Promise.all(sinks.map((s) => s.record(entry)));
    },
    ...(keeper ? { history: () => keeper.history!() } : {}),
    close: async () => {
      await Promise.all(sinks.map((s) => s.close?.()));
    },
  };
}

/** Keeps records in memory: tests, and embedding the API where usage is read back directly. */
export class MemoryUsageSink implements UsageSink {
  readonly records: UsageRecord[] = [];

  record(entry: UsageRecord): void {
    this.records.push(entry);
  }
}

export interface PeriodUsage {
  /** UTC calendar month, YYYY-MM. */
  period: string;
  requests: number;
  searchUnits: number;
  documentsReranked: number;
  tokens: number;
}

export function periodOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
