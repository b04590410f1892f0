import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectNotFoundError, RetryingStore, StorageError } from '../../lib/storage/index.js';
import { FetchStore, type FetchStoreOptions } from '../../lib/storage/fetch-store.js';
import { describeStoreContract } from './contract.js';
import { dec, enc } from './helpers.js';
import { startS3rver, type S3rverHandle } from './s3rver-harness.js';
import { signatureCheckingFetch, sigV4Problem, type SignedRequest } from './sigv4-check.js';

/** s3rver's one account. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const SECRETS = { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey };

let s3: S3rverHandle;
let prefixCounter = 0;
const freshPrefix = (label: string): string => `${label}-${++prefixCounter}`;

beforeAll(async () => {
  s3 = await startS3rver();
});

afterAll(async () => {
  await s3?.stop();
});

/** A FetchStore on s3rver whose every request must carry a valid signature. */
function s3rverStore(label: string, options: Partial<FetchStoreOptions> = {}, seen: SignedRequest[] = []) {
  return new FetchStore({
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    prefix: freshPrefix(label),
    region: 'us-east-1',
    credentials: CREDENTIALS,
    fetch: signatureCheckingFetch(SECRETS, fetch, seen),
    ...options,
  });
}

describeStoreContract('FetchStore on s3rver, SigV4-checked (5 keys per list page)', {
  makeStore: async () => s3rverStore('contract', { listPageSize: 5 }),
  supportsRangedGetOfEmptyObject: false,
});

describeStoreContract('FetchStore with retries', {
  makeStore: async () => new RetryingStore(s3rverStore('contract-retry'), { maxAttempts: 2, baseDelayMs: 1 }),
  supportsRangedGetOfEmptyObject: false,
});

type Answer = { status: number; body?: string; headers?: Record<string, string> };

/** A fetch that records requests and answers them from `respond`, standing in for the network. */
function fakeFetch(respond: (request: SignedRequest) => Answer | Promise<Answer>) {
  const seen: SignedRequest[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request: SignedRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
    };
    seen.push(request);
    const answer = await respond(request);
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers ?? {} });
  };
  return { fetch: fetchFn, seen };
}

