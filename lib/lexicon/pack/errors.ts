/**
 * One error class for every way a lexicon pack can be unusable (missing, corrupt, truncated, of an
 * unknown version), so callers map it once. A LexiconError, so the CLI prints it on one line.
 * Messages name the direction and the object key relative to the pack, never the store URI: they
 * may reach API clients, and a bucket name or server path is for operators (kept in `cause`).
 */
import { LexiconError } from '../errors.js';

export class LexiconPackError extends LexiconError {
  // `name` stays LexiconError's: the base class types it as that literal. Tell the two apart with
  // instanceof; the message's "lexicon pack:" prefix tells a reader of the logs.
  constructor(message: string, options?: { cause?: unknown }) {
    super(`lexicon pack: ${message}`, options);
  }
}
