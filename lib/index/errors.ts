/** The bytes of an index object are not what the manifest promised: corrupt, truncated or foreign. */
export class IndexCorruptError extends Error {
  constructor(
    readonly objectKey: string,
    detail: string,
  ) {
    super(`index object ${objectKey} is corrupt: ${detail}`);
    this.name = 'IndexCorruptError';
  }
}

/** The input corpus cannot be indexed as given; the message names the line and the fix. */
export class IndexInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexInputError';
  }
}

/** No index at the location, or a manifest this version cannot read. */
export class IndexNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexNotFoundError';
  }
}

/** The shards of a distributed build are missing or do not belong together; nothing was published. */
export class IndexPublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexPublishError';
  }
}
