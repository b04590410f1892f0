import { DatasetFormatError } from '../datasets/index.js';
import { CodeSwitchError, TrainingDataError } from '../codeswitch/index.js';
import { EvalError, TrecFormatError } from '../eval/index.js';
import { HubError } from '../hub/index.js';
import { ExperimentError } from '../experiment/index.js';
import { IndexCorruptError, IndexInputError, IndexNotFoundError } from '../index/index.js';
import { LexiconError } from '../lexicon/index.js';
import { RerankModelError, RerankRequestError, RoutingError } from '../rerank/index.js';
import { MissingLexiconError, QueryError } from '../search/index.js';
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
const USAGE_ERRORS = [
  UsageError,
  IndexInputError,
  QueryError,
  InvalidStoreUriError,
  InvalidLanguageTagError,
  TrecFormatError,
  EvalError,
  LexiconError,
  ExperimentError,
  CodeSwitchError,
  RerankRequestError,
];
// Storage failures (no such bucket, access denied, retries exhausted) are about the
// environment, not xlir: say what the store answered, without a stack trace.
const DATA_ERRORS = [
  IndexNotFoundError,
  IndexCorruptError,
  ObjectNotFoundError,
  StorageError,
  MissingLexiconError,
  DatasetFormatError,
  TrainingDataError,
  RerankModelError,
  RoutingError,
  HubError,
];

/** Errors from worker threads arrive as plain Errors that keep only their class name. */
function isOneOf(error: unknown, classes: ReadonlyArray<abstract new (...args: never[]) => Error>): boolean {
  return classes.some((c) => error instanceof c || (error instanceof Error && error.name === c.name));
}

export function exitCodeFor(error: unknown): number | undefined {
  if (isOneOf(error, USAGE_ERRORS)) return EXIT_USAGE;
  if (isOneOf(error, DATA_ERRORS)) return EXIT_DATA;
  return undefined;
}
