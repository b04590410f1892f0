/**
 * The checksum a JSON manifest carries about itself (an index's manifest.json, a lexicon pack's
 * lexicons.json). A manifest is the one object a reader trusts before anything else: it names
 * every other object and the digests they must have, so a flipped digit in it gives wrong scores
 * and a dropped entry silently drops data. The digest is taken over a canonical serialisation,
 * so re-indenting the file or reordering its keys keeps it valid and changing any value does not.
 *
 * Canonical JSON here is RFC 8785 (JCS) for the values a manifest holds: object keys sorted by
 * UTF-16 code units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes
 * them (numbers in shortest round-trip form, so a parsed manifest re-serialises to the same bytes).
 *
 * The digest is Web Crypto's (`crypto.subtle`, global in Node 20 and in Cloudflare Workers), so
 * the readers that check manifests run unchanged in both; it is asynchronous, hence so are these.
 */

/** The field of a manifest that holds its checksum; the digest covers every other field. */
export const CHECKSUM_FIELD = 'checksum';

/** Prefix of a checksum, naming the algorithm so that a later format may change it. */
export const CHECKSUM_PREFIX = 'sha256:';

/**
 * `value` as canonical JSON. Fields whose value is undefined are left out, as JSON.stringify
 * leaves them out of the file, so an object in memory and the same object read back from its
 * file give one serialisation. A value JSON cannot carry (NaN, Infinity, a function, a bigint)
 * is an error rather than being written as something else.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === 'function') return canonicalJson((withToJson.toJSON as () => unknown)());
    const record = value as Readonly<Record<string, unknown>>;
    const fields = Object.keys(record)
      .filter((field) => record[field] !== undefined)
      .sort();
    return `{${fields.map((field) => `${JSON.stringify(field)}:${canonicalJson(record[field])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
}

const utf8 = new TextEncoder();

/** Lowercase hex sha256 of some bytes, or of text as UTF-8. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** `sha256:` + the hex sha256 of the canonical JSON of `manifest` without its checksum field. */
export async function manifestChecksum(manifest: object): Promise<string> {
  const body = Object.fromEntries(Object.entries(manifest).filter(([field]) => field !== CHECKSUM_FIELD));
  return `${CHECKSUM_PREFIX}${await sha256Hex(canonicalJson(body))}`;
}

/** What a manifest's own checksum says about it: each reader turns the failures into its own error. */
export type ChecksumVerdict = 'ok' | 'missing' | 'mismatch';

export async function verifyManifestChecksum(manifest: object): Promise<ChecksumVerdict> {
  const stated = (manifest as Readonly<Record<string, unknown>>)[CHECKSUM_FIELD];
  if (stated === undefined) return 'missing';
  return stated === (await manifestChecksum(manifest)) ? 'ok' : 'mismatch';
}
