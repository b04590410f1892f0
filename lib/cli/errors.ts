import { IndexCorruptError, IndexInputError, IndexNotFoundError } from '../index/index.js';
import { QueryError } from '../search/index.js';
import { InvalidStoreUriError, ObjectNotFoundError, StorageError } from '../storage/index.js';
import { InvalidLanguageTagError } from '../text/index.js';

/** Wrong arguments on the command line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_USAGE = 2;
export const EXIT_DATA = 1;
export const EXIT_INTERNAL = 70;

/**
 * Errors a user can act on print one line; anything else is a bug in xlir and
 * keeps its stack trace so it can be reported.
 */
export function exitCodeFor(error: unknown): number | undefined {
  if (
    error instanceof UsageError ||
    error instanceof IndexInputError ||
    error instanceof QueryError ||
    error instanceof InvalidStoreUriError ||
    error instanceof InvalidLanguageTagError
  ) {
    return EXIT_USAGE;
  }
  // Storage failures (no such bucket, access denied, retries exhausted) are about the
  // environment, not xlir: say what the store answered, without a stack trace.
  if (
    error instanceof IndexNotFoundError ||
    error instanceof IndexCorruptError ||
    error instanceof ObjectNotFoundError ||
    error instanceof StorageError
  ) {
    return EXIT_DATA;
  }
  return undefined;
}
