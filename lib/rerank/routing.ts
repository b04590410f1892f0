/**
 * routing.json: which model variant reranks which (query language, document language) pair.
 *
 * {
 *   "version": 1,
 *   "models": {"bl-cs-en-de": "bl-cs-en-de", "ml": "s3://bucket/models/ml"},   // id -> dir (relative to routing.json) or URI
 *   "routes": [{"query_lang": "en", "doc_lang": "de", "model": "bl-cs-en-de"},
 *              {"query_lang": "*", "doc_lang": "ar", "model": "…"}],          // "*" on at most one side
 *   "monolingual": "mono",     // optional: query and documents in the same language
 *   "multilingual": "ml",      // used for pairs within its xlir-model.json languages
 *   "zero_shot": "zs",         // everything else (or "none")
 *   "mixed_lists": {"fs": "text"},   // optional: in a list mixing document languages, "text" scores fs's pairs
 *   "aliases": {"rerank-v3.5": "ml", "rerank-english-v3.0": "auto"}   // optional, see below
 * }
 *
 * Resolution, first match wins: exact route; the monolingual variant when both languages are
 * equal; a route with a wildcard side (in file order); the multilingual variant when it was
 * trained on both languages (or declares none); the zero-shot variant. Languages are compared
 * as canonical primary subtags (zh-Hant and zh both route as zh).
 *
 * "none" (NO_RERANK) is a reserved target, not a model: a route, `monolingual` or `zero_shot`
 * naming it keeps the first stage's order for those pairs, for languages where no variant
 * measured better than the first stage. `multilingual` must be a model, since a list mixing
 * languages is scored by it whatever they are (model-choice.ts).
 *
 * A list whose candidates span several document languages is scored group by group and fused at
 * one λ (model-choice.ts). A model that reads the first-stage score and asks for λ 1 is at its best
 * alone and weaker fused at the default beside models that ask for less, so `mixed_lists` may name,
 * for such a model, the one that scores its pairs inside mixed lists (measured on XQuAD-R MLIR:
 * models/README.md). The replacement must be a model and not itself replaced: one step, no chains.
 *
 * Aliases let clients written for other rerank APIs keep the model names they send (Cohere's
 * "rerank-v3.5", Jina's "jina-reranker-v2-base-multilingual"): each maps to a model id of
 * `models` or to "auto" (route by language). An alias may not shadow a model id or "auto",
 * so a name always means one thing. Names are matched exactly, as Cohere's API matches them.
 */
import { canonicalLanguage } from '../text/index.js';
import { ANY_LANGUAGE, AUTO_MODEL, NO_RERANK, ROUTING_VERSION } from './constants.js';
import { RoutingError } from './errors.js';

export interface RouteRule {
  queryLang: string;
  docLang: string;
  model: string;
}

export interface RoutingTable {
  version: number;
  /** id -> model directory, as written (relative or absolute). */
  models: Record<string, string>;
  routes: RouteRule[];
  monolingual?: string;
  multilingual: string;
  zeroShot: string;
  /** Other APIs' model names -> a model id or "auto"; empty when routing.json has none. */
  aliases: Record<string, string>;
  /** Model id -> the model id that scores its pairs in a list mixing document languages; may be empty. */
  mixedLists: Record<string, string>;
}

export type RouteKind = 'exact' | 'monolingual' | 'wildcard' | 'multilingual' | 'zero-shot';

export interface RouteResolution {
  model: string;
  rule: RouteKind;
  reason: string;
}

/** The languages a model was trained on; undefined when it declares none. */
export type LanguagesOf = (modelId: string) => readonly string[] | undefined;

const TOP_KEYS = new Set([
  'version',
  'models',
  'routes',
  'monolingual',
  'multilingual',
  'zero_shot',
  'aliases',
  'mixed_lists',
]);
/** Letters, digits and the punctuation of vendors' model names ("rerank-v3.5", "BAAI/bge-reranker-v2-m3"). */
const ALIAS_RE = /^[A-Za-z0-9][\w.:/@+-]{0,127}$/;
const ROUTE_KEYS = new Set(['query_lang', 'doc_lang', 'model']);

/** Tags routed as their canonical primary subtag; a tag that is not BCP-47 stays as written. */
export function routingLanguage(tag: string): string {
  if (tag === ANY_LANGUAGE) return tag;
  try {
    return canonicalLanguage(tag);
  } catch {
    return tag.toLowerCase();
  }
}

