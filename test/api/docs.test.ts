/**
 * /docs in a real browser with every request outside the app blocked: Swagger UI must load from the
 * app's own assets (the pinned swagger-ui-dist), not a CDN, and list the API's routes.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TIMEOUT_MS, browserSuiteTitle, HAS_CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { createApp, MemoryUsageSink, startServer, type RunningServer } from '../../lib/api/index.js';
import { buildFixtureIndex, tempDir, testDeps } from './helpers.js';

const TITLE = browserSuiteTitle('/docs offline in headless Chromium');

let dir: { dir: string; remove: () => Promise<void> };
let server: RunningServer;
let browser: Browser;

describe('/docs assets', () => {
  it('serves the page, its initialiser and the pinned Swagger UI assets with their content types', async () => {
    const scratch = await tempDir();
    try {
      // The default test deps require API keys: the docs stay public all the same.
      const app = createApp(testDeps(await buildFixtureIndex(join(scratch.dir, 'index'))));
      const page = await app.request('/docs');
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).not.toMatch(/https?:\/\//); // nothing from outside the app
      for (const src of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const asset = await app.request(`/${src[1]}`);
        expect(asset.status, src[1]).toBe(200);
        expect((await asset.text()).length, src[1]).toBeGreaterThan(0);
      }
      const bundle = await app.request('/docs/swagger-ui-bundle.js');
      expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await bundle.text()).toContain('SwaggerUIBundle');
      expect((await app.request('/docs/swagger-ui.css')).headers.get('content-type')).toMatch(/^text\/css/);
      expect((await app.request('/docs/package.json')).status).toBe(404);
    } finally {
      await scratch.remove();
    }
  });
});

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  beforeAll(async () => {
    dir = await tempDir();
    const deps = testDeps(await buildFixtureIndex(join(dir.dir, 'index')), {
      auth: { mode: 'off' },
      usage: new MemoryUsageSink(),
    });
    server = await startServer(createApp(deps), { port: 0 });
    browser = await launchChromium();
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dir?.remove();
  });

  it(
    'lists /v1/search with every request outside the app blocked',
    async () => {
      // Prepare
      const page = await browser.newPage();
      const blocked: string[] = [];
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url)) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
      // Act
      await page.goto(`${server.url}/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
      const paths = await page.locator('.opblock-summary-path').allInnerTexts();
      // Assess
      expect(paths.map((p) => p.replace(/\u200b/g, '').trim())).toContain('/v1/search');
      expect(blocked).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
