/**
 * manifest.json checks itself: publish seals it with a sha256 over its canonical JSON and every
 * reader verifies it, so a flipped digit (wrong scores) or a dropped shard entry (a silently
 * missing shard) is an IndexCorruptError, never an index that opens.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  IndexCorruptError,
  IndexNotFoundError,
  IndexReader,
  MANIFEST_KEY,
  readManifest,
  type Manifest,
} from '../../lib/index/index.js';
import { buildIndex } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { asRecords, ENGLISH_DOCS, withTempDir } from '../helpers/corpus.js';

type Json = Record<string, unknown>;

async function builtIndex(dir: string): Promise<Manifest> {
  const { manifest } = await buildIndex(asRecords(ENGLISH_DOCS), openStore(dir), { shardDocs: 6 });
  return manifest;
}

/** JSON with every object's keys sorted, built independently of lib/storage's canonicalJson. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `fields` with the checksum publish would give them. */
function sealed(fields: Json): Json {
  return { ...fields, checksum: `sha256:${createHash('sha256').update(sortedJson(fields)).digest('hex')}` };
}

/** Shard entries without `dictionaryBytes`, as manifests before version 4 wrote them. */
function withoutSplit(shards: unknown): Json[] {
  return (shards as Json[]).map(({ dictionaryBytes: _split, ...shard }) => shard);
}

async function readJson(path: string): Promise<Json> {
  return JSON.parse(await readFile(path, 'utf8')) as Json;
}

/** Rewrites the manifest at `key` as `edit` returns it, indented as publish writes it. */
async function editManifest(dir: string, edit: (manifest: Json) => Json, key = MANIFEST_KEY): Promise<void> {
  const path = join(dir, key);
  await writeFile(path, JSON.stringify(edit(await readJson(path)), null, 2));
}

async function openError(dir: string, buildId?: string): Promise<Error> {
  return IndexReader.open(openStore(dir), buildId === undefined ? {} : { buildId }).then(
    () => {
      throw new Error('expected the open to fail');
    },
    (error: Error) => error,
  );
}

describe('manifest.json checksum', () => {
  it('is written by publish as sha256 over the canonical JSON of every other field, in both copies', async () => {
    await withTempDir(async (dir) => {
      // Act
      const manifest = await builtIndex(dir);
      // Assess
      const root = await readFile(join(dir, MANIFEST_KEY), 'utf8');
      expect(await readFile(join(dir, 'builds', manifest.buildId, MANIFEST_KEY), 'utf8')).toBe(root);
      const { checksum, ...fields } = JSON.parse(root) as Json;
      expect(fields.version).toBe(4);
      expect(checksum).toBe(`sha256:${createHash('sha256').update(sortedJson(fields)).digest('hex')}`);
      expect(manifest.checksum).toBe(checksum);
      expect(await readManifest(openStore(dir))).toEqual(manifest);
    });
  });

  it('refuses a manifest with one digit flipped, naming only the manifest key', async () => {
    await withTempDir(async (dir) => {
      // Prepare: one more document than there are, as a bit flip on disk would make it
      const manifest = await builtIndex(dir);
      await editManifest(dir, (m) => ({ ...m, docCount: manifest.docCount + 1 }));
      // Act
      const error = await openError(dir);
      // Assess
      expect(error).toBeInstanceOf(IndexCorruptError);
      expect((error as IndexCorruptError).objectKey).toBe(MANIFEST_KEY);
      expect(error.message).toBe(
        'index object manifest.json is corrupt: the manifest fails its checksum: it was damaged or edited after it was published',
      );
      expect(error.message).not.toContain(dir);
    });
  });

  it('refuses a flipped digit in the file as it lies on disk, without re-serialising it', async () => {
    await withTempDir(async (dir) => {
      // Prepare: change one digit of the first shard's head CRC in the text
      const manifest = await builtIndex(dir);
      const path = join(dir, MANIFEST_KEY);
      const text = await readFile(path, 'utf8');
      const crc = String(manifest.shards[0]!.headCrc32);
      const flipped = `${crc.slice(0, -1)}${crc.endsWith('1') ? '2' : '1'}`;
      await writeFile(path, text.replace(`"headCrc32": ${crc}`, `"headCrc32": ${flipped}`));
      expect(await readFile(path, 'utf8')).not.toBe(text);
      // Act + Assess
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(/manifest\.json is corrupt: .*checksum/);
    });
  });

  it('refuses a manifest with a shard entry removed instead of serving the other shards', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      expect(manifest.shards.length).toBeGreaterThan(1);
      await editManifest(dir, (m) => ({ ...m, shards: (m.shards as unknown[]).slice(0, -1) }));
      // Act + Assess
      expect(await openError(dir)).toBeInstanceOf(IndexCorruptError);
    });
  });

  it('refuses a manifest without a checksum', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      await builtIndex(dir);
      await editManifest(dir, ({ checksum: _checksum, ...rest }) => rest);
      // Act
      const error = await openError(dir);
      // Assess
      expect(error).toBeInstanceOf(IndexCorruptError);
      expect(error.message).toBe(
        'index object manifest.json is corrupt: the manifest has no checksum, so nothing in it can be trusted',
      );
    });
  });

  it('checks the per-build copy a pinned reader opens, naming it by its key', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const { buildId } = await builtIndex(dir);
      const key = `builds/${buildId}/${MANIFEST_KEY}`;
      await editManifest(dir, (m) => ({ ...m, totalTerms: (m.totalTerms as number) * 2 }), key);
      // Act
      const error = await openError(dir, buildId);
      // Assess
      expect(error).toBeInstanceOf(IndexCorruptError);
      expect((error as IndexCorruptError).objectKey).toBe(key);
      await expect(IndexReader.open(openStore(dir))).resolves.toBeDefined();
    });
  });

  it('accepts a manifest that was only re-indented or had its keys reordered', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const manifest = await builtIndex(dir);
      await writeFile(join(dir, MANIFEST_KEY), sortedJson(await readJson(join(dir, MANIFEST_KEY))));
      // Act
      const reader = await IndexReader.open(openStore(dir));
      // Assess
      expect(reader.manifest.buildId).toBe(manifest.buildId);
    });
  });
});

