/**
 * GET /docs: Swagger UI over /openapi.json, served entirely by the app. The assets come from the
 * pinned `swagger-ui-dist` package instead of a CDN, so the page works where deployments have no
 * internet (VPC-only, air-gapped) and always matches the version package-lock.json names.
 *
 * URLs in the page are relative (`docs/…`, `openapi.json`), so it also works under an API Gateway
 * stage prefix such as /prod/docs. Assets are read once, on first request, and kept in memory.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Env, Hono } from 'hono';

/** The files the page loads; everything else in the package (maps, ES bundles) is never served. */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;
type AssetName = keyof typeof ASSETS;

/** Browsers may keep the assets a day: they change only with the pinned package version. */
const ASSET_CACHE_CONTROL = 'public, max-age=86400';

/** Started inline by the page; a separate file so a strict Content-Security-Policy can allow it. */
const INITIALISER = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>xlir API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

const assetCache = new Map<AssetName, Promise<string>>();

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

function readAsset(name: AssetName): Promise<string> {
  let cached = assetCache.get(name);
  if (cached === undefined) {
    cached = readFile(join(packageDir(), name), 'utf8');
    // A failed read is retried on the next request rather than cached.
    cached.catch(() => assetCache.delete(name));
    assetCache.set(name, cached);
  }
  return cached;
}

/** Mounts /docs, /docs/init.js and the two Swagger UI assets on `app`. */
export function mountDocs<E extends Env>(app: Hono<E>): void {
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/init.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(INITIALISER);
  });
  for (const [name, type] of Object.entries(ASSETS) as Array<[AssetName, string]>) {
    app.get(`/docs/${name}`, async (c) => {
      c.header('Content-Type', type);
      c.header('Cache-Control', ASSET_CACHE_CONTROL);
      return c.body(await readAsset(name));
    });
  }
}
