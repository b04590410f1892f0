/** JSONL output, one record a line, written with backpressure so memory stays flat on any input. */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { TrainingDataError } from '../codeswitch/index.js';

export class JsonlWriter {
  private records = 0;
  private failure: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => (this.failure = this.wrap(error)));
  }

  /** Opens (truncating) `path`; a directory that does not exist is a one-line TrainingDataError. */
  static async open(path: string): Promise<JsonlWriter> {
    const stream = createWriteStream(path);
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new TrainingDataError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    return new JsonlWriter(path, stream);
  }

  /** Records written so far. */
  get count(): number {
    return this.records;
  }

  async write(record: unknown): Promise<void> {
    if (this.failure) throw this.failure;
    this.records += 1;
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) {
      // events.once rejects when 'error' fires first.
      await once(this.stream, 'drain').catch((error: Error) => {
        throw this.wrap(error);
      });
    }
  }

  async close(): Promise<void> {
    if (this.stream.closed) return;
    this.stream.end();
    await once(this.stream, 'close').catch((error: Error) => {
      throw this.wrap(error);
    });
    if (this.failure) throw this.failure;
  }

  private wrap(error: Error): TrainingDataError {
    return new TrainingDataError(
      `cannot write ${this.path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}
