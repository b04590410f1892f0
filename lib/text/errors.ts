/** Thrown for a language tag that is not well-formed BCP 47; the message says what is wrong. */
export class InvalidLanguageTagError extends Error {
  override readonly name = 'InvalidLanguageTagError';
}