export function parseRoutingTable(text: string, where: string): RoutingTable {
  const fail = (why: string): never => {
    throw new RoutingError(`${where}: ${why}`);
  };
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object');
  const extra = Object.keys(json).filter((k) => !TOP_KEYS.has(k));
  if (extra.length > 0) fail(`unknown key(s) ${extra.join(', ')}; allowed: ${[...TOP_KEYS].join(', ')}`);
  if (json.version !== ROUTING_VERSION)
    fail(`version must be ${ROUTING_VERSION}, got ${JSON.stringify(json.version)}`);

  const models = json.models;
  if (
    typeof models !== 'object' ||
    models === null ||
    Array.isArray(models) ||
    Object.keys(models).length === 0
  )
    fail('models must be a non-empty object of id -> model directory');
  for (const [id, dir] of Object.entries(models as object)) {
    if (!/^[A-Za-z0-9][\w.-]*$/.test(id))
      fail(`model id ${JSON.stringify(id)} must be letters, digits, _ . -`);
    if (id === NO_RERANK || id === AUTO_MODEL)
      fail(
        `model id "${id}" is reserved: "${NO_RERANK}" keeps the first-stage order, "${AUTO_MODEL}" routes`,
      );
    if (typeof dir !== 'string' || dir.trim() === '') fail(`models.${id} must be a directory path or URI`);
  }
  const table = models as Record<string, string>;
  const modelRef = (value: unknown, what: string, mayKeepFirstStage = false): string => {
    if (mayKeepFirstStage && value === NO_RERANK) return NO_RERANK;
    // Own keys only: "constructor" or "toString" is not a model because every object has one.
    if (typeof value !== 'string' || !Object.hasOwn(table, value))
      fail(
        `${what} names ${JSON.stringify(value)}, which is not in models (${Object.keys(table).join(', ')})${
          mayKeepFirstStage ? ` nor "${NO_RERANK}"` : ''
        }`,
      );
    return value as string;
  };

  if (json.routes !== undefined && !Array.isArray(json.routes)) fail('routes must be an array');
  const seen = new Set<string>();
  const routes = ((json.routes as unknown[] | undefined) ?? []).map((entry, i): RouteRule => {
    const what = `routes[${i}]`;
    if (typeof entry !== 'object' || entry === null) fail(`${what} must be an object`);
    const route = entry as Record<string, unknown>;
    const extraKeys = Object.keys(route).filter((k) => !ROUTE_KEYS.has(k));
    if (extraKeys.length > 0) fail(`${what}: unknown key(s) ${extraKeys.join(', ')}`);
    const lang = (key: 'query_lang' | 'doc_lang'): string => {
      const value = route[key];
      if (typeof value !== 'string' || value === '') fail(`${what}.${key} must be a language tag or "*"`);
      if (value === ANY_LANGUAGE) return value as string;
      try {
        return canonicalLanguage(value as string);
      } catch (error) {
        return fail(`${what}.${key}: ${(error as Error).message}`);
      }
    };
    const rule = {
      queryLang: lang('query_lang'),
      docLang: lang('doc_lang'),
      model: modelRef(route.model, `${what}.model`, true),
    };
    if (rule.queryLang === ANY_LANGUAGE && rule.docLang === ANY_LANGUAGE)
      fail(`${what}: "*" on both sides is what "multilingual" and "zero_shot" are for`);
    const key = `${rule.queryLang}→${rule.docLang}`;
    if (seen.has(key)) fail(`${what}: a second route for ${key}`);
    seen.add(key);
    return rule;
  });

  const result: RoutingTable = {
    version: ROUTING_VERSION,
    models: table,
    routes,
    multilingual: modelRef(json.multilingual, 'multilingual'),
    zeroShot: modelRef(json.zero_shot, 'zero_shot', true),
    aliases: parseAliases(json.aliases, table, fail),
    mixedLists: parseMixedLists(json.mixed_lists, table, fail),
  };
  if (json.monolingual !== undefined) result.monolingual = modelRef(json.monolingual, 'monolingual', true);
  return result;
}

