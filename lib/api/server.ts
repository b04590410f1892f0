/** Serves an app over HTTP with @hono/node-server: `npm start`, `xlir serve`, tests and benchmarks. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { DEFAULT_HOST } from './constants.js';

export interface RunningServer {
  /** http://host:port, the port resolved when 0 (ephemeral) was asked for. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export function startServer(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: ServeOptions,
): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (error: Error) => reject(error);
    server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info: AddressInfo) => {
      server!.off('error', onError);
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server!.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets would hold close() open until they time out.
            if ('closeAllConnections' in server!) server!.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
