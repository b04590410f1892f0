import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ObjectNotFoundError, StorageError } from '../../lib/storage/index.js';
import { S3Store, endpointOverrideInEnv } from '../../lib/storage/node.js';
import { dec, enc } from './helpers.js';

type Handler = (command: { constructor: { name: string }; input: Record<string, unknown> }) => unknown;

/** Records commands and answers them with `handler`, standing in for S3Client.send. */
function fakeClient(handler: Handler) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: Parameters<Handler>[0]) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return handler(command);
    },
  };
  return { client: client as unknown as S3Client, sent };
}

const body = (text: string) => ({ transformToByteArray: async () => enc(text) });

const serviceError = (name: string, status: number, fault: 'client' | 'server' = 'server') =>
  new S3ServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

const networkError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });

async function failureOf(handler: Handler): Promise<unknown> {
  const { client } = fakeClient(handler);
  return new S3Store('bucket', 'pre', { client })
    .get('k')
    .then(() => undefined)
    .catch((err: unknown) => err);
}

describe('S3Store request shapes', () => {
  it('sends an inclusive Range header under the store prefix', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => ({ Body: body('234'), $metadata: { httpStatusCode: 206 } }));
    const store = new S3Store('bucket', '/idx/v1/', { client });
    // Act
    const bytes = await store.getRange('shards/a', 2, 5);
    // Assess
    expect(dec(bytes)).toBe('234');
    expect(store.uri).toBe('s3://bucket/idx/v1');
    expect(sent).toEqual([
      {
        name: GetObjectCommand.name,
        input: { Bucket: 'bucket', Key: 'idx/v1/shards/a', Range: 'bytes=2-4' },
      },
    ]);
  });

  it('makes no request for an empty range', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => {
      throw new Error('unexpected request');
    });
    // Act
    const bytes = await new S3Store('bucket', '', { client }).getRange('k', 7, 7);
    // Assess
    expect(bytes.length).toBe(0);
    expect(sent).toEqual([]);
  });

  it('returns an empty slice for 416 InvalidRange', async () => {
    // Prepare
    const { client } = fakeClient(() => {
      throw serviceError('InvalidRange', 416, 'client');
    });
    // Act
    const bytes = await new S3Store('bucket', '', { client }).getRange('k', 100, 200);
    // Assess
    expect(bytes.length).toBe(0);
  });

  it('slices the body itself when a server ignores Range', async () => {
    // Prepare
    const { client } = fakeClient(() => ({ Body: body('0123456789'), $metadata: { httpStatusCode: 200 } }));
    // Act
    const bytes = await new S3Store('bucket', '', { client }).getRange('k', 3, 6);
    // Assess
    expect(dec(bytes)).toBe('345');
  });

  it('follows continuation tokens, strips the prefix and skips folder markers', async () => {
    // Prepare
    const pages: Record<string, unknown> = {
      first: {
        Contents: [{ Key: 'p/b' }, { Key: 'p/dir/' }],
        IsTruncated: true,
        NextContinuationToken: 't2',
      },
      t2: { Contents: [{ Key: 'p/a' }], IsTruncated: false },
    };
    const { client, sent } = fakeClient(
      (cmd) => pages[(cmd.input['ContinuationToken'] as string) ?? 'first'],
    );
    // Act
    const keys = await new S3Store('bucket', 'p', { client, listPageSize: 2 }).list('');
    // Assess
    expect(keys).toEqual(['a', 'b']);
    expect(sent.map((s) => s.name)).toEqual([ListObjectsV2Command.name, ListObjectsV2Command.name]);
    expect(sent[0]?.input).toMatchObject({ Bucket: 'bucket', Prefix: 'p/', MaxKeys: 2 });
    expect(sent[1]?.input).toMatchObject({ ContinuationToken: 't2' });
  });
});

describe('S3Store error mapping', () => {
  it('maps NoSuchKey and bare 404s to ObjectNotFoundError', async () => {
    // Act
    const noSuchKey = await failureOf(() => {
      throw new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } });
    });
    const bare404 = await failureOf(() => {
      throw serviceError('NotFound', 404, 'client');
    });
    // Assess
    expect(noSuchKey).toBeInstanceOf(ObjectNotFoundError);
    expect(noSuchKey).toMatchObject({ key: 'k' });
    expect(bare404).toBeInstanceOf(ObjectNotFoundError);
  });

  it('maps NoSuchBucket to a non-retryable StorageError, not a missing object', async () => {
    // Act
    const err = await failureOf(() => {
      throw new NoSuchBucket({ message: 'no bucket', $metadata: { httpStatusCode: 404 } });
    });
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: false, status: 404 });
  });

  it.each([
    ['500 InternalError', () => serviceError('InternalError', 500)],
    ['503 SlowDown', () => serviceError('SlowDown', 503)],
    ['429 Too Many Requests', () => serviceError('TooManyRequests', 429, 'client')],
    ['throttling by name', () => serviceError('ThrottlingException', 400, 'client')],
    ['400 RequestTimeout', () => serviceError('RequestTimeout', 400, 'client')],
    ['ECONNRESET', () => networkError('ECONNRESET')],
    ['ETIMEDOUT', () => networkError('ETIMEDOUT')],
    ['SDK TimeoutError', () => Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('treats %s as retryable', async (_label, make) => {
    // Act
    const err = await failureOf(() => {
      throw make();
    });
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: true });
  });

  it.each([
    ['403 AccessDenied', () => serviceError('AccessDenied', 403, 'client')],
    ['400 InvalidArgument', () => serviceError('InvalidArgument', 400, 'client')],
    [
      'credentials missing',
      () => Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
    ],
  ])('treats %s as not retryable', async (_label, make) => {
    // Act
    const err = await failureOf(() => {
      throw make();
    });
    // Assess
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ retryable: false });
  });

  it('treats a missing key on delete as success', async () => {
    // Prepare
    const { client } = fakeClient(() => {
      throw new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } });
    });
    // Act / Assess
    await expect(new S3Store('bucket', '', { client }).delete('k')).resolves.toBeUndefined();
  });
});

describe('endpointOverrideInEnv', () => {
  it('turns path style on exactly when the SDK would use a custom endpoint', () => {
    // Act / Assess
    expect(endpointOverrideInEnv({})).toBe(false);
    expect(endpointOverrideInEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' })).toBe(true);
    expect(endpointOverrideInEnv({ AWS_ENDPOINT_URL: 'http://minio:9000' })).toBe(true);
    expect(
      endpointOverrideInEnv({
        AWS_ENDPOINT_URL: 'http://minio:9000',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      }),
    ).toBe(false);
  });
});
