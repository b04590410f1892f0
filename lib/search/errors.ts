/** A query the engine refuses as given; the message says how to fix it. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Cross-lingual search needs a lexicon (direct, reversed or via the pivot) that is not there. */
export class MissingLexiconError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingLexiconError';
  }
}
