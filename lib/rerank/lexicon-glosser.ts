/**
 * A TextGlosser over the lexicons at a path or URI (what a server's XLIR_LEXICONS or the CLI's
 * --lexicons names: a pack, or a folder of TSV files), opened on the first gloss and kept; a failed
 * open is forgotten, so lexicons written later are picked up. A failed open is the models' state
 * (RerankModelError; a server answers 503 naming no path): the routing asked for glosses the
 * deployment cannot make.
 */
import { Glosser } from '../codeswitch/index.js';
import { openLexicons } from '../search/node.js';
import { RerankModelError } from './errors.js';
import type { TextGlosser } from './glossing.js';

export function lexiconGlosser(location: string): TextGlosser {
  let opening: Promise<Glosser> | undefined;
  const open = (): Promise<Glosser> => {
    if (!opening) {
      const attempt = openLexicons(location).then(
        (catalog) => new Glosser(catalog),
        (error: unknown) => {
          if (opening === attempt) opening = undefined;
          throw new RerankModelError(
            `models that read English glosses need lexicons (XLIR_LEXICONS): ${(error as Error).message}`,
          );
        },
      );
      opening = attempt;
    }
    return opening;
  };
  return { gloss: async (text, lang) => (await open()).gloss(text, lang) };
}