describe('manifest.json versions', () => {
  it('refuses a version 1 manifest, which has no checksum, asking for a rebuild', async () => {
    await withTempDir(async (dir) => {
      // Prepare: what xlir wrote before manifests carried a checksum
      await builtIndex(dir);
      await editManifest(dir, ({ checksum: _checksum, ...rest }) => ({ ...rest, version: 1 }));
      // Act
      const error = await openError(dir);
      // Assess
      expect(error).toBeInstanceOf(IndexNotFoundError);
      expect(error.message).toMatch(
        /has index format version 1; this xlir reads version 4\. Rebuild the index\.$/,
      );
    });
  });

  it('refuses a newer version before looking at its checksum, and a manifest without one', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      await builtIndex(dir);
      await editManifest(dir, (m) => ({ ...m, version: 5 }));
      // Act + Assess
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(
        /has index format version 5; this xlir reads version 4/,
      );
      await editManifest(dir, ({ version: _version, ...rest }) => rest);
      await expect(IndexReader.open(openStore(dir))).rejects.toThrow(
        /has index format version none; this xlir reads version 4/,
      );
    });
  });

  it('refuses a version 3 manifest, whose shards are of the format before the split head, asking for a rebuild', async () => {
    await withTempDir(async (dir) => {
      // Prepare: a version 3 manifest, sealed over its own fields as version 3 sealed it
      await builtIndex(dir);
      await editManifest(dir, ({ checksum: _checksum, ...m }) =>
        sealed({ ...m, version: 3, shards: withoutSplit(m.shards) }),
      );
      // Act + Assess
      await expect(readManifest(openStore(dir))).rejects.toThrow(
        /has index format version 3; this xlir reads version 4\. Rebuild the index\.$/,
      );
    });
  });

  it('refuses a version 4 manifest whose shard entry lacks where its head splits', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      await builtIndex(dir);
      await editManifest(dir, ({ checksum: _checksum, ...m }) =>
        sealed({ ...m, shards: withoutSplit(m.shards) }),
      );
      // Act + Assess
      await expect(readManifest(openStore(dir))).rejects.toThrow(/missing required fields/);
    });
  });
});
