/** A TREC file (run, qrels, topics) that cannot be read as given; the message names file:line. */
export class TrecFormatError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}:${line}: ${detail}`);
    this.name = 'TrecFormatError';
  }
}

/** An evaluation request the module refuses: unknown metric, bad option, malformed input data. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}
