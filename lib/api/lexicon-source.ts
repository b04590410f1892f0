/**
 * Lexicons opened on the first cross-lingual query and kept. An open that fails is forgotten, as
 * an index's is: the next query tries again (the pack may be written by then, or the store
 * reachable), instead of every cross-lingual query answering 503 until the process restarts.
 * Every open is reported to the health board. Runtime-neutral: the host says how to open them (a
 * path or URI in Node, lexicons.ts; a pack in the Worker's bucket at the edge).
 */
import type { TranslatorSource } from '../search/index.js';
import type { HealthBoard } from './health.js';

export type LexiconSource<T extends TranslatorSource = TranslatorSource> = () => Promise<T | undefined>;

export function keptLexicons<T extends TranslatorSource>(
  open: () => Promise<T>,
  health?: HealthBoard,
): LexiconSource<T> {
  let opening: Promise<T> | undefined;
  return () => {
    if (!opening) {
      const attempt = open();
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
