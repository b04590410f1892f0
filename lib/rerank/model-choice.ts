/**
 * Which variant scores which document language in one request.
 *
 * One document language: the routed variant. Several (a mixed candidate list), by strategy:
 *   'multilingual'  (default) every candidate goes to the multilingual variant, so all scores
 *                   come from one model and are comparable as they are;
 *   'per-language'  each language group goes to its own routed variant, and scores are made
 *                   comparable by each variant's calibration, sigmoid(a·logit + b); a variant
 *                   without one is an error rather than a silent mix of incomparable logits.
 *                   routing.json's mixed_lists may replace a routed model inside such a list
 *                   (a first-stage model that asks for λ 1 by its text twin: routing.ts).
 * Which is better is for measurement to decide: DEFAULT_MIXED_LANGUAGE_STRATEGY in constants.ts.
 *
 * A pair routed to "none" (NO_RERANK) keeps the first stage's order. Only a whole list can: in a
 * mixed list, unscored candidates could not be ranked against scored ones, so a group routed to
 * none is treated like an uncalibrated one (the multilingual variant by default, an error when
 * per-language was asked for).
 */
import { DEFAULT_LAMBDA, NO_RERANK } from './constants.js';
import { RerankModelError } from './errors.js';
import type { RegisteredModel } from './registry.js';
import type { RouteKind, RouteResolution } from './routing.js';

export type MixedLanguageStrategy = 'multilingual' | 'per-language';
export const MIXED_LANGUAGE_STRATEGIES: readonly MixedLanguageStrategy[] = ['multilingual', 'per-language'];

export type ChoiceRule = RouteKind | 'explicit' | 'mixed-languages';

export interface ModelChoice {
  docLang: string;
  model: string;
  rule: ChoiceRule;
  reason: string;
  /**
   * The fusion weight this model asks for (its manifest's fusion.lambda, else DEFAULT_LAMBDA);
   * a request's own λ overrides it. Absent where the pair keeps its first-stage order.
   */
  lambda?: number;
}

/** What model choice needs from the registry. */
export interface ModelDirectory {
  model(id: string): RegisteredModel;
  resolve(queryLang: string, docLang: string): RouteResolution;
  readonly table: { multilingual: string; mixedLists: Readonly<Record<string, string>> };
}

/** `docLangs`: the distinct routing languages of the candidates, in first-seen order. */
export function chooseModels(
  directory: ModelDirectory,
  queryLang: string,
  docLangs: readonly string[],
  requested: string,
  strategy: MixedLanguageStrategy,
  fallBackToMultilingual = false,
): ModelChoice[] {
  if (requested !== 'auto') {
    directory.model(requested);
    return docLangs.map((docLang) => ({
      docLang,
      model: requested,
      rule: 'explicit',
      reason: `model ${requested} was requested`,
    }));
  }
  if (docLangs.length > 1 && strategy === 'multilingual') {
    const model = directory.table.multilingual;
    const reason = `documents in ${docLangs.join(', ')}: one multilingual variant keeps their scores comparable`;
    return docLangs.map((docLang) => ({ docLang, model, rule: 'mixed-languages', reason }));
  }
  const routed = docLangs.map((docLang) => ({ docLang, ...directory.resolve(queryLang, docLang) }));
  const choices =
    docLangs.length > 1 ? routed.map((c) => inMixedList(c, directory.table.mixedLists)) : routed;
  const models = [...new Set(choices.map((c) => c.model))];
  if (models.length > 1 && models.includes(NO_RERANK)) {
    const kept = choices.filter((c) => c.model === NO_RERANK).map((c) => c.docLang);
    if (!fallBackToMultilingual) {
      throw new RerankModelError(
        `per-language reranking routes ${kept.join(', ')} to no reranker ("${NO_RERANK}"), and unscored candidates cannot be ranked against the scored ones of ${docLangs.filter((l) => !kept.includes(l)).join(', ')}`,
      );
    }
    const model = directory.table.multilingual;
    const reason = `documents in ${docLangs.join(', ')}: ${kept.join(', ')} route to no reranker, so one multilingual variant scores the whole list`;
    return docLangs.map((docLang) => ({ docLang, model, rule: 'mixed-languages', reason }));
  }
  if (models.length > 1) {
    const uncalibrated = models.filter((id) => directory.model(id).manifest.calibration === undefined);
    if (uncalibrated.length > 0) {
      // Asked for explicitly, per-language scoring without calibration is an error. As the
      // default it gives way to the multilingual variant, and the choices say why.
      if (!fallBackToMultilingual) {
        throw new RerankModelError(
          `per-language reranking mixes ${models.join(', ')}, but ${uncalibrated.join(', ')} has no calibration in xlir-model.json to make its scores comparable`,
        );
      }
      const model = directory.table.multilingual;
      const reason = `documents in ${docLangs.join(', ')}: ${uncalibrated.join(', ')} has no calibration, so one multilingual variant keeps their scores comparable`;
      return docLangs.map((docLang) => ({ docLang, model, rule: 'mixed-languages', reason }));
    }
  }
  return choices;
}

function inMixedList(choice: ModelChoice, mixedLists: Readonly<Record<string, string>>): ModelChoice {
  const by = Object.hasOwn(mixedLists, choice.model) ? mixedLists[choice.model] : undefined;
  if (by === undefined) return choice;
  return {
    ...choice,
    model: by,
    reason: `${choice.reason} goes to ${choice.model}, which routing.json's mixed_lists replaces by ${by} in a list mixing document languages`,
  };
}

/** Each choice that scores, with its model's own fusion weight (see ModelChoice.lambda). */
export function withFusionWeights(
  choices: readonly ModelChoice[],
  directory: Pick<ModelDirectory, 'model'>,
): ModelChoice[] {
  return choices.map((choice) =>
    choice.model === NO_RERANK
      ? choice
      : { ...choice, lambda: directory.model(choice.model).manifest.fusionLambda ?? DEFAULT_LAMBDA },
  );
}

/**
 * The one λ a list is fused with: the request's when it gives one; else the λ the models that
 * scored it ask for when they agree (`models`: the scoring model per candidate, undefined for one
 * left unscored); else DEFAULT_LAMBDA. One weight per list, because scores fused at different
 * weights are not on one scale: measured on XQuAD-R MLIR, groups at λ 1 beside groups at 0.3
 * lost 0.12 MAP against fusing the whole list at 0.3 (models/README.md).
 */
export function fusionLambda(
  choices: readonly ModelChoice[],
  models: ReadonlyArray<string | undefined>,
  requested: number | undefined,
): number {
  if (requested !== undefined) return requested;
  const byModel = new Map(choices.map((c) => [c.model, c.lambda ?? DEFAULT_LAMBDA]));
  const asked = new Set(models.flatMap((m) => (m === undefined ? [] : [byModel.get(m) ?? DEFAULT_LAMBDA])));
  return asked.size === 1 ? [...asked][0]! : DEFAULT_LAMBDA;
}

/** Whether every choice routes to "none": the whole list keeps its first-stage order. */
export function keepsFirstStage(choices: ReadonlyArray<{ model: string }>): boolean {
  return choices.length > 0 && choices.every((c) => c.model === NO_RERANK);
}
