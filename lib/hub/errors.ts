/**
 * A model that cannot be fetched or registered: an unknown repo or file, a token the hub refuses,
 * a download whose sha256 differs from the hub's, an export the reranker cannot load. One line,
 * naming the model reference, never a local cache path.
 */
export class HubError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubError';
  }
}
