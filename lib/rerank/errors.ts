/**
 * A model directory that cannot serve: a missing file, a tokenizer without a pair template,
 * inputs or outputs that are not a cross-encoder's, NaN scores. Raised at load, never at the
 * first request, and always naming the model.
 */
export class RerankModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RerankModelError';
  }
}

/** routing.json is missing, malformed, or names models it does not define. */
export class RoutingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutingError';
  }
}

/** A rerank request the caller can fix: unknown model id, λ outside [0, 1], no passage text. */
export class RerankRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RerankRequestError';
  }
}

/**
 * A passage that does not fit the model next to the query, where the caller asked for an error
 * rather than truncation (TEI's truncate: false). Names the candidate, the model and its limit.
 */
export class PassageTooLongError extends RerankRequestError {
  constructor(
    readonly docId: string,
    readonly model: string,
    readonly maxLength: number,
  ) {
    super(
      `candidate ${docId} does not fit model ${model} next to the query: it reads ${maxLength} tokens, special tokens included`,
    );
    this.name = 'PassageTooLongError';
  }
}

/** A request that would split into more chunks than the caller allowed in all. */
export class ChunkLimitError extends RerankRequestError {
  constructor(
    readonly chunks: number,
    readonly limit: number,
  ) {
    super(
      `the passages split into more than ${limit} chunks (${chunks} so far); at most ${limit} per request`,
    );
    this.name = 'ChunkLimitError';
  }
}
