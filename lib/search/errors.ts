/** A query the engine refuses as given; the message says how to fix it. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}
