/**
 * The pack manifest, `lexicons.json`: what a reader learns from its one GET at open time (every
 * direction, its object key, size and digest), and how the manifest checks itself. Parsing is
 * strict and in a fixed order (JSON, format, version, checksum, fields) so each failure has one
 * clear message and a manifest from a newer xlir is refused by its version, not misread.
 */
import { z } from 'zod';
import { assertValidKey, manifestChecksum, verifyManifestChecksum } from '../../storage/index.js';
import { canonicalLanguage } from '../../text/index.js';
import {
  PACK_DIRECTIONS_PREFIX,
  PACK_FORMAT,
  PACK_LANGUAGE_RE,
  PACK_MANIFEST_KEY,
  PACK_VERSION,
} from './constants.js';
import { LexiconPackError } from './errors.js';

/** A lexicon a direction was built from, and its weight in the merge (provenance only). */
export interface LexiconPackSource {
  id: string;
  weight: number;
}

/** One direction of a pack: where its object is and what its bytes must be. */
export interface LexiconPackDirection {
  /** Canonical language tags (lib/text's canonicalLanguage). */
  src: string;
  tgt: string;
  /** Object key relative to the pack root, `directions/<src>-<tgt>.<hash>.tsv.gz`. */
  key: string;
  /** Byte length of the object (the gzip), checked before anything else on load. */
  bytes: number;
  /** Lowercase hex sha256 of the object's bytes. */
  sha256: string;
  /** Source entries (words and phrases) and distinct (source, target) pairs of the lexicon. */
  entries: number;
  pairs: number;
  sources: LexiconPackSource[];
  /** Present (true) when the direction must not be inverted: its sources translate only this way. */
  oneWay?: true;
}

export interface LexiconPackManifest {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  /** Sorted by 'src-tgt'. */
  directions: LexiconPackDirection[];
  /** `sha256:` + hex sha256 of the canonical JSON of every other field (lib/storage's manifestChecksum). */
  checksum: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

const sourceSchema = z.object({
  id: z.string().min(1),
  weight: z.number().positive().finite(),
});

const directionSchema = z.object({
  src: z.string().regex(PACK_LANGUAGE_RE),
  tgt: z.string().regex(PACK_LANGUAGE_RE),
  key: z.string().startsWith(PACK_DIRECTIONS_PREFIX),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256_HEX),
  entries: z.number().int().nonnegative(),
  pairs: z.number().int().nonnegative(),
  sources: z.array(sourceSchema),
  oneWay: z.literal(true).optional(),
});

const manifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  directions: z.array(directionSchema),
  checksum: z.string(),
});

/** 'src-tgt': how directions are named in a pack, in LexiconCatalog and in file names. */
export function directionName(src: string, tgt: string): string {
  return `${src}-${tgt}`;
}

/** The manifest object for these directions, checksum included. */
export async function buildManifest(
  directions: readonly LexiconPackDirection[],
): Promise<LexiconPackManifest> {
  const sorted = [...directions].sort((a, b) =>
    directionName(a.src, a.tgt) < directionName(b.src, b.tgt) ? -1 : 1,
  );
  const body: Omit<LexiconPackManifest, 'checksum'> = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    directions: sorted,
  };
  return { ...body, checksum: await manifestChecksum(body) };
}

/** The manifest's bytes: indented JSON for people reading it, with a final newline. */
export function encodeManifest(manifest: LexiconPackManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

function describeValue(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** Whether a tag is already what lib/text makes of it ('iw' is not: it reads as 'he'). */
function isCanonical(tag: string): boolean {
  try {
    return canonicalLanguage(tag) === tag;
  } catch {
    return false;
  }
}

/** Parses and checks `lexicons.json`; any problem is a LexiconPackError saying which. */
export async function decodeManifest(bytes: Uint8Array): Promise<LexiconPackManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new LexiconPackError(`${PACK_MANIFEST_KEY} is not valid UTF-8 JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LexiconPackError(`${PACK_MANIFEST_KEY} is not a JSON object`);
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== PACK_FORMAT) {
    throw new LexiconPackError(
      `${PACK_MANIFEST_KEY} is not an xlir lexicon pack manifest (format ${describeValue(record.format)}, expected "${PACK_FORMAT}")`,
    );
  }
  if (record.version !== PACK_VERSION) {
    throw new LexiconPackError(
      `format version ${describeValue(record.version)} is not supported: this xlir reads version ${PACK_VERSION} (repack the lexicons with its xlir lexicon pack)`,
    );
  }
  const verdict = await verifyManifestChecksum(record);
  if (verdict === 'missing') {
    throw new LexiconPackError(
      `${PACK_MANIFEST_KEY} has no checksum, so nothing in it can be trusted: repack the lexicons`,
    );
  }
  if (verdict === 'mismatch') {
    throw new LexiconPackError(
      `${PACK_MANIFEST_KEY} fails its checksum: the manifest is corrupt or was edited after it was written`,
    );
  }
  const parsed = manifestSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new LexiconPackError(`${PACK_MANIFEST_KEY} is malformed${where}: ${issue?.message ?? 'invalid'}`);
  }
  const manifest = parsed.data;
  const seen = new Set<string>();
  for (const direction of manifest.directions) {
    const name = directionName(direction.src, direction.tgt);
    if (!isCanonical(direction.src) || !isCanonical(direction.tgt)) {
      throw new LexiconPackError(`${PACK_MANIFEST_KEY}: direction ${name} has a non-canonical language tag`);
    }
    if (seen.has(name)) throw new LexiconPackError(`${PACK_MANIFEST_KEY} lists direction ${name} twice`);
    seen.add(name);
    try {
      assertValidKey(direction.key);
    } catch {
      throw new LexiconPackError(`${PACK_MANIFEST_KEY}: direction ${name} has an invalid object key`);
    }
  }
  return manifest;
}
