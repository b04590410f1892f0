/**
 * The server's lexicons (XLIR_LEXICONS): a pack or a folder at a path or URI, opened on the first
 * cross-lingual query and kept, a failed open forgotten (lexicon-source.ts, which the edge
 * Worker shares).
 */
import { Glosser } from '../codeswitch/index.js';
import { RerankModelError, type TextGlosser } from '../rerank/index.js';
import { type TranslatorSource } from '../search/index.js';
import { openLexiconPackAt, openLexicons } from '../search/node.js';
import type { HealthBoard } from './health.js';
import { keptLexicons, type LexiconSource } from './lexicon-source.js';

export type { LexiconSource } from './lexicon-source.js';

export function lexiconSource(
  location: string | undefined,
  health?: HealthBoard,
  open: (location: string) => Promise<TranslatorSource> = openLexicons,
): LexiconSource {
  if (location === undefined) return () => Promise.resolve(undefined);
  return keptLexicons(() => open(location), health);
}

/**
 * Glosses for models that read English glosses (lib/rerank's TextGlosser), through the lexicon
 * pack at `location`, opened on the first gloss and kept; a failed open is forgotten like the
 * translator's. A folder of TSV files is no pack: glossing from it fails as the models' state
 * (RerankModelError, a 503 naming no path), since the routing asked for what the server lacks.
 */
export function packGlosser(location: string): TextGlosser {
  let opening: Promise<Glosser> | undefined;
  const open = (): Promise<Glosser> => {
    if (!opening) {
      const attempt = openLexiconPackAt(location).then(
        (pack) => new Glosser(pack),
        (error: unknown) => {
          if (opening === attempt) opening = undefined;
          throw new RerankModelError(
            `models that read English glosses need a lexicon pack (XLIR_LEXICONS): ${(error as Error).message}`,
          );
        },
      );
      opening = attempt;
    }
    return opening;
  };
  return { gloss: async (text, lang) => (await open()).gloss(text, lang) };
}
