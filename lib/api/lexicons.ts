/**
 * The server's lexicons (XLIR_LEXICONS): a pack or a folder at a path or URI, opened on the first
 * cross-lingual query and kept, a failed open forgotten (lexicon-source.ts, which the edge
 * Worker shares). One catalog serves PSQ and the glosses of models that read them, so each
 * direction is loaded once.
 */
import type { LexiconCatalog } from '../search/index.js';
import { openLexicons } from '../search/node.js';
import type { HealthBoard } from './health.js';
import { keptLexicons, type LexiconSource } from './lexicon-source.js';

export type { LexiconSource } from './lexicon-source.js';

export function lexiconSource(
  location: string | undefined,
  health?: HealthBoard,
  open: (location: string) => Promise<LexiconCatalog> = openLexicons,
): LexiconSource<LexiconCatalog> {
  if (location === undefined) return () => Promise.resolve(undefined);
  return keptLexicons(() => open(location), health);
}
