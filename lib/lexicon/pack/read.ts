/**
 * Opens a lexicon pack: one GET for `lexicons.json` at open time, one more per direction the first
 * time it is used. Every byte is checked before it is believed (length, then sha256, then the TSV
 * and the counts the manifest promised), so a corrupt or truncated object is an error naming the
 * direction, never a lexicon with wrong probabilities. A missing object is a LexiconPackError too;
 * other storage failures (throttling, network, access) stay lib/storage's errors: they are the
 * environment's, may pass (a failed load is not cached), and callers already map them (lib/api:
 * 503, with locations taken out of the message).
 */
import { ObjectNotFoundError, sha256Hex, type ObjectStore } from '../../storage/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { LexiconError } from '../errors.js';
import type { Lexicon } from '../lexicon.js';
import { fromTsv } from '../tsv.js';
import { PACK_MANIFEST_KEY, PACK_MAX_TSV_BYTES } from './constants.js';
import { LexiconPackError } from './errors.js';
import { gunzip } from './gunzip.js';
import {
  decodeManifest,
  directionName,
  type LexiconPackDirection,
  type LexiconPackManifest,
} from './manifest.js';

/** An opened pack: its manifest, and its directions loaded on demand. */
export interface LexiconPack {
  readonly manifest: LexiconPackManifest;
  /** 'src-tgt' names of the directions it holds, canonical tags, sorted. */
  readonly directions: string[];
  /** The direction's lexicon; fetched and checked on the first call, the same promise after. */
  load(src: string, tgt: string): Promise<Lexicon>;
  /** Whether src→tgt may be read backwards: false where the manifest marks it one-way. */
  invertible(src: string, tgt: string): boolean;
}

/** Whether the store holds a pack (its manifest), by a LIST rather than a GET. */
export async function isLexiconPack(store: ObjectStore): Promise<boolean> {
  return (await store.list(PACK_MANIFEST_KEY)).includes(PACK_MANIFEST_KEY);
}

/** Opens the pack at the store's root: one GET, for the manifest. */
export async function openLexiconPack(store: ObjectStore): Promise<LexiconPack> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(PACK_MANIFEST_KEY);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new LexiconPackError(
        `no ${PACK_MANIFEST_KEY}: this is not a lexicon pack, or one that was never finished`,
        { cause: error },
      );
    }
    throw error;
  }
  return new StoredLexiconPack(store, await decodeManifest(bytes));
}

class StoredLexiconPack implements LexiconPack {
  readonly directions: string[];
  private readonly byName: ReadonlyMap<string, LexiconPackDirection>;
  private readonly loaded = new Map<string, Promise<Lexicon>>();

  constructor(
    private readonly store: ObjectStore,
    readonly manifest: LexiconPackManifest,
  ) {
    this.byName = new Map(manifest.directions.map((d) => [directionName(d.src, d.tgt), d]));
    this.directions = [...this.byName.keys()].sort();
  }

  invertible(src: string, tgt: string): boolean {
    return this.byName.get(directionName(canonicalLanguage(src), canonicalLanguage(tgt)))?.oneWay !== true;
  }

  load(src: string, tgt: string): Promise<Lexicon> {
    const name = directionName(canonicalLanguage(src), canonicalLanguage(tgt));
    let lexicon = this.loaded.get(name);
    if (lexicon === undefined) {
      const direction = this.byName.get(name);
      if (direction === undefined) {
        const have = this.directions.length > 0 ? this.directions.join(', ') : 'none';
        return Promise.reject(new LexiconPackError(`no direction ${name} in this pack (it has ${have})`));
      }
      lexicon = this.fetch(name, direction);
      this.loaded.set(name, lexicon);
      // A failed read may be a passing storage fault: forget it so the next call tries again.
      lexicon.catch(() => {
        if (this.loaded.get(name) === lexicon) this.loaded.delete(name);
      });
    }
    return lexicon;
  }

  private async fetch(name: string, direction: LexiconPackDirection): Promise<Lexicon> {
    const where = `direction ${name} (${direction.key})`;
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(direction.key);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        throw new LexiconPackError(`${where} is missing from the store`, { cause: error });
      }
      throw error;
    }
    if (bytes.length !== direction.bytes) {
      throw new LexiconPackError(
        `${where} is ${bytes.length} bytes but the manifest says ${direction.bytes}: truncated or replaced`,
      );
    }
    if ((await sha256Hex(bytes)) !== direction.sha256) {
      throw new LexiconPackError(`${where} fails its sha256 check: the object is corrupt`);
    }
    const lexicon = parseDirection(where, direction, await decompress(where, bytes));
    if (lexicon.size !== direction.entries || lexicon.pairs !== direction.pairs) {
      throw new LexiconPackError(
        `${where} holds ${lexicon.size} entries and ${lexicon.pairs} pairs, the manifest says ${direction.entries} and ${direction.pairs}`,
      );
    }
    return lexicon;
  }
}

async function decompress(where: string, bytes: Uint8Array): Promise<string> {
  let tsv: Uint8Array;
  try {
    tsv = await gunzip(bytes, PACK_MAX_TSV_BYTES);
  } catch (error) {
    throw new LexiconPackError(`${where} cannot be decompressed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(tsv);
  } catch (error) {
    throw new LexiconPackError(`${where} is not UTF-8 text`, { cause: error });
  }
}

function parseDirection(where: string, direction: LexiconPackDirection, tsv: string): Lexicon {
  try {
    return fromTsv(tsv, { srcLang: direction.src, tgtLang: direction.tgt, id: direction.key });
  } catch (error) {
    if (error instanceof LexiconError) {
      throw new LexiconPackError(`${where} is not a valid lexicon: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
