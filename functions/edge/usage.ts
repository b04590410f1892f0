/**
 * Usage records of the edge Worker: one per /v1 request, in lib/api's UsageRecord shape, so one
 * consumer bills the Lambda API and the edge alike. With a Queue binding (XLIR_USAGE_QUEUE) each
 * record is sent there, and the response waits for the send: as in lib/api, a billed answer whose
 * record could not be written is not given (503) and not billed. Without one, each record is one
 * JSON log line (`{"usage": {...}}`), which Workers Logs or Logpush keep.
 */
import type { UsageRecord } from '../../lib/api/portable.js';

/** What the sink calls of a Queue producer binding. */
export interface QueueBinding {
  send(body: unknown): Promise<unknown>;
}

export interface EdgeUsageSink {
  /** Where records go, for /healthz and the log. */
  readonly description: string;
  record(entry: UsageRecord): Promise<void>;
}

export class QueueUsageSink implements EdgeUsageSink {
  readonly description = 'queue';

  constructor(private readonly queue: QueueBinding) {}

  async record(entry: UsageRecord): Promise<void> {
    await this.queue.send(entry);
  }
}

export class LogUsageSink implements EdgeUsageSink {
  readonly description = 'log';

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  record(entry: UsageRecord): Promise<void> {
    this.write(JSON.stringify({ usage: entry }));
    return Promise.resolve();
  }
}
