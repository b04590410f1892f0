/**
 * Writes a set of lexicons as a pack through lib/storage, so a folder and a bucket take the same
 * code. Like an index publish: every direction object first, under a key derived from its
 * content (never overwritten with other bytes), then `lexicons.json` last. A reader that finds
 * the manifest finds every object it names; a writer that dies midway leaves no manifest (or the
 * previous pack's, whose objects are all still there).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sha256Hex, type ObjectStore } from '../../storage/index.js';
import type { Lexicon } from '../lexicon.js';
import { toTsv } from '../tsv.js';
import {
  PACK_DIRECTION_SUFFIX,
  PACK_DIRECTIONS_PREFIX,
  PACK_GZIP_LEVEL,
  PACK_KEY_HASH_CHARS,
  PACK_LANGUAGE_RE,
  PACK_MANIFEST_KEY,
  PACK_WRITE_CONCURRENCY,
} from './constants.js';
import { LexiconPackError } from './errors.js';
import {
  buildManifest,
  directionName,
  encodeManifest,
  type LexiconPackDirection,
  type LexiconPackManifest,
  type LexiconPackSource,
} from './manifest.js';

const gzipAsync = promisify(gzip);

/** One direction to write: its (already merged) lexicon and what it was built from. */
export interface LexiconPackInput {
  lexicon: Lexicon;
  sources?: ReadonlyArray<LexiconPackSource>;
  /** The direction is not to be inverted (its sources translate only their own way). */
  oneWay?: boolean;
}

export interface WriteLexiconPackOptions {
  /** Called after each direction object is stored, and once more after the manifest. */
  onProgress?: (done: number, total: number) => void;
}

/** The object key of a direction with these bytes: same content, same key. */
export function directionKey(src: string, tgt: string, sha256: string): string {
  return `${PACK_DIRECTIONS_PREFIX}${directionName(src, tgt)}.${sha256.slice(0, PACK_KEY_HASH_CHARS)}${PACK_DIRECTION_SUFFIX}`;
}

function checkInputs(directions: ReadonlyArray<LexiconPackInput>): void {
  if (directions.length === 0) throw new LexiconPackError('nothing to write: give at least one lexicon');
  const seen = new Set<string>();
  for (const { lexicon, sources } of directions) {
    const name = directionName(lexicon.srcLang, lexicon.tgtLang);
    if (!PACK_LANGUAGE_RE.test(lexicon.srcLang) || !PACK_LANGUAGE_RE.test(lexicon.tgtLang)) {
      throw new LexiconPackError(`direction ${name}: language tags must be bare language subtags`);
    }
    if (seen.has(name)) {
      throw new LexiconPackError(`direction ${name} is given twice: merge its lexicons into one first`);
    }
    seen.add(name);
    if (lexicon.size === 0) throw new LexiconPackError(`direction ${name}: the lexicon is empty`);
    for (const source of sources ?? []) {
      if (source.id === '' || !Number.isFinite(source.weight) || source.weight <= 0) {
        throw new LexiconPackError(
          `direction ${name}: a source needs an id and a weight > 0, got ${JSON.stringify(source)}`,
        );
      }
    }
  }
}

/** Serialises, compresses and stores one direction; returns its manifest entry. */
async function writeDirection(store: ObjectStore, input: LexiconPackInput): Promise<LexiconPackDirection> {
  const { lexicon } = input;
  // The compact TSV holds the raw scores in shortest round-trip form: probabilities read back
  // bit-identical. mtime in the gzip header is 0, so the same lexicon always gives the same bytes.
  const body = new Uint8Array(await gzipAsync(toTsv(lexicon), { level: PACK_GZIP_LEVEL }));
  const sha256 = await sha256Hex(body);
  const key = directionKey(lexicon.srcLang, lexicon.tgtLang, sha256);
  await store.put(key, body);
  return {
    src: lexicon.srcLang,
    tgt: lexicon.tgtLang,
    key,
    bytes: body.length,
    sha256,
    entries: lexicon.size,
    pairs: lexicon.pairs,
    sources: (input.sources ?? [{ id: lexicon.id, weight: 1 }]).map(({ id, weight }) => ({ id, weight })),
    // Written only when set, so packs without one-way directions keep their bytes and checksum.
    ...(input.oneWay === true ? { oneWay: true as const } : {}),
  };
}

/**
 * Writes `directions` (one lexicon per 'src-tgt') as a pack at the store's root and returns its
 * manifest. A direction without `sources` records the lexicon's own id with weight 1.
 */
export async function writeLexiconPack(
  store: ObjectStore,
  directions: ReadonlyArray<LexiconPackInput>,
  options: WriteLexiconPackOptions = {},
): Promise<LexiconPackManifest> {
  checkInputs(directions);
  const total = directions.length + 1;
  const written: LexiconPackDirection[] = new Array<LexiconPackDirection>(directions.length);
  let next = 0;
  let done = 0;
  // A few uploads in flight at once; each worker takes the next direction until none is left.
  const worker = async (): Promise<void> => {
    while (next < directions.length) {
      const index = next++;
      try {
        written[index] = await writeDirection(store, directions[index]!);
      } catch (error) {
        next = directions.length; // the others stop too: without a manifest their objects are unused
        throw error;
      }
      options.onProgress?.(++done, total);
    }
  };
  // Settle every worker before reporting a failure: once this returns or throws, no write of the
  // pack is still in flight (a caller may retry, or remove the folder, at once).
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(PACK_WRITE_CONCURRENCY, directions.length) }, worker),
  );
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  // Only now, with every object it names stored, does the pack become visible.
  const manifest = await buildManifest(written);
  await store.put(PACK_MANIFEST_KEY, encodeManifest(manifest));
  options.onProgress?.(total, total);
  return manifest;
}