const errorXml = (code: string, message = code): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><BucketName>secret-bucket</BucketName></Error>`;

function fakeStore(
  respond: (request: SignedRequest) => Answer | Promise<Answer>,
  options: Partial<FetchStoreOptions> = {},
) {
  const { fetch: fetchFn, seen } = fakeFetch(respond);
  const store = new FetchStore({
    endpoint: 'https://storage.example.com',
    bucket: 'secret-bucket',
    prefix: 'pre',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' },
    fetch: fetchFn,
    ...options,
  });
  return { store, seen };
}

describe('FetchStore on s3rver', () => {
  it('signs every request so that SigV4 verifies, payload hash included', async () => {
    // Prepare
    const seen: SignedRequest[] = [];
    const store = s3rverStore('signed', {}, seen);
    // Act
    await store.put('a b/c+d', 'x');
    await store.get('a b/c+d');
    await store.list('a ');
    await store.delete('a b/c+d');
    // Assess
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'GET', 'GET', 'DELETE']);
    for (const request of seen) expect(sigV4Problem(request, (id) => SECRETS[id])).toBeUndefined();
    expect(seen[0]?.headers.get('x-amz-content-sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(seen[0]?.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is refused with a wrong secret (signature check) or an unknown key id (s3rver itself)', async () => {
    // Prepare
    const wrongSecret = s3rverStore('wrong', {
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'not-the-secret' },
    });
    const unknownKey = new FetchStore({
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      credentials: { accessKeyId: 'NOBODY', secretAccessKey: 'S3RVER' },
    });
    // Act
    const refused = await wrongSecret.get('k').catch((e: unknown) => e);
    const unknown = await unknownKey.get('k').catch((e: unknown) => e);
    // Assess
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused).toMatchObject({ status: 403, retryable: false });
    expect((refused as Error).message).toContain('SignatureDoesNotMatch 403');
    expect(unknown).toMatchObject({ name: 'StorageError', status: 403, retryable: false });
    expect((unknown as Error).message).toContain('InvalidAccessKeyId');
  });

  it('reads the last bytes of an object with a Range header', async () => {
    // Prepare
    const seen: SignedRequest[] = [];
    const store = s3rverStore('tail', {}, seen);
    const bytes = new Uint8Array(1000).map((_, i) => (i * 31) % 256);
    await store.put('blob', bytes);
    seen.length = 0;
    // Act
    const last = await store.getRange('blob', 990, 1000);
    const open = await store.getRange('blob', 995, Infinity);
    const beyond = await store.getRange('blob', 1000, 1010);
    // Assess
    expect(last).toEqual(bytes.slice(990));
    expect(open).toEqual(bytes.slice(995));
    expect(beyond.length).toBe(0);
    expect(seen.map((r) => r.headers.get('range'))).toEqual([
      'bytes=990-999',
      'bytes=995-',
      'bytes=1000-1009',
    ]);
  });

  it('lists more than one page, and keys that need URL and XML escaping', async () => {
    // Prepare
    const seen: SignedRequest[] = [];
    const store = s3rverStore('pages', { listPageSize: 2 }, seen);
    const keys = ['a&b', 'c<d>', 'e"f\'', 'g h', 'i+j', 'k%20l', 'm=n?o#p', 'é/ü', '😀'];
    for (const key of keys) await store.put(key, key);
    seen.length = 0;
    // Act
    const listed = await store.list('');
    const bodies = await Promise.all(keys.map(async (key) => dec(await store.get(key))));
    // Assess
    expect(listed).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(bodies).toEqual(keys);
    expect(seen.filter((r) => r.url.includes('list-type=2')).length).toBe(5);
  });

  it('retries a connection refused while the server is down', async () => {
    // Prepare
    const store = s3rverStore('down');
    await store.put('k', 'value');
    let down = true;
    const retrying = new RetryingStore(store, {
      maxAttempts: 3,
      baseDelayMs: 1,
      // The backoff is when the server comes back.
      sleep: async () => {
        if (down) await s3.resume();
        down = false;
      },
    });
    await s3.halt();
    // Act
    const direct = await store.get('k').catch((e: unknown) => e);
    const bytes = await retrying.get('k');
    // Assess
    expect(direct).toMatchObject({ name: 'StorageError', retryable: true });
    expect((direct as Error).message).toMatch(/failed \(network( ECONNREFUSED)?\)/);
    expect((direct as Error).message).not.toContain('127.0.0.1');
    expect(dec(bytes)).toBe('value');
  });
});

describe('FetchStore abort', () => {
  let server: ReturnType<typeof createServer>;
  let endpoint: string;
  const received: IncomingMessage[] = [];
  const closed: string[] = [];

  beforeAll(async () => {
    // Takes requests and never answers them.
    server = createServer((req) => {
      received.push(req);
      req.socket.on('close', () => closed.push(req.url ?? ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects with the reason and drops the connection when aborted mid-request', async () => {
    // Prepare
    const store = new FetchStore({ endpoint, bucket: 'b', credentials: CREDENTIALS });
    const controller = new AbortController();
    const reason = new Error('deadline');
    const before = received.length;
    // Act
    const read = store.getRange('hung', 0, 10, { signal: controller.signal });
    await expect.poll(() => received.length).toBe(before + 1);
    controller.abort(reason);
    // Assess
    await expect(read).rejects.toBe(reason);
    await expect.poll(() => closed).toContain('/b/hung');
  });

  it('makes no request when the signal has already aborted', async () => {
    // Prepare
    const { store, seen } = fakeStore(() => ({ status: 200, body: '' }));
    const reason = new Error('gone');
    // Act
    const results = await Promise.allSettled([
      store.get('k', { signal: AbortSignal.abort(reason) }),
      store.put('k', 'v', { signal: AbortSignal.abort(reason) }),
      store.list('', { signal: AbortSignal.abort(reason) }),
      store.delete('k', { signal: AbortSignal.abort(reason) }),
    ]);
    // Assess
    expect(results.every((r) => r.status === 'rejected' && r.reason === reason)).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe('the SigV4 check the tests rely on', () => {
  it("accepts AWS's documented GET Object example and refuses it with another secret", () => {
    // Prepare
    const request: SignedRequest = {
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      headers: new Headers({
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
          'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
          'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      }),
    };
    // Act
    const right = sigV4Problem(request, () => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const wrong = sigV4Problem(request, () => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz');
    // Assess
    expect(right).toBeUndefined();
    expect(wrong).toBe('the signature does not match');
  });
});

describe('FetchStore requests', () => {
  it('addresses path-style by default and virtual-hosted on request', async () => {
    // Prepare
    const path = fakeStore(() => ({ status: 200, body: 'x' }));
    const virtual = fakeStore(() => ({ status: 200, body: 'x' }), {
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      addressing: 'virtual',
      region: 'eu-west-1',
    });
    // Act
    await path.store.get("dir/it's (1).bin");
    await virtual.store.get('dir/k');
    // Assess
    expect(path.seen[0]?.url).toBe('https://storage.example.com/secret-bucket/pre/dir/it%27s%20%281%29.bin');
    expect(virtual.seen[0]?.url).toBe('https://secret-bucket.s3.eu-west-1.amazonaws.com/pre/dir/k');
    expect(virtual.seen[0]?.headers.get('authorization')).toContain('/eu-west-1/s3/aws4_request');
    expect(sigV4Problem(virtual.seen[0]!, () => 'SECRET')).toBeUndefined();
    expect(path.store.uri).toBe('s3://secret-bucket/pre');
  });

  it('signs a session token and sends unsigned requests without credentials', async () => {
    // Prepare
    const temporary = fakeStore(() => ({ status: 200, body: 'x' }), {
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' },
    });
    const anonymous = fakeStore(() => ({ status: 200, body: 'x' }), { credentials: undefined });
    // Act
    await temporary.store.get('k');
    await anonymous.store.get('k');
    // Assess
    expect(temporary.seen[0]?.headers.get('x-amz-security-token')).toBe('TOKEN');
    expect(temporary.seen[0]?.headers.get('authorization')).toContain('x-amz-security-token');
    expect(anonymous.seen[0]?.headers.has('authorization')).toBe(false);
  });

  it('follows continuation tokens and decodes url-encoded keys', async () => {
    // Prepare
    const pages: Record<string, string> = {
      first: `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>secret-bucket</Name><Prefix>pre%2F</Prefix><EncodingType>url</EncodingType>
  <Contents><Key>pre/b+c%2Bd</Key><Size>1</Size></Contents>
  <Contents><Key>pre/dir/</Key></Contents>
  <IsTruncated>true</IsTruncated><NextContinuationToken>t/2+=</NextContinuationToken>
