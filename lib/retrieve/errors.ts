/** Errors of a retrieval that are about the request or the index, for each front end to map. */

/** The request asks for something this index or configuration cannot do (an API 400). */
export class RetrieveRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetrieveRequestError';
  }
}

/**
 * Shards of the index could not be read (an API 503): all of them, or any under
 * on_shard_failure "fail". The message names shards by number, never their location.
 */
export class ShardUnavailableError extends Error {
  constructor(
    message: string,
    readonly failedShards: readonly number[],
  ) {
    super(message);
    this.name = 'ShardUnavailableError';
  }
}
