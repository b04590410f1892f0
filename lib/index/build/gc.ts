/**
 * Housekeeping: every publish leaves the previous build's objects under `builds/<id>/`, and a
 * failed build leaves its shards without a manifest, so an index's storage only grows. gc
 * deletes the builds nothing needs any more, and never one a reader may still be using:
 *
 *   kept    the build manifest.json names, and the `keep` most recent published builds;
 *   kept    any other build until it has been unreferenced for the grace period;
 *   removed the rest.
 *
 * "Unreferenced since": a build published before the current one was replaced no later than
 * when the current one was published, so its clock starts at the current build's createdAt
 * (the latest it can have stopped being current). Any other build (never published, a damaged
 * manifest, or published after the current one, as after a rollback) has no date gc can trust,
 * so gc writes one: a note with the time it first saw the build unreferenced (GC_MARK_FILE),
 * and a later run deletes the build once the note is older than the grace period. A build in
 * progress is therefore safe for the whole grace period after gc first sees it.
 *
 * A build's objects are deleted data first, its manifest and note last, so an interrupted run
 * leaves a build the next run recognises and finishes. gc refuses to run on an index whose
 * manifest.json cannot be read: it cannot tell what is current.
 */
import { type ObjectStore } from '../../storage/index.js';
import { DEFAULT_GC_GRACE_HOURS, GC_DELETE_CONCURRENCY, GC_MARK_FILE, GC_MARK_FORMAT } from './constants.js';
import { MANIFEST_KEY } from '../format/constants.js';
import { IndexInputError } from '../errors.js';
import { buildPrefix, segmentsPrefix, shardStatsPrefix, type Manifest } from '../format/manifest.js';
import { removeEmptyFolders } from './folders.js';
import { readManifest } from '../read/reader.js';

const HOUR_MS = 3_600_000;
const BUILDS_PREFIX = 'builds/';

export interface GcOptions {
  /** Published builds kept besides the current one: the `keep` most recent (by createdAt). */
  keep: number;
  /** How long a build must have been unreferenced before it is deleted; default DEFAULT_GC_GRACE_HOURS. */
  graceHours?: number;
  /** Report what would be removed; write and delete nothing (not even gc's notes). */
  dryRun?: boolean;
  /** Clock injection for tests. */
  now?: () => Date;
}

export type GcAction = 'kept' | 'removed';

export interface GcBuild {
  buildId: string;
  action: GcAction;
  /** Why, in a few words: "current", "one of the 2 most recent", "unreferenced 3.1 h, grace 24 h". */
  reason: string;
  /** createdAt of its manifest; undefined when it has no readable manifest. */
  createdAt: string | undefined;
  /** Since when no manifest.json names it, as gc reckons it; undefined when current or just noted. */
  unreferencedSince: string | undefined;
  objects: number;
  /** Bytes of the objects whose size gc knows (removed builds only; 0 for kept ones). */
  bytes: number;
  /** Objects whose size neither a manifest nor a statistics object gives (a shard without stats). */
  unsizedObjects: number;
}

export interface GcReport {
  currentBuildId: string;
  /** Every build under builds/, newest first (published by createdAt, then the rest by id). */
  builds: GcBuild[];
  removedObjects: number;
  bytesFreed: number;
  unsizedObjectsRemoved: number;
  dryRun: boolean;
  graceHours: number;
}

interface Candidate {
  buildId: string;
  keys: string[];
  manifest: Manifest | undefined;
  /** Why its manifest could not be used, when it has one. */
  manifestProblem: string | undefined;
}

interface GcMark {
  format: typeof GC_MARK_FORMAT;
  buildId: string;
  since: string;
}

function checkOptions(options: GcOptions): number {
  if (!Number.isSafeInteger(options.keep) || options.keep < 0) {
    throw new IndexInputError(`keep must be a whole number ≥ 0, got ${options.keep}`);
  }
  const grace = options.graceHours ?? DEFAULT_GC_GRACE_HOURS;
  if (!Number.isFinite(grace) || grace < 0) {
    throw new IndexInputError(`the grace period must be a number of hours ≥ 0, got ${grace}`);
  }
  return grace;
}

