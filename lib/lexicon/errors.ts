/** Thrown for unreadable or malformed lexicon input and for inconsistent lexicon operations. */
export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}
