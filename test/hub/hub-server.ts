/**
 * A local server with the Hugging Face Hub's URL layout, serving the repository's own model
 * directories: `/ORG/NAME/resolve/REV/FILE`, large files (.onnx) as the Hub serves LFS files (a
 * redirect to a CDN path, the sha256 in X-Linked-Etag, the size in X-Linked-Size), small files
 * directly with a git-style ETag, X-Repo-Commit on every answer, Range on the CDN, and knobs for
 * the failures a client must survive (a token requirement, a dropped connection, a wrong sha256).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface HubRepo {
  /** Local folder whose files the repo holds. */
  dir: string;
  /** repo path -> local file name in dir, e.g. onnx/model.onnx -> model.onnx */
  files: Record<string, string>;
  /** Extra small files served as they are (e.g. tokenizer_config.json). */
  inline?: Record<string, string>;
  token?: string;
  commit: string;
}

export interface HubRequest {
  /** hub or cdn */
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface HubServer {
  url: string;
  requests: HubRequest[];
  /** Drop the connection after this many bytes of the next CDN answer. */
  dropNextAfter?: number;
  /** Advertise this sha256 instead of the real one. */
  wrongSha256?: boolean;
  close(): Promise<void>;
}

export async function startHubServer(repos: Record<string, HubRepo>): Promise<HubServer> {
  const blobs = new Map<string, Buffer>();
  const state: HubServer = { url: '', requests: [], close: async () => undefined };
  let cdnUrl = '';
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    state.requests.push({
      host: req.socket.localPort === Number(new URL(cdnUrl).port) ? 'cdn' : 'hub',
      path,
      headers: req.headers,
    });
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(path);
    if (cdn) {
      const blob = blobs.get(cdn[1]!);
      if (!blob) return void res.writeHead(404).end();
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      if (start >= blob.length) return void res.writeHead(416).end();
      const body = blob.subarray(start);
      res.writeHead(range ? 206 : 200, { 'content-length': String(body.length) });
      if (state.dropNextAfter !== undefined) {
        const cut = state.dropNextAfter;
        state.dropNextAfter = undefined;
        res.write(body.subarray(0, cut), () => res.destroy());
        return;
      }
      return void res.end(body);
    }
    const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const repo = match ? repos[match[1]!] : undefined;
    if (!match || !repo) return void res.writeHead(404).end('Repository not found');
    if (repo.token !== undefined && req.headers.authorization !== `Bearer ${repo.token}`) {
      return void res.writeHead(401).end('Invalid credentials');
    }
    const file = match[3]!;
    const headers = { 'x-repo-commit': repo.commit };
    const inline = repo.inline?.[file];
    if (inline !== undefined) return void res.writeHead(200, { ...headers, etag: '"abc123"' }).end(inline);
    const local = repo.files[file];
    if (local === undefined) return void res.writeHead(404, headers).end('Entry not found');
    const bytes = readFileSync(join(repo.dir, local));
    if (!file.endsWith('.onnx'))
      return void res.writeHead(200, { ...headers, etag: '"0123abcd"' }).end(bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    blobs.set(sha, bytes);
    const advertised = state.wrongSha256 ? 'f'.repeat(64) : sha;
    res.writeHead(302, {
      ...headers,
      location: `${cdnUrl}/cdn/${sha}`,
      'x-linked-etag': `"${advertised}"`,
      'x-linked-size': String(bytes.length),
    });
    res.end();
  };
  // The CDN listens on its own port: another origin, as on the real Hub, so a client must not send it the token.
  const servers: Server[] = [createServer(handler), createServer(handler)];
  const urls = await Promise.all(
    servers.map(async (server) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }),
  );
  state.url = urls[0]!;
  cdnUrl = urls[1]!;
  state.close = async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  };
  return state;
}
