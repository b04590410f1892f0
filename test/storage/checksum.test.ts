/**
 * The manifest checksum shared by index manifests and lexicon packs: canonical JSON (sorted keys,
 * no whitespace, JSON.stringify's strings and numbers) and a sha256 over everything but the
 * checksum field, so formatting and key order do not matter and every value does.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  manifestChecksum,
  sha256Hex,
  verifyManifestChecksum,
} from '../../lib/storage/index.js';

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    const value = { b: [3, { z: 1, a: 'x' }], a: { d: true, c: null }, é: 'é', B: 0 };
    expect(canonicalJson(value)).toBe('{"B":0,"a":{"c":null,"d":true},"b":[3,{"a":"x","z":1}],"é":"é"}');
  });

  it('writes numbers and strings as JSON.stringify does, so a parsed file re-serialises identically', () => {
    const value = { k1: 0.9, third: 1 / 3, tiny: 7e-9, big: 1e21, neg: -0, quote: 'a"b\\c\n\u2028' };
    const text = canonicalJson(value);
    expect(text).toBe(
      '{"big":1e+21,"k1":0.9,"neg":0,"quote":"a\\"b\\\\c\\n\u2028","third":0.3333333333333333,"tiny":7e-9}',
    );
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('leaves out undefined fields and writes undefined array items as null, as a JSON file would', () => {
    expect(canonicalJson({ a: 1, gone: undefined })).toBe('{"a":1}');
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it('refuses what JSON cannot carry instead of writing something else', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/no form for the number Infinity/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });

  it('keeps a "__proto__" key of parsed JSON as the data it is', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as object;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('manifestChecksum', () => {
  it('is sha256 over the canonical JSON of every field but the checksum', async () => {
    const manifest = { version: 2, shards: [{ key: 'a', bytes: 10 }], checksum: 'anything' };
    expect(await manifestChecksum(manifest)).toBe(sha256('{"shards":[{"bytes":10,"key":"a"}],"version":2}'));
  });

  it('does not change with key order or indentation, and changes with any value', async () => {
    const manifest = { format: 'f', docCount: 1000, shards: [{ docCount: 600 }, { docCount: 400 }] };
    const reordered = JSON.parse(
      JSON.stringify(
        { shards: [{ docCount: 600 }, { docCount: 400 }], docCount: 1000, format: 'f' },
        null,
        4,
      ),
    ) as object;
    const original = await manifestChecksum(manifest);
    expect(await manifestChecksum(reordered)).toBe(original);
    expect(await manifestChecksum({ ...manifest, docCount: 1001 })).not.toBe(original);
    expect(await manifestChecksum({ ...manifest, shards: manifest.shards.slice(1) })).not.toBe(original);
  });
});

describe('sha256Hex', () => {
  it('is the lowercase hex digest node:crypto gives, of bytes and of text as UTF-8', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7919) & 0xff);
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(bytes.subarray(13, 500))).toBe(
      createHash('sha256').update(bytes.subarray(13, 500)).digest('hex'),
    );
    expect(await sha256Hex('é ✓ 𝄞')).toBe(createHash('sha256').update('é ✓ 𝄞', 'utf8').digest('hex'));
    expect(await sha256Hex('')).toBe(createHash('sha256').update('').digest('hex'));
  });
});

describe('verifyManifestChecksum', () => {
  const body = { format: 'f', docCount: 1000 };
  const sealed = async () => ({ ...body, checksum: await manifestChecksum(body) });

  it('says ok for a manifest as it was sealed', async () => {
    expect(await verifyManifestChecksum(await sealed())).toBe('ok');
  });

  it('says mismatch for a flipped digit, a wrong prefix or a checksum of another type', async () => {
    const manifest = await sealed();
    expect(await verifyManifestChecksum({ ...manifest, docCount: 1001 })).toBe('mismatch');
    expect(
      await verifyManifestChecksum({ ...manifest, checksum: manifest.checksum.replace('sha256:', 'md5:') }),
    ).toBe('mismatch');
    expect(await verifyManifestChecksum({ ...manifest, checksum: 42 })).toBe('mismatch');
  });

  it('says missing when there is none', async () => {
    expect(await verifyManifestChecksum(body)).toBe('missing');
  });
});
