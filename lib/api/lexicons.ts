/**
 * The server's lexicons (XLIR_LEXICONS), opened on the first cross-lingual query and kept. An open
 * that fails is forgotten, as an index's is: the next query tries again (the pack may be written
 * by then, or the store reachable), instead of every cross-lingual query answering 503 until the
 * process restarts. Every open is reported to the health board.
 */
import { type TranslatorSource } from '../search/index.js';
import { openLexicons } from '../search/node.js';
import type { HealthBoard } from './health.js';

export type LexiconSource = () => Promise<TranslatorSource | undefined>;

export function lexiconSource(
  location: string | undefined,
  health?: HealthBoard,
  open: (location: string) => Promise<TranslatorSource> = openLexicons,
): LexiconSource {
  if (location === undefined) return () => Promise.resolve(undefined);
  let opening: Promise<TranslatorSource> | undefined;
  return () => {
    if (!opening) {
      const attempt = open(location);
      opening = attempt;
      attempt.then(
        () => health?.lexiconsAccessed(),
        (error: unknown) => {
          if (opening === attempt) opening = undefined;
          health?.lexiconsAccessed(error);
        },
      );
    }
    return opening;
  };
}