function parseAliases(
  value: unknown,
  models: Record<string, string>,
  fail: (why: string) => never,
): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('aliases must be an object of name -> model id or "auto"');
  // No prototype: a client's "__proto__" or "toString" must not find anything here.
  const aliases = Object.create(null) as Record<string, string>;
  for (const [name, target] of Object.entries(value as object)) {
    const what = `aliases.${name}`;
    if (!ALIAS_RE.test(name))
      fail(`alias ${JSON.stringify(name)} must be 1-128 letters, digits and . _ - : / @ +`);
    if (name === AUTO_MODEL || Object.hasOwn(models, name))
      fail(`${what} would shadow the model ${JSON.stringify(name)}; an alias must be a new name`);
    if (typeof target !== 'string' || (target !== AUTO_MODEL && !Object.hasOwn(models, target)))
      fail(
        `${what} names ${JSON.stringify(target)}, which is neither "${AUTO_MODEL}" nor in models (${Object.keys(models).join(', ')})`,
      );
    aliases[name] = target as string;
  }
  return aliases;
}

function parseMixedLists(
  value: unknown,
  models: Record<string, string>,
  fail: (why: string) => never,
): Record<string, string> {
  const replaced = Object.create(null) as Record<string, string>;
  if (value === undefined) return replaced;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('mixed_lists must be an object of model id -> model id');
  for (const [id, by] of Object.entries(value as object)) {
    const what = `mixed_lists.${id}`;
    if (!Object.hasOwn(models, id)) fail(`${what}: ${JSON.stringify(id)} is not in models`);
    if (typeof by !== 'string' || !Object.hasOwn(models, by))
      fail(`${what} names ${JSON.stringify(by)}, which is not in models (${Object.keys(models).join(', ')})`);
    if (by === id) fail(`${what} names the model itself`);
    if (Object.hasOwn(value as object, by as string))
      fail(`${what} names ${by}, which mixed_lists replaces in turn; name the model that scores`);
    replaced[id] = by as string;
  }
  return replaced;
}

/**
 * What a requested model name means: "auto", a model id, or the target of an alias; undefined
 * when it is none of them. Absent means "auto".
 */
export function resolveModelName(table: RoutingTable, name: string | undefined): string | undefined {
  if (name === undefined || name === AUTO_MODEL) return AUTO_MODEL;
  if (Object.hasOwn(table.models, name)) return name;
  return Object.hasOwn(table.aliases, name) ? table.aliases[name] : undefined;
}

function covers(languages: readonly string[] | undefined, ...langs: string[]): boolean {
  return languages === undefined || langs.every((l) => languages.includes(l));
}

/** Which variant reranks documents in `docLang` for a query in `queryLang`, and why. */
export function resolveRoute(
  table: RoutingTable,
  queryLang: string,
  docLang: string,
  languagesOf: LanguagesOf,
): RouteResolution {
  const q = routingLanguage(queryLang);
  const d = routingLanguage(docLang);
  const exact = table.routes.find((r) => r.queryLang === q && r.docLang === d);
  if (exact) return { model: exact.model, rule: 'exact', reason: `route ${q}→${d}` };
  if (q === d && table.monolingual && covers(languagesOf(table.monolingual), q)) {
    return { model: table.monolingual, rule: 'monolingual', reason: `query and documents are both ${q}` };
  }
  const wildcard = table.routes.find(
    (r) =>
      (r.queryLang === ANY_LANGUAGE && r.docLang === d) || (r.queryLang === q && r.docLang === ANY_LANGUAGE),
  );
  if (wildcard) {
    return {
      model: wildcard.model,
      rule: 'wildcard',
      reason: `route ${wildcard.queryLang}→${wildcard.docLang}`,
    };
  }
  const trained = languagesOf(table.multilingual);
  if (covers(trained, q, d)) {
    const why = trained ? `trained on ${q === d ? q : `${q} and ${d}`}` : 'declares no language limit';
    return {
      model: table.multilingual,
      rule: 'multilingual',
      reason: `no route for ${q}→${d}; the multilingual variant ${why}`,
    };
  }
  const missing = [...new Set([q, d])].filter((l) => !trained!.includes(l));
  return {
    model: table.zeroShot,
    rule: 'zero-shot',
    reason: `no route for ${q}→${d}, and the multilingual variant was not trained on ${missing.join(', ')}`,
  };
}

/** What a routing table uses a model for, in words ("route en→de", "monolingual", …). */
export function modelRoles(table: RoutingTable, id: string): string[] {
  const roles = table.routes.filter((r) => r.model === id).map((r) => `route ${r.queryLang}→${r.docLang}`);
  if (table.monolingual === id) roles.push('monolingual');
  if (table.multilingual === id) roles.push('multilingual');
  if (table.zeroShot === id) roles.push('zero-shot');
  for (const [replaced, by] of Object.entries(table.mixedLists))
    if (by === id) roles.push(`${replaced}'s pairs in mixed lists`);
  return roles;
}
