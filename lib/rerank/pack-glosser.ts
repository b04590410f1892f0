/**
 * A TextGlosser over the lexicon pack at a path or URI (what a server's XLIR_LEXICONS or the CLI's
 * --lexicons names), opened on the first gloss and kept; a failed open is forgotten, so a pack
 * written later is picked up. A folder of TSV files is no pack: glossing from it fails as the
 * models' state (RerankModelError; a server answers 503 naming no path), since the routing asked
 * for what the deployment lacks.
 */
import { Glosser } from '../codeswitch/index.js';
import { openLexiconPackAt } from '../search/node.js';
import { RerankModelError } from './errors.js';
import type { TextGlosser } from './glossing.js';

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