</ListBucketResult>`,
      't/2+=': `<ListBucketResult><EncodingType>url</EncodingType>
  <Contents><Key>pre/%C3%A9%0A</Key></Contents><Contents><Key>pre/a%26%3C</Key></Contents>
  <IsTruncated>false</IsTruncated></ListBucketResult>`,
    };
    const { store, seen } = fakeStore(
      (request) => {
        const token = new URL(request.url).searchParams.get('continuation-token') ?? 'first';
        return { status: 200, body: pages[token] ?? '' };
      },
      { listPageSize: 2 },
    );
    // Act
    const keys = await store.list('');
    // Assess
    expect(keys).toEqual(['a&<', 'b c+d', 'é\n']);
    expect(seen[0]?.url).toBe(
      'https://storage.example.com/secret-bucket/?encoding-type=url&list-type=2&max-keys=2&prefix=pre%2F',
    );
    expect(seen[1]?.url).toContain('continuation-token=t%2F2%2B%3D');
    for (const request of seen) expect(sigV4Problem(request, () => 'SECRET')).toBeUndefined();
  });

  it('reads keys raw when the page is not url-encoded', async () => {
    // Prepare
    const { store } = fakeStore(() => ({
      status: 200,
      body: '<ListBucketResult><Contents><Key>pre/a+b%20 &amp;&#x1F600;<![CDATA[<c>]]></Key></Contents><IsTruncated>false</IsTruncated></ListBucketResult>',
    }));
    // Act / Assess
    expect(await store.list('')).toEqual(['a+b%20 &😀<c>']);
  });

  it('refuses a truncated page without a token rather than loop', async () => {
    // Prepare
    const { store } = fakeStore(() => ({
      status: 200,
      body: '<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>',
    }));
    // Act / Assess
    await expect(store.list('')).rejects.toMatchObject({ name: 'StorageError', retryable: false });
  });

  it('slices the body itself when a server ignores Range, and reads 416 as an empty slice', async () => {
    // Prepare
    const ignoring = fakeStore(() => ({ status: 200, body: '0123456789' }));
    const unsatisfiable = fakeStore(() => ({ status: 416, body: errorXml('InvalidRange') }));
    // Act
    const sliced = await ignoring.store.getRange('k', 3, 6);
    const empty = await unsatisfiable.store.getRange('k', 100, 200);
    // Assess
    expect(dec(sliced)).toBe('345');
    expect(empty.length).toBe(0);
  });

  it('makes no request for an empty range', async () => {
    // Prepare
    const { store, seen } = fakeStore(() => ({ status: 500 }));
    // Act
    const bytes = await store.getRange('k', 5, 5);
    // Assess
    expect(bytes.length).toBe(0);
    expect(seen).toEqual([]);
  });

  it('treats an absent key on delete as success, 204 or 404 alike', async () => {
    // Prepare
    const s3Style = fakeStore(() => ({ status: 204 }));
    const notFound = fakeStore(() => ({ status: 404, body: errorXml('NoSuchKey') }));
    // Act / Assess
    await expect(s3Style.store.delete('k')).resolves.toBeUndefined();
    await expect(notFound.store.delete('k')).resolves.toBeUndefined();
  });
});

describe('FetchStore error mapping', () => {
  const failureOf = async (answer: Answer | (() => never)): Promise<unknown> => {
    const { store } = fakeStore(typeof answer === 'function' ? answer : () => answer);
    return store.get('k').catch((e: unknown) => e);
  };

  it('maps NoSuchKey and bare 404s to ObjectNotFoundError', async () => {
    // Act
    const noSuchKey = await failureOf({ status: 404, body: errorXml('NoSuchKey') });
    const bare = await failureOf({ status: 404 });
    // Assess
    expect(noSuchKey).toBeInstanceOf(ObjectNotFoundError);
    expect(noSuchKey).toMatchObject({ key: 'k' });
    expect(bare).toBeInstanceOf(ObjectNotFoundError);
  });

  it('maps NoSuchBucket to a non-retryable StorageError, not a missing object', async () => {
    // Act
    const err = await failureOf({
      status: 404,
      body: errorXml('NoSuchBucket', 'The specified bucket does not exist'),
    });
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: false, status: 404 });
  });

  it.each([
    ['500 InternalError', { status: 500, body: errorXml('InternalError') }],
    ['503 SlowDown', { status: 503, body: errorXml('SlowDown') }],
    ['502 from a proxy, HTML body', { status: 502, body: '<html><body>Bad gateway</body></html>' }],
    ['429 without a body', { status: 429 }],
    ['400 RequestTimeout', { status: 400, body: errorXml('RequestTimeout') }],
  ])('treats %s as retryable', async (_label, answer) => {
    // Act
    const err = await failureOf(answer);
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: true, status: answer.status });
  });

  it.each([
    ['403 AccessDenied', { status: 403, body: errorXml('AccessDenied') }],
    ['400 InvalidArgument', { status: 400, body: errorXml('InvalidArgument') }],
    ['301 PermanentRedirect', { status: 301, body: errorXml('PermanentRedirect') }],
  ])('treats %s as not retryable', async (_label, answer) => {
    // Act
    const err = await failureOf(answer);
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: false, status: answer.status });
  });

  it('treats a network failure as retryable and names its code, not the address', async () => {
    // Act
    const err = await failureOf(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNRESET 10.1.2.3:443'), { code: 'ECONNRESET' }),
      });
    });
    // Assess
    expect(err).toMatchObject({ name: 'StorageError', retryable: true });
    expect((err as Error).message).toBe(
      'S3 get k in s3://secret-bucket/pre failed (network ECONNRESET): fetch failed',
    );
  });

  it('words errors like S3Store: the store URI, the code and status, S3 message; no endpoint', async () => {
    // Act
    const err = await failureOf({ status: 403, body: errorXml('AccessDenied', 'Access Denied') });
    // Assess
    expect((err as Error).message).toBe(
      'S3 get k in s3://secret-bucket/pre failed (AccessDenied 403): Access Denied',
    );
    expect((err as Error).message).not.toContain('storage.example.com');
  });

  it('rejects endpoints and options it cannot use', () => {
    // Act / Assess
    const base = { endpoint: 'https://s3.example.com', bucket: 'b' };
    expect(() => new FetchStore({ ...base, endpoint: 'ftp://s3.example.com' })).toThrow(RangeError);
    expect(() => new FetchStore({ ...base, bucket: 'a/b' })).toThrow(RangeError);
    expect(() => new FetchStore({ ...base, bucket: 'Not_DNS', addressing: 'virtual' })).toThrow(RangeError);
    expect(() => new FetchStore({ ...base, listPageSize: 0 })).toThrow(RangeError);
    expect(() => new FetchStore({ ...base, prefix: 'a/../b' })).toThrow();
  });

  it('sends the exact bytes of a string body', async () => {
    // Prepare
    const bodies: string[] = [];
    const store = new FetchStore({
      endpoint: 'https://s3.example.com',
      bucket: 'b',
      fetch: async (_input, init) => {
        bodies.push(dec(init?.body as Uint8Array));
        return new Response(null, { status: 200 });
      },
    });
    // Act
    await store.put('k', 'héllo');
    await store.put('k2', enc('wörld'));
    // Assess
    expect(bodies).toEqual(['héllo', 'wörld']);
  });
});
