/**
 * Inputs for models that read English glosses (xlir-model.json `"input": "english-gloss"`): the
 * query and each passage routed to such a model, glossed word by word through the lexicon pack
 * (lib/codeswitch/gloss.ts) before tokenising. Models that read text get nothing from here.
 */
import type { GlossText } from '../codeswitch/index.js';
import { NO_RERANK } from './constants.js';
import { RerankModelError } from './errors.js';
import type { ModelChoice, ModelDirectory } from './model-choice.js';
import type { RerankCandidate, RerankRequest } from './request.js';

/** What the reranker needs of lib/codeswitch's Glosser. */
export interface TextGlosser {
  /** A query and each passage glossed for each other (lib/codeswitch's Glosser.glossPairs). */
  glossPairs(
    query: GlossText,
    passages: readonly GlossText[],
  ): Promise<Array<{ query: string; passage: string }>>;
}

export interface Glossed {
  /** By candidate index: the query as glossed against that candidate's passage. */
  queries: Map<number, string>;
  /** By candidate index; only candidates routed to a model that reads glosses. */
  passages: Map<number, string>;
}

/**
 * Each candidate whose model reads glosses (`readsGlosses`), glossed with the query for each other:
 * a word with several translations is written as the one the other side may stand for. Undefined
 * when no candidate's model reads glosses.
 */
export async function glossInputs(
  glosser: TextGlosser | undefined,
  request: RerankRequest,
  top: readonly RerankCandidate[],
  readsGlosses: (index: number) => boolean,
  modelOf: (index: number) => string,
): Promise<Glossed | undefined> {
  const readers = top.flatMap((_, i) => (readsGlosses(i) ? [i] : []));
  if (readers.length === 0) return undefined;
  if (glosser === undefined) {
    const ids = [...new Set(readers.map(modelOf))];
    throw new RerankModelError(
      `model ${ids.join(', ')} reads English glosses (xlir-model.json "input"), but this reranker has no lexicon pack to gloss with`,
    );
  }
  const query = { text: request.query, lang: request.queryLang };
  const pairs = await glosser.glossPairs(
    query,
    readers.map((i) => top[i]!),
  );
  return {
    queries: new Map(readers.map((i, k) => [i, pairs[k]!.query])),
    passages: new Map(readers.map((i, k) => [i, pairs[k]!.passage])),
  };
}

/**
 * Without a glosser, a routed pair whose model reads glosses goes to the multilingual variant
 * instead (when that one reads text), and its reason says so: a deployment without lexicons still
 * reranks, and the result shows what it got. A model asked for by name is kept, and fails when
 * scoring (glossInputs) as the request asked for what the server cannot do.
 */
export function routedAroundGlosses(
  choices: readonly ModelChoice[],
  directory: ModelDirectory,
): ModelChoice[] {
  const readsGlosses = (id: string) =>
    id !== NO_RERANK && directory.model(id).manifest.input === 'english-gloss';
  const fallback = directory.table.multilingual;
  if (readsGlosses(fallback)) return [...choices];
  return choices.map((choice) =>
    choice.rule === 'explicit' || !readsGlosses(choice.model)
      ? choice
      : {
          ...choice,
          model: fallback,
          rule: 'multilingual',
          reason: `${choice.reason} goes to ${choice.model}, which reads English glosses, and no lexicons were given: the multilingual variant instead`,
        },
  );
}
