/**
 * Lexicon packs: exact round trips through file:// and s3:// (s3rver), the GET budget (open = 1,
 * +1 per direction, +0 when loaded again), every integrity check failing with a clear message,
 * and the manifest written last.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Lexicon,
  LexiconPackError,
  isLexiconPack,
  openLexiconPack,
  toTsv,
  type LexiconPackManifest,
} from '../../lib/lexicon/index.js';
import { writeLexiconPack } from '../../lib/lexicon/node.js';
import { StorageError, withLatency, type ObjectStore, type RequestOptions } from '../../lib/storage/index.js';
import { FileStore, openStore } from '../../lib/storage/node.js';
import { withTempDir } from '../helpers/corpus.js';
import { startS3rver, type S3rverHandle } from '../storage/s3rver-harness.js';

/** Scores whose probabilities do not print short (1/3, 0.1 + 0.2, tiny ratios), phrases, non-Latin. */
function enDe(): Lexicon {
  const lexicon = new Lexicon({ srcLang: 'en', tgtLang: 'de', id: 'en-de.test' });
  lexicon.add('house', 'Haus', 1 / 3);
  lexicon.add('house', 'Gebäude', 0.1);
  lexicon.add('house', 'Gebäude', 0.2);
  lexicon.add('house', 'Heim', 7e-9);
  lexicon.add('ice cream', 'Speiseeis', 1);
  lexicon.add('ice cream', 'Eis', Math.PI);
  lexicon.add('river', 'Fluss', 0.5);
  return lexicon;
}

function enRu(): Lexicon {
  const lexicon = new Lexicon({ srcLang: 'EN', tgtLang: 'ru', id: 'en-ru.test' });
  lexicon.add('river', 'река', 2);
  lexicon.add('river', 'речка', 0.3);
  lexicon.add('water', 'вода', 1);
  return lexicon;
}

/** Every entry's translations, numbers compared exactly. */
function entries(lexicon: Lexicon): unknown[] {
  return [...lexicon.entries()];
}

async function expectSameLexicon(loaded: Lexicon, original: Lexicon): Promise<void> {
  expect(loaded.srcLang).toBe(original.srcLang);
  expect(loaded.tgtLang).toBe(original.tgtLang);
  expect(entries(loaded)).toEqual(entries(original));
  expect(toTsv(loaded)).toBe(toTsv(original));
}

