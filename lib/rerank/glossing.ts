/**
 * Inputs for models that read English glosses (xlir-model.json `"input": "english-gloss"`): the
 * query and each passage routed to such a model, glossed word by word through the lexicon pack
 * (lib/codeswitch/gloss.ts) before tokenising. Models that read text get nothing from here.
 */
import { NO_RERANK } from './constants.js';
import { RerankModelError } from './errors.js';
import type { ModelChoice, ModelDirectory } from './model-choice.js';
import type { RerankModel } from './model.js';
import type { RerankCandidate, RerankRequest } from './request.js';

/** What the reranker needs of lib/codeswitch's Glosser. */
export interface TextGlosser {
  gloss(text: string, lang: string): Promise<string>;
}

export interface Glossed {
  query: string;
  /** By candidate index; only candidates routed to a model that reads glosses. */
  passages: Map<number, string>;
}

/** The query and the passages of candidates whose model reads glosses, glossed; undefined when none does. */
export async function glossInputs(
  glosser: TextGlosser | undefined,
  request: RerankRequest,
  top: readonly RerankCandidate[],
  modelOf: (index: number) => string,
  models: ReadonlyMap<string, RerankModel>,
): Promise<Glossed | undefined> {
  const readsGlosses = (i: number) => models.get(modelOf(i))!.manifest.input === 'english-gloss';
  const readers = top.flatMap((_, i) => (readsGlosses(i) ? [i] : []));
  if (readers.length === 0) return undefined;
  if (glosser === undefined) {
    const ids = [...new Set(readers.map(modelOf))];
    throw new RerankModelError(
      `model ${ids.join(', ')} reads English glosses (xlir-model.json "input"), but this reranker has no lexicon pack to gloss with`,
    );
  }
  // One Promise.all, so a failed gloss of either side rejects once and nothing is left unhandled.
  const [query, ...glossed] = await Promise.all([
    glosser.gloss(request.query, request.queryLang),
    ...readers.map((i) => glosser.gloss(top[i]!.text, top[i]!.lang)),
  ]);
  return { query: query!, passages: new Map(readers.map((i, k) => [i, glossed[k]!])) };
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
