/**
 * Usage: one record per API request, written to sinks (a local append-only JSONL ledger, or
 * CloudWatch EMF through Powertools on AWS), and a meter that sums the current month per key
 * for quotas and GET /v1/usage.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
  /** Must not throw or block the response; sinks buffer and report their own failures. */
  record(entry: UsageRecord): void;
  /** Records written before this process started (the local ledger), to restore quotas. */
  history?(): AsyncIterable<UsageRecord>;
  /** Flushes and releases files; the server calls it on shutdown. */
  close?(): Promise<void>;
}

/** Appends one JSON line per record; never rewrites a line. */
export class JsonlUsageLedger implements UsageSink {
  private stream: WriteStream | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly onError: (error: Error) => void = (e) => console.error(`usage ledger: ${e.message}`),
  ) {}

  record(entry: UsageRecord): void {
    const line = `${JSON.stringify(entry)}\n`;
    if (this.stream) {
      this.stream.write(line);
      return;
    }
    this.ready ??= mkdir(dirname(this.path), { recursive: true }).then(() => {
      this.stream = createWriteStream(this.path, { flags: 'a' });
      this.stream.on('error', this.onError);
    });
    this.ready.then(() => this.stream!.write(line), this.onError);
  }

  async *history(): AsyncIterable<UsageRecord> {
    const input = createReadStream(this.path, { encoding: 'utf8' });
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        try {
          yield JSON.parse(line) as UsageRecord;
        } catch {
          // A line cut short by a crash: the ledger is append-only, so only the last can be.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async close(): Promise<void> {
    await this.ready;
    const stream = this.stream;
    if (!stream) return;
    this.stream = undefined;
    this.ready = undefined;
    await new Promise<void>((resolve) => stream.end(resolve));
  }
}

/** Sends every record to each sink; history comes from the first sink that keeps one. */
export function combineSinks(sinks: readonly UsageSink[]): UsageSink {
  const keeper = sinks.find((s) => s.history !== undefined);
  return {
    record: (entry) => sinks.forEach((s) => s.record(entry)),
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

/** Sums usage per key for the current month. */
export class UsageMeter {
  private readonly byKey = new Map<string, PeriodUsage>();

  add(entry: UsageRecord): void {
    const period = entry.ts.slice(0, 7);
    let usage = this.byKey.get(entry.key_id);
    if (!usage || usage.period < period) {
      usage = { period, requests: 0, searchUnits: 0, documentsReranked: 0, tokens: 0 };
      this.byKey.set(entry.key_id, usage);
    } else if (usage.period > period) {
      return; // an old ledger line: a past month no longer counts
    }
    usage.requests += 1;
    usage.searchUnits += entry.billed_units;
    usage.documentsReranked += entry.documents_reranked;
    usage.tokens += entry.tokens;
  }

  usage(keyId: string, nowMs: number): PeriodUsage {
    const period = periodOf(nowMs);
    const usage = this.byKey.get(keyId);
    return usage && usage.period === period
      ? { ...usage }
      : { period, requests: 0, searchUnits: 0, documentsReranked: 0, tokens: 0 };
  }
}
