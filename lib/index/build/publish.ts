/**
 * Turns the results of a build's shards into its manifest and publishes it:
 * the per-build copy first, then the root manifest.json, the one atomic switch,
 * then the head bundle (a copy for cold opens; see head-bundle.ts).
 */
import type { ObjectStore } from '../../storage/index.js';
import { HEAD_BUNDLE_KEY, MANIFEST_FORMAT, MANIFEST_KEY, MANIFEST_VERSION } from '../format/constants.js';
import { encodeHeadBundle } from '../format/head-bundle.js';
import { buildPrefix, sealManifest, type Bm25Params, type Manifest } from '../format/manifest.js';
import { HEAD_BUNDLE_MAX_BYTES } from './constants.js';
import type { ShardResult } from './shard-builder.js';

export interface ManifestInput {
  buildId: string;
  createdAt: Date;
  bm25: Bm25Params;
  /** In shard order: position i is shard i. */
  shards: ReadonlyArray<Pick<ShardResult, 'entry' | 'totalTerms' | 'langDocCounts'>>;
}

/**
 * Global statistics are sums over the shards, so any partition of one corpus gives one manifest;
 * the manifest is sealed with its checksum here, before anything can write it.
 */
export function manifestFromShards(input: ManifestInput): Promise<Manifest> {
  // A Map, not an object, sums the counts: a language is data, never a property of Object.prototype.
  const langDocCounts = new Map<string, number>();
  for (const shard of input.shards) {
    for (const [lang, n] of Object.entries(shard.langDocCounts))
      langDocCounts.set(lang, (langDocCounts.get(lang) ?? 0) + n);
  }
  return sealManifest({
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    buildId: input.buildId,
    createdAt: input.createdAt.toISOString(),
    bm25: input.bm25,
    docCount: input.shards.reduce((sum, s) => sum + s.entry.docCount, 0),
    totalTerms: input.shards.reduce((sum, s) => sum + s.totalTerms, 0),
    languages: [...langDocCounts.keys()],
    langDocCounts: Object.fromEntries(langDocCounts),
    shards: input.shards.map((s) => s.entry),
  });
}

/**
 * Call only once every object the manifest names is written. After the switch, the head bundle
 * is written from the shards' heads: a reader uses it only while it names the build
 * manifest.json names, so a publish that stops between the two PUTs leaves an index that opens
 * one round trip slower, never a wrong one. Heads larger in all than `headBundleMaxBytes` get a
 * bundle that names the build and holds no heads: readers then read the shards' heads without
 * fetching a previous build's bundle for nothing, and publish needs no delete permission.
 */
export async function publishManifest(
  store: ObjectStore,
  manifest: Manifest,
  headBundleMaxBytes: number = HEAD_BUNDLE_MAX_BYTES,
): Promise<void> {
  const manifestJson = JSON.stringify(manifest, null, 2);
  const bundled = manifest.shards.reduce((sum, s) => sum + s.headBytes, 0) <= headBundleMaxBytes;
  const heads = bundled
    ? await Promise.all(manifest.shards.map((s) => store.getRange(s.key, 0, s.headBytes)))
    : [];
  // The per-build copy keeps old versions addressable; the root manifest is the atomic switch.
  await store.put(`${buildPrefix(manifest.buildId)}${MANIFEST_KEY}`, manifestJson);
  await store.put(MANIFEST_KEY, manifestJson);
  await store.put(HEAD_BUNDLE_KEY, encodeHeadBundle(manifest.buildId, heads));
}