/** Keys under builds/, grouped by build id (keys not of the form builds/<id>/… are left alone). */
function groupByBuild(keys: readonly string[]): Map<string, string[]> {
  const builds = new Map<string, string[]>();
  for (const key of keys) {
    const rest = key.slice(BUILDS_PREFIX.length);
    const slash = rest.indexOf('/');
    if (slash <= 0) continue;
    const id = rest.slice(0, slash);
    const list = builds.get(id);
    if (list) list.push(key);
    else builds.set(id, [key]);
  }
  return builds;
}

async function readCandidate(store: ObjectStore, buildId: string, keys: string[]): Promise<Candidate> {
  const candidate: Candidate = { buildId, keys, manifest: undefined, manifestProblem: undefined };
  if (!keys.includes(`${buildPrefix(buildId)}${MANIFEST_KEY}`)) return candidate;
  try {
    candidate.manifest = await readManifest(store, buildId);
  } catch (error) {
    candidate.manifestProblem = (error as Error).message;
  }
  return candidate;
}

function markKey(buildId: string): string {
  return `${buildPrefix(buildId)}${GC_MARK_FILE}`;
}

/** When gc first saw the build unreferenced, or undefined (no note, or one it cannot read). */
async function readMark(store: ObjectStore, candidate: Candidate): Promise<Date | undefined> {
  const key = markKey(candidate.buildId);
  if (!candidate.keys.includes(key)) return undefined;
  try {
    const mark = JSON.parse(new TextDecoder().decode(await store.get(key))) as Partial<GcMark>;
    const since = new Date(String(mark.since));
    const ok = mark.format === GC_MARK_FORMAT && mark.buildId === candidate.buildId;
    return ok && Number.isFinite(since.getTime()) ? since : undefined;
  } catch {
    return undefined;
  }
}

function hours(ms: number): string {
  return `${(ms / HOUR_MS).toFixed(1)} h`;
}

/** Newest first: published builds by createdAt (then id), then the rest by id. */
function newestFirst(a: Candidate, b: Candidate): number {
  const ta = a.manifest ? Date.parse(a.manifest.createdAt) : -Infinity;
  const tb = b.manifest ? Date.parse(b.manifest.createdAt) : -Infinity;
  if (ta !== tb) return tb > ta ? 1 : -1;
  return a.buildId < b.buildId ? 1 : a.buildId > b.buildId ? -1 : 0;
}

/** Sizes of a build's objects, from its manifest and its shards' statistics (read here). */
async function knownSizes(store: ObjectStore, candidate: Candidate): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const statsPrefix = shardStatsPrefix(candidate.buildId);
  const small = candidate.keys.filter(
    (k) => k.startsWith(statsPrefix) || k.endsWith(`/${MANIFEST_KEY}`) || k.endsWith(`/${GC_MARK_FILE}`),
  );
  await forEachLimited(small, async (key) => {
    const bytes = await store.get(key);
    sizes.set(key, bytes.length);
    if (!key.startsWith(statsPrefix)) return;
    try {
      const stats = JSON.parse(new TextDecoder().decode(bytes)) as {
        entry?: { key?: unknown; bytes?: unknown; docs?: Array<{ key?: unknown; bytes?: unknown } | null> };
      };
      const entry = stats.entry;
      if (typeof entry?.key === 'string' && typeof entry.bytes === 'number')
        sizes.set(entry.key, entry.bytes);
      for (const part of Array.isArray(entry?.docs) ? entry.docs : []) {
        if (typeof part?.key === 'string' && typeof part.bytes === 'number') sizes.set(part.key, part.bytes);
      }
    } catch {
      // A damaged statistics object sizes only itself.
    }
  });
  for (const shard of candidate.manifest?.shards ?? []) {
    sizes.set(shard.key, shard.bytes);
    for (const part of shard.docs) sizes.set(part.key, part.bytes);
  }
  return sizes;
}

async function forEachLimited(
  items: readonly string[],
  work: (item: string) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += GC_DELETE_CONCURRENCY) {
    await Promise.all(items.slice(i, i + GC_DELETE_CONCURRENCY).map(work));
  }
}

