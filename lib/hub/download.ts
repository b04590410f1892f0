/**
 * One file from a Hub-style server to local disk, resumable and checked.
 *
 * The Hub answers `resolve/REV/FILE` for a large (LFS) file with a redirect to a CDN whose headers
 * carry the file's sha256 (`X-Linked-Etag`) and size (`X-Linked-Size`); the redirect is followed by
 * hand so those headers are read, and the token is sent to the Hub only, never to the CDN. Small
 * files come back directly, with a git blob id as ETag (not a sha256): their sha256 is computed
 * and recorded, nothing to check it against.
 *
 * Bytes go to FILE.part, each chunk written before the next is read; a rerun after an interrupted download asks for the rest with a Range
 * request and appends (a server that ignores Range sends the whole file, which then replaces the
 * part). The part is renamed into place only once complete and, when the hub gave one, matching
 * its sha256, so a half file is never taken for a model.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PARTIAL_SUFFIX } from './constants.js';
import { HubError } from './errors.js';

export interface DownloadOptions {
  /** Sent to the first server only (the Hub), e.g. Authorization. */
  headers?: Record<string, string>;
  /** What the reference is called in messages (hf:ORG/NAME@REV FILE): never a URL with a token, never a path. */
  label: string;
  onProgress?: (done: number, total: number | undefined) => void;
}

export interface Downloaded {
  bytes: number;
  sha256: string;
  /** The commit the revision resolved to (X-Repo-Commit), when the server says. */
  commit?: string;
  /** Whether the sha256 was checked against the hub's, or only computed. */
  verified: boolean;
}

interface Located {
  response: Response;
  sha256?: string;
  size?: number;
  commit?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

function statusError(status: number, label: string): HubError {
  if (status === 401 || status === 403) {
    return new HubError(
      `${label}: the hub refused access (HTTP ${status}); set HF_TOKEN to a token that can read it`,
    );
  }
  if (status === 404) return new HubError(`${label}: not found on the hub (HTTP 404)`);
  return new HubError(`${label}: the hub answered HTTP ${status}`);
}

function linkedSha256(headers: Headers): string | undefined {
  const etag = headers.get('x-linked-etag')?.replace(/^W\//, '').replace(/"/g, '');
  return etag !== undefined && /^[0-9a-f]{64}$/i.test(etag) ? etag.toLowerCase() : undefined;
}

/** Follows redirects by hand, keeping the first hop's metadata and its headers to its own origin. */
async function locate(url: string, options: DownloadOptions, range: number): Promise<Located> {
  const origin = new URL(url).origin;
  let current = url;
  const found: Omit<Located, 'response'> = {};
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    const headers: Record<string, string> = sameOrigin ? { ...options.headers } : {};
    if (range > 0) headers.range = `bytes=${range}-`;
    let response: Response;
    try {
      response = await fetch(current, { headers, redirect: 'manual' });
    } catch (error) {
      throw new HubError(`${options.label}: cannot reach the hub (${(error as Error).message})`, {
        cause: error,
      });
    }
    found.sha256 ??= linkedSha256(response.headers);
    const size = Number(response.headers.get('x-linked-size'));
    if (found.size === undefined && Number.isSafeInteger(size) && size > 0) found.size = size;
    found.commit ??= response.headers.get('x-repo-commit') ?? undefined;
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return { ...found, response };
    await response.body?.cancel();
    current = new URL(location, current).href;
  }
  throw new HubError(`${options.label}: more than ${MAX_REDIRECTS} redirects`);
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

export async function downloadFile(url: string, dest: string, options: DownloadOptions): Promise<Downloaded> {
  const part = dest + PARTIAL_SUFFIX;
  let have = await sizeOf(part);
  let located = await locate(url, options, have);
  if (located.response.status === 416 && have > 0) {
    // The part already holds every byte (or more than the file has): start over cleanly.
    await located.response.body?.cancel();
    await rm(part, { force: true });
    have = 0;
    located = await locate(url, options, 0);
  }
  const { response } = located;
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw statusError(response.status, options.label);
  }
  const resuming = response.status === 206 && have > 0;
  const hash = createHash('sha256');
  if (resuming) await hashFile(part, hash);
  else have = 0;
  const body = response.body;
  if (body === null) throw new HubError(`${options.label}: the hub sent no body`);
  const contentLength = Number(response.headers.get('content-length'));
  const remaining = Number.isSafeInteger(contentLength) && contentLength > 0 ? contentLength : undefined;
  const expectedTotal = located.size ?? (remaining === undefined ? undefined : have + remaining);
  let done = have;
  // Each chunk is on disk before the next is read, so an interrupted download keeps every byte
  // it received for the resume (a stream pipeline would drop what its buffers held).
  const file = await open(part, resuming ? 'a' : 'w');
  try {
    for await (const chunk of Readable.fromWeb(body as WebReadableStream<Uint8Array>)) {
      const bytes = chunk as Uint8Array;
      await file.write(bytes);
      hash.update(bytes);
      done += bytes.byteLength;
      options.onProgress?.(done, expectedTotal);
    }
  } catch (error) {
    throw new HubError(
      `${options.label}: download interrupted after ${done} bytes (${(error as Error).message}); run the same command again to resume`,
      { cause: error },
    );
  } finally {
    await file.close();
  }
  const sha256 = hash.digest('hex');
  if (located.size !== undefined && done !== located.size) {
    throw new HubError(
      `${options.label}: got ${done} of ${located.size} bytes; run the same command again to resume`,
    );
  }
  if (located.sha256 !== undefined && sha256 !== located.sha256) {
    await rm(part, { force: true });
    throw new HubError(
      `${options.label}: sha256 ${sha256} differs from the hub's ${located.sha256}; removed the download`,
    );
  }
  await rename(part, dest);
  return {
    bytes: done,
    sha256,
    verified: located.sha256 !== undefined,
    ...(located.commit !== undefined ? { commit: located.commit } : {}),
  };
}