/** JSON with every object's keys sorted, built independently of lib/storage's canonicalJson. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** Rewrites lexicons.json in the pack folder as `edit` returns it (indented, as the writer does). */
async function editManifest(
  dir: string,
  edit: (manifest: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const path = join(dir, 'lexicons.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, `${JSON.stringify(edit(manifest), null, 2)}\n`);
}

/** Records the order of writes and can fail the put of a chosen key. */
class RecordingStore implements ObjectStore {
  readonly puts: string[] = [];
  /** PUTs started and not yet finished. */
  inFlight = 0;
  constructor(
    private readonly inner: ObjectStore,
    private readonly failOn?: (key: string) => boolean,
    /** Milliseconds every successful PUT waits first, so failures overtake it. */
    private readonly putDelayMs = 0,
  ) {}
  get uri(): string {
    return this.inner.uri;
  }
  get(key: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.inner.get(key, options);
  }
  getRange(key: string, start: number, end: number, options?: RequestOptions): Promise<Uint8Array> {
    return this.inner.getRange(key, start, end, options);
  }
  async put(key: string, body: Uint8Array | string, options?: RequestOptions): Promise<void> {
    if (this.failOn?.(key)) throw new Error(`injected failure writing ${key}`);
    this.inFlight += 1;
    try {
      if (this.putDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.putDelayMs));
      this.puts.push(key);
      await this.inner.put(key, body, options);
    } finally {
      this.inFlight -= 1;
    }
  }
  list(prefix: string, options?: RequestOptions): Promise<string[]> {
    return this.inner.list(prefix, options);
  }
  delete(key: string, options?: RequestOptions): Promise<void> {
    return this.inner.delete(key, options);
  }
}

async function writeSample(dir: string): Promise<LexiconPackManifest> {
  return writeLexiconPack(new FileStore(dir), [
    {
      lexicon: enDe(),
      sources: [
        { id: 'muse.tsv', weight: 2 },
        { id: 'wiki.tsv', weight: 0.5 },
      ],
    },
    { lexicon: enRu() },
  ]);
}

async function loadError(dir: string, src: string, tgt: string): Promise<Error> {
  const pack = await openLexiconPack(new FileStore(dir));
  return pack.load(src, tgt).then(
    () => {
      throw new Error('expected the load to fail');
    },
    (error: Error) => error,
  );
}

async function openError(dir: string): Promise<Error> {
  return openLexiconPack(new FileStore(dir)).then(
    () => {
      throw new Error('expected the open to fail');
    },
    (error: Error) => error,
  );
}

describe('lexicon pack through file://', () => {
  it('round-trips every probability bit for bit, with the manifest describing each object', async () => {
    await withTempDir(async (dir) => {
      // Act
      const written = await writeSample(dir);
      const pack = await openLexiconPack(openStore(`file://${dir}`));
      // Assess
      expect(pack.directions).toEqual(['en-de', 'en-ru']);
      expect(pack.manifest).toEqual(written);
      await expectSameLexicon(await pack.load('en', 'de'), enDe());
      await expectSameLexicon(await pack.load('EN', 'RU'), enRu());
      const [de, ru] = written.directions;
      expect(de).toMatchObject({
        src: 'en',
        tgt: 'de',
        entries: 3,
        pairs: 6,
        sources: [
          { id: 'muse.tsv', weight: 2 },
          { id: 'wiki.tsv', weight: 0.5 },
        ],
      });
      expect(ru!.sources).toEqual([{ id: 'en-ru.test', weight: 1 }]);
      expect(de!.key).toBe(`directions/en-de.${de!.sha256.slice(0, 16)}.tsv.gz`);
      const body = await readFile(join(dir, de!.key));
      expect(body.length).toBe(de!.bytes);
      expect(gunzipSync(body).toString('utf8')).toBe(toTsv(enDe()));
      const manifest = JSON.parse(await readFile(join(dir, 'lexicons.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(manifest).toMatchObject({ format: 'xlir-lexicons', version: 2 });
      // The checksum is sha256 over the other fields as canonical JSON (keys sorted, no spaces).
      const { checksum, ...fields } = manifest;
      expect(checksum).toBe(`sha256:${createHash('sha256').update(sortedJson(fields)).digest('hex')}`);
    });
  });

  it('writes the same bytes for the same lexicons, so a pack is reproducible', async () => {
    await withTempDir(async (dir) => {
      const first = await writeSample(join(dir, 'a'));
      const second = await writeSample(join(dir, 'b'));
      expect(second).toEqual(first);
      expect(await readFile(join(dir, 'b', 'lexicons.json'))).toEqual(
        await readFile(join(dir, 'a', 'lexicons.json')),
      );
    });
  });

  it('opens with one GET, loads a direction with one more, and never fetches a direction twice', async () => {
    await withTempDir(async (dir) => {
      await writeSample(dir);
      const store = withLatency(new FileStore(dir), 0);
      const pack = await openLexiconPack(store);
      expect(store.requestCount).toBe(1);
      const [a, b] = await Promise.all([pack.load('en', 'de'), pack.load('en', 'de')]);
      expect(a).toBe(b);
      expect(store.requestCount).toBe(2);
      await pack.load('en', 'de');
      expect(store.requestCount).toBe(2);
      await pack.load('en', 'ru');
      expect(store.requestCount).toBe(3);
    });
  });

  it('tells a pack from a plain folder without a GET', async () => {
    await withTempDir(async (dir) => {
      const store = withLatency(new FileStore(join(dir, 'pack')), 0);
      expect(await isLexiconPack(store)).toBe(false);
      await writeSample(join(dir, 'pack'));
      expect(await isLexiconPack(store)).toBe(true);
      expect(store.requestCount).toBe(0);
    });
  });

  it('passes a storage failure through as it is, and tries again on the next load', async () => {
    await withTempDir(async (dir) => {
      await writeSample(dir);
      let failures = 1;
      const flaky = new FileStore(dir);
      const get = flaky.get.bind(flaky);
      flaky.get = async (key, options) => {
        if (key.startsWith('directions/') && failures-- > 0) {
          throw new StorageError('GET throttled', { retryable: true, status: 503 });
        }
        return get(key, options);
      };
      const pack = await openLexiconPack(flaky);
      await expect(pack.load('en', 'de')).rejects.toBeInstanceOf(StorageError);
      await expectSameLexicon(await pack.load('en', 'de'), enDe());
    });
  });

  it('names a direction the pack lacks and the ones it has', async () => {
    await withTempDir(async (dir) => {
      await writeSample(dir);
      const error = await loadError(dir, 'de', 'fr');
      expect(error).toBeInstanceOf(LexiconPackError);
      expect(error.message).toBe('lexicon pack: no direction de-fr in this pack (it has en-de, en-ru)');
    });
  });
});

describe('lexicon pack integrity', () => {
  /** Writes the sample, lets `damage` change the files, and returns the directory. */
  async function damaged<T>(
    damage: (dir: string, manifest: LexiconPackManifest) => Promise<void>,
    check: (dir: string) => Promise<T>,
  ): Promise<T> {
    return withTempDir(async (dir) => {
      const manifest = await writeSample(dir);
      await damage(dir, manifest);
      return check(dir);
    });
  }

  it('refuses a direction object with a changed byte, naming the direction', async () => {
    const error = await damaged(
      async (dir, manifest) => {
        const path = join(dir, manifest.directions[0]!.key);
        const bytes = await readFile(path);
        const middle = bytes.length >> 1;
        bytes[middle] = bytes[middle]! ^ 0xff;
        await writeFile(path, bytes);
      },
      (dir) => loadError(dir, 'en', 'de'),
    );
    expect(error).toBeInstanceOf(LexiconPackError);
    expect(error.message).toMatch(
      /^lexicon pack: direction en-de \(directions\/en-de\.[0-9a-f]{16}\.tsv\.gz\) fails its sha256 check/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses a truncated direction object by its length', async () => {
    const error = await damaged(
      async (dir, manifest) => {
        const path = join(dir, manifest.directions[1]!.key);
        const bytes = await readFile(path);
        await writeFile(path, bytes.subarray(0, bytes.length - 7));
      },
      (dir) => loadError(dir, 'en', 'ru'),
    );
    expect(error.message).toMatch(/direction en-ru .* is \d+ bytes but the manifest says \d+: truncated/);
  });

  it('refuses a missing direction object without naming the store', async () => {
    let where = '';
    const error = await damaged(
      async (dir, manifest) => {
        where = dir;
        await new FileStore(dir).delete(manifest.directions[0]!.key);
      },
      (dir) => loadError(dir, 'en', 'de'),
    );
    expect(error.message).toMatch(/direction en-de .* is missing from the store$/);
    expect(error.message).not.toContain(where);
  });

  it('refuses a manifest whose values were edited, by its checksum', async () => {
    const error = await damaged(
      async (dir) => {
        const path = join(dir, 'lexicons.json');
        const text = await readFile(path, 'utf8');
        await writeFile(path, text.replace('"entries": 3', '"entries": 4'));
      },
      (dir) => openError(dir),
    );
    expect(error).toBeInstanceOf(LexiconPackError);
    expect(error.message).toBe(
      'lexicon pack: lexicons.json fails its checksum: the manifest is corrupt or was edited after it was written',
    );
  });

  it('accepts a manifest that was only re-indented', async () => {
    await damaged(
      async (dir) => {
        const path = join(dir, 'lexicons.json');
        await writeFile(path, JSON.stringify(JSON.parse(await readFile(path, 'utf8'))));
      },
      async (dir) => expect((await openLexiconPack(new FileStore(dir))).directions).toHaveLength(2),
    );
  });

  it('refuses a manifest with a direction entry removed, by its checksum', async () => {
    const error = await damaged(
      (dir) =>
        editManifest(dir, (manifest) => ({
          ...manifest,
          directions: (manifest.directions as unknown[]).slice(1),
        })),
      (dir) => openError(dir),
    );
    expect(error).toBeInstanceOf(LexiconPackError);
    expect(error.message).toMatch(/^lexicon pack: lexicons\.json fails its checksum/);
  });

  it('refuses a manifest without a checksum', async () => {
    const error = await damaged(
      (dir) =>
        editManifest(dir, (manifest) => {
          const { checksum: _checksum, ...rest } = manifest;
          return rest;
        }),
      (dir) => openError(dir),
    );
    expect(error).toBeInstanceOf(LexiconPackError);
    expect(error.message).toBe(
      'lexicon pack: lexicons.json has no checksum, so nothing in it can be trusted: repack the lexicons',
    );
  });

  it('accepts a manifest whose keys were reordered, since the checksum is over canonical JSON', async () => {
    await damaged(
      (dir) => editManifest(dir, (manifest) => reversedKeys(manifest) as Record<string, unknown>),
      async (dir) => expect((await openLexiconPack(new FileStore(dir))).directions).toHaveLength(2),
    );
  });

  it('refuses an unknown format version before anything else', async () => {
    const error = await damaged(
      async (dir) => {
        const path = join(dir, 'lexicons.json');
        const text = await readFile(path, 'utf8');
        await writeFile(path, text.replace('"version": 2', '"version": 3'));
      },
      (dir) => openError(dir),
    );
    expect(error.message).toBe(
      'lexicon pack: format version 3 is not supported: this xlir reads version 2 (repack the lexicons with its xlir lexicon pack)',
    );
  });

  it('refuses a version 1 pack, whose checksum was taken over the fields in file order', async () => {
    const error = await damaged(
      (dir) =>
        editManifest(dir, (manifest) => {
          const { checksum: _checksum, ...rest } = manifest;
          const v1 = { ...rest, version: 1 };
          const digest = createHash('sha256').update(JSON.stringify(v1)).digest('hex');
          return { ...v1, checksum: `sha256:${digest}` };
        }),
      (dir) => openError(dir),
    );
    expect(error.message).toMatch(
      /^lexicon pack: format version 1 is not supported: this xlir reads version 2/,
    );
  });

  it('refuses what is not a pack manifest, and a folder without one', async () => {
    await withTempDir(async (dir) => {
      expect((await openError(dir)).message).toMatch(
        /^lexicon pack: no lexicons\.json: this is not a lexicon pack/,
      );
      expect((await openError(dir)).message).not.toContain(dir);
      await writeFile(join(dir, 'lexicons.json'), '{"format": "xlir-index", "version": 1}');
      expect((await openError(dir)).message).toMatch(
        /not an xlir lexicon pack manifest \(format "xlir-index"/,
      );
      await writeFile(join(dir, 'lexicons.json'), 'not json');
      expect((await openError(dir)).message).toBe('lexicon pack: lexicons.json is not valid UTF-8 JSON');
    });
  });
});

describe('writing a lexicon pack', () => {
  it('writes every direction before the manifest', async () => {
    await withTempDir(async (dir) => {
      const store = new RecordingStore(new FileStore(dir));
      const progress: Array<[number, number]> = [];
      await writeLexiconPack(store, [{ lexicon: enDe() }, { lexicon: enRu() }], {
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(store.puts).toHaveLength(3);
      expect(store.puts.at(-1)).toBe('lexicons.json');
      expect(progress.at(-1)).toEqual([3, 3]);
    });
  });

  it('leaves no manifest, and no write in flight, when a direction cannot be written', async () => {
    await withTempDir(async (dir) => {
      const failEnRu = (key: string) => key.startsWith('directions/en-ru');
      const store = new RecordingStore(new FileStore(dir), failEnRu, 50);
      await expect(writeLexiconPack(store, [{ lexicon: enDe() }, { lexicon: enRu() }])).rejects.toThrow(
        /injected failure writing directions\/en-ru/,
      );
      expect(store.inFlight).toBe(0);
      expect(store.puts).toEqual([expect.stringMatching(/^directions\/en-de\./)]);
      expect(await isLexiconPack(new FileStore(dir))).toBe(false);
    });
  });

  it('keeps the previous pack readable when a rewrite fails before its manifest', async () => {
    await withTempDir(async (dir) => {
      await writeLexiconPack(new FileStore(dir), [{ lexicon: enDe() }]);
      const changed = enDe();
      changed.add('tree', 'Baum', 1);
      const failing = new RecordingStore(new FileStore(dir), (key) => key === 'lexicons.json');
      await expect(writeLexiconPack(failing, [{ lexicon: changed }])).rejects.toThrow(/injected/);
      const pack = await openLexiconPack(new FileStore(dir));
      await expectSameLexicon(await pack.load('en', 'de'), enDe());
    });
  });

  it('refuses two lexicons of one direction, an empty lexicon and a bad source weight', async () => {
    const store = new FileStore('/nonexistent/never-written');
    await expect(writeLexiconPack(store, [{ lexicon: enDe() }, { lexicon: enDe() }])).rejects.toThrow(
      'lexicon pack: direction en-de is given twice: merge its lexicons into one first',
    );
    await expect(
      writeLexiconPack(store, [{ lexicon: new Lexicon({ srcLang: 'en', tgtLang: 'fr', id: 'x' }) }]),
    ).rejects.toThrow('lexicon pack: direction en-fr: the lexicon is empty');
    await expect(
      writeLexiconPack(store, [{ lexicon: enDe(), sources: [{ id: 'a', weight: 0 }] }]),
    ).rejects.toThrow(/a source needs an id and a weight > 0/);
    await expect(writeLexiconPack(store, [])).rejects.toThrow(/nothing to write/);
  });
});

describe('lexicon pack through s3:// (s3rver)', () => {
  let s3: S3rverHandle;
  beforeAll(async () => {
    s3 = await startS3rver('xlir-lexicon-pack');
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('round-trips exactly and keeps the GET budget', async () => {
    const uri = `s3://${s3.bucket}/lexicons/v1`;
    await writeLexiconPack(openStore(uri, { memoryCacheBytes: 0 }), [
      { lexicon: enDe() },
      { lexicon: enRu() },
    ]);
    const store = withLatency(openStore(uri, { memoryCacheBytes: 0 }), 0);
    expect(await isLexiconPack(store)).toBe(true);
    const pack = await openLexiconPack(store);
    expect(store.requestCount).toBe(1);
    await expectSameLexicon(await pack.load('en', 'de'), enDe());
    await pack.load('en', 'de');
    expect(store.requestCount).toBe(2);
    await expectSameLexicon(await pack.load('en', 'ru'), enRu());
    expect(store.requestCount).toBe(3);
  });

  it('says a prefix without a pack is not one, without naming the bucket', async () => {
    const error = await openLexiconPack(openStore(`s3://${s3.bucket}/nothing-here`)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(LexiconPackError);
    expect((error as Error).message).not.toContain(s3.bucket);
  });
});
