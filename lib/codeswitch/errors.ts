/** Thrown for invalid code-switching options (p outside [0, 1], bad seeds, inconsistent lexicons). */
export class CodeSwitchError extends Error {
  override readonly name = 'CodeSwitchError';
}
