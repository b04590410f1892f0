/**
 * Events of the index-build functions. Step Functions passes `null` for an
 * optional field the execution input left out (JSONPath cannot omit a key),
 * so null and absent mean the same.
 */
import { z } from 'zod';

/** The event is not what the function takes; the message names the field. Not worth a retry. */
export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const workerEventSchema = z.object({
  /** One JSONL(.gz) object: `s3://bucket/key` or a file URI/path. */
  input: z.string().min(1),
  /** Index root: `s3://bucket/prefix` or a file URI/path. */
  index: z.string().min(1),
  /** Shared by every part of the build (the state machine passes its execution name). */
  buildId: z.string().min(1),
  /** This part's position in the input: shard `shard` of the index. */
  shard: z.number().int().min(0),
  lang: optional(z.string().min(1)),
  skipDuplicates: optional(z.boolean()),
});

const publishEventSchema = z.object({
  index: z.string().min(1),
  buildId: z.string().min(1),
  k1: optional(z.number()),
  b: optional(z.number()),
  /** The number of input parts, so a shard that was never built fails the publish. */
  expectedShards: optional(z.number().int().min(0)),
});

const gcEventSchema = z.object({
  index: z.string().min(1),
  /** Published builds kept besides the current one (lib/index's collectGarbage). */
  keep: z.number().int().min(0),
  /** Default: lib/index's DEFAULT_GC_GRACE_HOURS. */
  graceHours: optional(z.number().min(0)),
  /** Which build's publish this run follows, for the log; gc itself reads manifest.json. */
  buildId: optional(z.string().min(1)),
});

export type WorkerEvent = z.output<typeof workerEventSchema>;
export type GcEvent = z.output<typeof gcEventSchema>;

/** What a worker reports of its shard and the publish step of the whole build (the Map's output). */
export interface BuildCounts {
  buildId: string;
  docCount: number;
  totalTerms: number;
  languages: string[];
  duplicatesSkipped: number;
  detectedLanguageDocs: number;
}
export type PublishEvent = z.output<typeof publishEventSchema>;

function parse<T extends z.ZodType>(schema: T, event: unknown, what: string): z.output<T> {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`);
  throw new InvalidEventError(`invalid ${what} event: ${problems.join('; ')}`);
}

export const parseWorkerEvent = (event: unknown): WorkerEvent => parse(workerEventSchema, event, 'worker');
export const parsePublishEvent = (event: unknown): PublishEvent =>
  parse(publishEventSchema, event, 'publish');
export const parseGcEvent = (event: unknown): GcEvent => parse(gcEventSchema, event, 'gc');

/** `s3://bucket/dir/part.jsonl.gz` → store `s3://bucket/dir` and key `part.jsonl.gz`. */
export function splitObjectUri(uri: string): { storeUri: string; key: string } {
  const slash = uri.lastIndexOf('/');
  const key = uri.slice(slash + 1);
  const storeUri = uri.slice(0, slash);
  if (slash < 0 || key === '' || storeUri === '' || storeUri.endsWith(':/')) {
    throw new InvalidEventError(
      `input ${JSON.stringify(uri)} must name one object, e.g. s3://bucket/part.jsonl`,
    );
  }
  return { storeUri, key };
}
