/** Schemas shared by the routes: errors, billing, language tags. */
import { z } from '@hono/zod-openapi';
import { canonicalLanguage } from '../../text/index.js';

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A well-formed BCP-47 tag whose language CLDR knows ("en", "pt-BR"; not "xx" or "klingon"). */
export function isKnownLanguage(tag: string): boolean {
  try {
    return LANGUAGE_NAMES.of(canonicalLanguage(tag)) !== undefined;
  } catch {
    return false;
  }
}

export const LanguageTag = z
  .string()
  .min(1)
  .max(35)
  .refine(isKnownLanguage, { message: 'not a known BCP-47 language tag (e.g. "en", "de", "zh-Hant")' })
  .openapi({ example: 'de', description: 'BCP-47 language tag' });

export const ErrorSchema = z
  .object({
    error: z.object({
      type: z.string().openapi({ example: 'validation_error' }),
      message: z.string().openapi({ example: 'top_k: Too big: expected number to be <=1000' }),
    }),
  })
  .openapi('Error');

export const BilledUnits = z
  .object({ search_units: z.number().int().nonnegative() })
  .openapi('BilledUnits', { description: 'One search unit is one query with up to 100 documents.' });

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

/** The error responses every authenticated route can give. */
export const COMMON_ERRORS = {
  401: errorResponse('No API key, or an unknown one'),
  403: errorResponse('The API key is revoked'),
  429: errorResponse('Rate limit or monthly quota exceeded; see Retry-After'),
  500: errorResponse('Internal error'),
  503: errorResponse('An index, one of its shards, or a model is unavailable'),
} as const;

/** ...and those of routes that take a JSON body. */
export const BODY_ERRORS = {
  400: errorResponse('Malformed JSON, or a request the engine refuses (message says why)'),
  404: errorResponse('Unknown index or model'),
  413: errorResponse('Body larger than the limit'),
  415: errorResponse('Content-Type is not application/json'),
  422: errorResponse('Body does not match the schema (wrong types, unknown fields, limits)'),
} as const;

/** ...and those of routes that run under a request deadline. */
export const DEADLINE_ERRORS = {
  504: errorResponse('The request deadline passed before any results were ready (deadline_exceeded)'),
} as const;

export const SECURITY = [{ bearerAuth: [] }];
