/**
 * A TextGlosser over lexicons opened on the first gloss (a server's XLIR_LEXICONS catalog, shared
 * with PSQ; the CLI's --lexicons) and kept; a failed open is forgotten, so lexicons written later
 * are picked up. A failed open, or none to open, is the models' state (RerankModelError; a server
 * answers 503 naming no path): the routing asked for glosses the deployment cannot make.
 */
import { Glosser, type GlossLexicons } from '../codeswitch/index.js';
import { RerankModelError } from './errors.js';
import type { TextGlosser } from './glossing.js';

export function lexiconGlosser(open: () => Promise<GlossLexicons | undefined>): TextGlosser {
  let opening: Promise<Glosser> | undefined;
  const glosser = (): Promise<Glosser> => {
    if (!opening) {
      const attempt = open()
        .then((lexicons) => {
          if (lexicons === undefined) throw new Error('none are configured');
          return new Glosser(lexicons);
        })
        .catch((error: unknown) => {
          if (opening === attempt) opening = undefined;
          throw new RerankModelError(
            `models that read English glosses need lexicons (XLIR_LEXICONS): ${(error as Error).message}`,
          );
        });
      opening = attempt;
    }
    return opening;
  };
  return { glossPairs: async (query, passages) => (await glosser()).glossPairs(query, passages) };
}
