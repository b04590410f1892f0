import crypto from 'node:crypto';
import S3rver from 's3rver';
import { makeTempDir } from './helpers.js';

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
] as const;

export interface S3rverHandle {
  bucket: string;
  endpoint: string;
  stop: () => Promise<void>;
  /** Stops the server mid-way: open connections are cut, new ones refused; the env stays. */
  halt: () => Promise<void>;
  /** Starts it again on the same port, over the same objects. */
  resume: () => Promise<void>;
}

/*
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node >= 17)
 * only offers through the legacy provider, so every truncated page fails with a 500. Triple DES
 * with three identical keys is DES, and it is in the default provider; substitute it while the
 * server runs.
 */
function patchDesForS3rver(): () => void {
  type CipherFactory = (alg: string, key: Buffer, iv: Buffer) => unknown;
  const mod = crypto as unknown as { createCipheriv: CipherFactory; createDecipheriv: CipherFactory };
  const original = { createCipheriv: mod.createCipheriv, createDecipheriv: mod.createDecipheriv };
  const swap =
    (fn: CipherFactory): CipherFactory =>
    (alg, key, iv) =>
      alg === 'des' ? fn('des-ede3-cbc', Buffer.concat([key, key, key]), iv) : fn(alg, key, iv);
  mod.createCipheriv = swap(original.createCipheriv);
  mod.createDecipheriv = swap(original.createDecipheriv);
  return () => Object.assign(mod, original);
}

/** Starts an in-process s3rver on a free port and points the AWS SDK at it through env vars. */
export async function startS3rver(bucket = 'xlir-test'): Promise<S3rverHandle> {
  const { dir, cleanup } = await makeTempDir('s3rver');
  const unpatch = patchDesForS3rver();
  const serve = async (port: number): Promise<{ server: S3rver; port: number }> => {
    const server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: bucket }],
    });
    return { server, port: (await server.run()).port };
  };
  let { server, port } = await serve(0);
  let running = true;
  const endpoint = `http://127.0.0.1:${port}`;
  const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  });
  return {
    bucket,
    endpoint,
    stop: async () => {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      if (running) await server.close();
      unpatch();
      await cleanup();
    },
    halt: async () => {
      running = false;
      server.httpServer?.closeAllConnections();
      await server.close();
    },
    resume: async () => {
      ({ server, port } = await serve(port));
      running = true;
    },
  };
}
