/**
 * Quota counters: the units a key has used in a month, which a billed request reserves against
 * before its work and settles into after it (billing.ts). A reservation is one atomic
 * check-and-add, so concurrent requests can never take a key past its quota, on one process
 * (LocalCounters, here) or on every instance at once (the DynamoDB usage table,
 * dynamodb/usage-table.ts). A counter holds settled and in-flight units together: a request in
 * progress has already taken its units.
 */
import type { PeriodUsage, UsageRecord } from './usage.js';

export interface ReserveOutcome {
  reserved: boolean;
  /** Units counted against the key this period: after the reservation, or (refused) as they stand. */
  used: number;
}

export interface UsageCounters {
  /** Resolves once the counters can be trusted (LocalCounters: the ledger's history is read). */
  ready(): Promise<void>;
  /**
   * Adds `units` to the key's counter of `period` unless that would take it past `quota`, as one
   * atomic step: under any concurrency the counter never passes the quota.
   */
  reserve(keyId: string, period: string, units: number, quota: number): Promise<ReserveOutcome>;
  /**
   * Settles one request of `period`: its key's units move by what it was billed minus what it
   * reserved (a failed request gives back everything), and its request, document and token
   * counts are added.
   */
  settle(period: string, record: UsageRecord, reservedUnits: number): Promise<void>;
  /** The key's usage of `period`, in-flight reservations included. */
  usage(keyId: string, period: string): Promise<PeriodUsage>;
}

export function emptyUsage(period: string): PeriodUsage {
  return { period, requests: 0, searchUnits: 0, documentsReranked: 0, tokens: 0 };
}

/**
 * The counters of one process, rebuilt at start from the local ledger's history so quotas survive
 * a restart. A reservation in flight when the process dies is not in the ledger, so it is given
 * back by the restart: only answered requests were billed. Right for one server; several
 * processes each keep their own counters, which is why Lambda uses the DynamoDB table.
 */
export class LocalCounters implements UsageCounters {
  /** Each key's counters for its latest month; an older month no longer counts. */
  private readonly byKey = new Map<string, PeriodUsage>();
  private readonly loaded: Promise<void>;

  constructor(history?: () => AsyncIterable<UsageRecord>) {
    this.loaded = history ? this.replay(history) : Promise.resolve();
    // Callers see the failure through ready(); this only keeps it from being "unhandled".
    this.loaded.catch(() => undefined);
  }

  ready(): Promise<void> {
    return this.loaded;
  }

  private async replay(history: () => AsyncIterable<UsageRecord>): Promise<void> {
    for await (const record of history()) {
      this.count(this.counter(record.key_id, record.ts.slice(0, 7)), record, 0);
    }
  }

  /** The key's counter of `period`; a month before the one held gets a counter nobody reads. */
  private counter(keyId: string, period: string): PeriodUsage {
    const held = this.byKey.get(keyId);
    if (held && held.period === period) return held;
    if (held && held.period > period) return emptyUsage(period);
    const fresh = emptyUsage(period);
    this.byKey.set(keyId, fresh);
    return fresh;
  }

  private count(usage: PeriodUsage, record: UsageRecord, reservedUnits: number): void {
    usage.requests += 1;
    usage.searchUnits += record.billed_units - reservedUnits;
    usage.documentsReranked += record.documents_reranked;
    usage.tokens += record.tokens;
  }

  async reserve(keyId: string, period: string, units: number, quota: number): Promise<ReserveOutcome> {
    await this.loaded;
    // From here to the return nothing awaits: no other request can run between check and add.
    const usage = this.counter(keyId, period);
    if (usage.searchUnits + units > quota) return { reserved: false, used: usage.searchUnits };
    usage.searchUnits += units;
    return { reserved: true, used: usage.searchUnits };
  }

  async settle(period: string, record: UsageRecord, reservedUnits: number): Promise<void> {
    await this.loaded;
    this.count(this.counter(record.key_id, period), record, reservedUnits);
  }

  async usage(keyId: string, period: string): Promise<PeriodUsage> {
    await this.loaded;
    const held = this.byKey.get(keyId);
    return held && held.period === period ? { ...held } : emptyUsage(period);
  }
}
