/** Thrown for invalid code-switching options (p outside [0, 1], bad seeds, inconsistent lexicons). */
export class CodeSwitchError extends Error {
  override readonly name = 'CodeSwitchError';
}

/**
 * Thrown for training data that cannot be read or written: a missing or unreadable file, a malformed
 * line (the message starts with file:line), a SQuAD file that is not SQuAD.
 */
export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}
