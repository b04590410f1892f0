import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * A SigV4 verifier for header-signed S3 requests, written from AWS's "Authenticating Requests
 * (AWS Signature Version 4)" and checked against its GET Object example. s3rver accepts any V4
 * signature from a known access key id (its V4 check is unimplemented), so the FetchStore tests
 * put this in front of it to reject what S3 itself would reject.
 */

export interface SignedRequest {
  method: string;
  url: string;
  headers: Headers;
  body?: Uint8Array;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** S3's URI encoding: everything but unreserved characters, and '/' in paths. */
function uriEncode(value: string, keepSlash: boolean): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** Why the request would be refused, or undefined when S3 would accept its signature. */
export function sigV4Problem(
  request: SignedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
): string | undefined {
  const auth = AUTH.exec(request.headers.get('authorization') ?? '');
  if (!auth) return 'no AWS4-HMAC-SHA256 Authorization header';
  const [, accessKeyId = '', date = '', region = '', service = '', signedHeaders = '', signature = ''] = auth;
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return `unknown access key id ${accessKeyId}`;
  const amzDate = request.headers.get('x-amz-date') ?? '';
  if (!amzDate.startsWith(date)) return 'x-amz-date disagrees with the credential scope';
  const payloadHash = request.headers.get('x-amz-content-sha256');
  if (!payloadHash) return 'no x-amz-content-sha256 header';
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(request.body ?? new Uint8Array(0))) {
    return 'x-amz-content-sha256 is not the sha256 of the body';
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return 'host is not signed';
  const url = new URL(request.url);
  const canonicalHeaders = names
    .map((name) => {
      const value = name === 'host' ? url.host : request.headers.get(name);
      return `${name}:${(value ?? '').trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalUri = decodeURIComponent(url.pathname)
    .split('/')
    .map((segment) => uriEncode(segment, false))
    .join('/');
  const canonicalQuery = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [uriEncode(decodeURIComponent(k), false), uriEncode(decodeURIComponent(v), false)] as const;
    })
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : 'the signature does not match';
}

/**
 * A fetch that answers 403 SignatureDoesNotMatch, as S3 would, to any request whose SigV4
 * signature does not verify, and passes the others to `target`. `seen` records every request.
 */
export function signatureCheckingFetch(
  secrets: Record<string, string>,
  target: typeof fetch = fetch,
  seen: SignedRequest[] = [],
): typeof fetch {
  return async (input, init) => {
    const request: SignedRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      ...(init?.body instanceof Uint8Array ? { body: init.body } : {}),
    };
    seen.push(request);
    const problem = sigV4Problem(request, (id) => secrets[id]);
    if (problem === undefined) return target(input, init);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`;
    return new Response(xml, { status: 403, headers: { 'content-type': 'application/xml' } });
  };
}