/** Data objects first, then the manifest, then gc's note: an interrupted run leaves a build gc still recognises. */
async function deleteBuild(store: ObjectStore, candidate: Candidate): Promise<void> {
  const manifestKey = `${buildPrefix(candidate.buildId)}${MANIFEST_KEY}`;
  const mark = markKey(candidate.buildId);
  const data = candidate.keys.filter((k) => k !== manifestKey && k !== mark);
  await forEachLimited(data, (key) => store.delete(key));
  if (candidate.keys.includes(manifestKey)) await store.delete(manifestKey);
  if (candidate.keys.includes(mark)) await store.delete(mark);
  await removeEmptyFolders(store, [segmentsPrefix(candidate.buildId), buildPrefix(candidate.buildId)]);
}

/** Removes the builds of the index at `store` that nothing needs any more; see the file's comment. */
export async function collectGarbage(store: ObjectStore, options: GcOptions): Promise<GcReport> {
  const graceHours = checkOptions(options);
  const graceMs = graceHours * HOUR_MS;
  const now = (options.now ?? (() => new Date()))();
  const dryRun = options.dryRun === true;
  // Throws when manifest.json is missing or damaged: without it nothing can be told apart.
  const current = await readManifest(store);
  const currentCreated = Date.parse(current.createdAt);
  const grouped = groupByBuild(await store.list(BUILDS_PREFIX));
  const candidates = await Promise.all(
    [...grouped].map(([buildId, keys]) => readCandidate(store, buildId, keys)),
  );
  candidates.sort(newestFirst);
  const recent = new Set(
    candidates
      .filter((c) => c.manifest)
      .slice(0, options.keep)
      .map((c) => c.buildId),
  );

  const builds: GcBuild[] = [];
  for (const candidate of candidates) {
    const { buildId, keys, manifest } = candidate;
    const base = {
      buildId,
      createdAt: manifest?.createdAt,
      objects: keys.length,
      bytes: 0,
      unsizedObjects: 0,
    };
    const keptFor = buildId === current.buildId ? 'current' : recent.has(buildId) ? 'recent' : undefined;
    if (keptFor) {
      // A build in service again must not be removed early on a note from when it was not.
      if (!dryRun && keys.includes(markKey(buildId))) await store.delete(markKey(buildId));
      const reason = keptFor === 'current' ? 'current' : `one of the ${options.keep} most recent`;
      builds.push({ ...base, action: 'kept', reason, unreferencedSince: undefined });
      continue;
    }
    const created = manifest ? Date.parse(manifest.createdAt) : NaN;
    let since: Date | undefined =
      Number.isFinite(created) && created <= currentCreated ? new Date(currentCreated) : undefined;
    const what = manifest
      ? 'published'
      : candidate.manifestProblem
        ? `manifest unreadable (${candidate.manifestProblem})`
        : 'never published';
    since ??= await readMark(store, candidate);
    if (since === undefined) {
      if (!dryRun) {
        const mark: GcMark = { format: GC_MARK_FORMAT, buildId, since: now.toISOString() };
        await store.put(markKey(buildId), JSON.stringify(mark));
      }
      const reason = `${what}; first seen unreferenced now, removable after ${graceHours} h`;
      builds.push({ ...base, action: 'kept', reason, unreferencedSince: undefined });
      continue;
    }
    const age = now.getTime() - since.getTime();
    if (age < graceMs) {
      const reason = `${what}; unreferenced ${hours(age)}, within the ${graceHours} h grace period`;
      builds.push({ ...base, action: 'kept', reason, unreferencedSince: since.toISOString() });
      continue;
    }
    const sizes = await knownSizes(store, candidate);
    const sized = keys.filter((k) => sizes.has(k));
    if (!dryRun) await deleteBuild(store, candidate);
    builds.push({
      ...base,
      action: 'removed',
      reason: `${what}; unreferenced ${hours(age)}`,
      unreferencedSince: since.toISOString(),
      bytes: sized.reduce((sum, k) => sum + sizes.get(k)!, 0),
      unsizedObjects: keys.length - sized.length,
    });
  }
  const removed = builds.filter((b) => b.action === 'removed');
  return {
    currentBuildId: current.buildId,
    builds,
    removedObjects: removed.reduce((sum, b) => sum + b.objects, 0),
    bytesFreed: removed.reduce((sum, b) => sum + b.bytes, 0),
    unsizedObjectsRemoved: removed.reduce((sum, b) => sum + b.unsizedObjects, 0),
    dryRun,
    graceHours,
  };
}
