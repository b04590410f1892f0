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
