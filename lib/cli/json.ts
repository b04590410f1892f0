/**
 * JSON the CLI prints uses the HTTP API's snake_case keys (`doc_id`, `bm25_score`, `query_lang`),
 * so a script can move between `xlir search` and `POST /v1/search` without renaming fields.
 * Internal objects are camelCase (TypeScript's convention); this is the one place that converts.
 */

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A deep copy with every object key in snake_case; arrays and values as they are. */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return snakeCaseKeys(Object.fromEntries(value));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), snakeCaseKeys(v)]));
}

/** `JSON.stringify` of the snake_case copy. */
export function cliJson(value: unknown, indent?: number): string {
  return JSON.stringify(snakeCaseKeys(value), null, indent);
}
