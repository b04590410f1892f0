/**
 * The playground in a real browser: headless Chromium types a query, picks languages, asks for
 * a rerank, and the rendered results are checked as text and as pixels.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TIMEOUT_MS, browserSuiteTitle, HAS_CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { createApp, MemoryUsageSink, startServer, type RunningServer } from '../../lib/api/index.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { buildFixtureIndex, ENGLISH_DOCS, tempDir, testDeps } from './helpers.js';

const TITLE = browserSuiteTitle('playground in headless Chromium');

/**
 * Runs in the page (as source: the test's own types have no DOM): decodes a PNG and counts the
 * pixels darker than near-white, so a blank or unrendered screenshot fails.
 */
const COUNT_INK = `async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
  return { total: data.length / 4, inked };
}`;

let dir: { dir: string; remove: () => Promise<void> };
let server: RunningServer;
let browser: Browser;

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
    await releaseModels();
    await dir?.remove();
  });

  it(
    'searches from the form and renders ranked, reranked results with language, scores and model',
    async () => {
      // Prepare
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`${server.url}/`);
      // Act
      await page.fill('#query', 'who invented the telephone');
      await page.selectOption('#query-lang', 'en');
      await page.check('input[name="doc_langs"][value="en"]');
      await page.check('input[name="doc_langs"][value="de"]');
      await page.check('#rerank');
      await page.click('#search');
      await page.waitForSelector('#results li.result');
      const first = page.locator('#results li.result').first();
      const firstId = await first.locator('.doc-id').innerText();
      const firstLang = await first.locator('.lang').innerText();
      const firstScores = await first.locator('.scores').innerText();
      const firstTextVisible = await first.locator('.text').isVisible();
      const firstText = await first.locator('.text').innerText();
      const meta = await page.locator('#meta').innerText();
      const metaBox = await page.locator('#meta').boundingBox();
      const lineHeight = (await page.evaluate(
        `parseFloat(getComputedStyle(document.getElementById('meta')).lineHeight) || 20`,
      )) as number;
      const routingWhy = await page.locator('#meta .rerank').getAttribute('title');
      const langs = await page.locator('#results .lang').allInnerTexts();
      const shot = await page.locator('#results').screenshot();
      const pixels = (await page.evaluate(`(${COUNT_INK})(${JSON.stringify(shot.toString('base64'))})`)) as {
        total: number;
        inked: number;
      };
      await page.close();
      // Assess
      const doc = ENGLISH_DOCS.find((d) => d.id === firstId);
      expect(doc, `first result ${firstId} is a fixture document`).toBeDefined();
      expect(firstLang).toBe(doc!.lang);
      expect(firstTextVisible).toBe(true);
      expect(firstText).toBe(doc!.text);
      expect(firstScores).toMatch(/bm25 \d+\.\d{3} · rerank -?\d+\.\d{3} \(\S+\)/);
      expect(meta).toMatch(/reranked by \S+ \[(en|de)( (en|de))?\]/);
      expect(meta).toContain('query en');
      // One short line; the routing reasons are on hover, one per document language.
      expect(metaBox!.height).toBeLessThan(2.5 * lineHeight);
      expect(routingWhy?.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^en → \S+: /)]));
      expect(langs.every((l) => l === 'en' || l === 'de')).toBe(true);
      expect(pixels.total).toBeGreaterThan(10_000);
      expect(pixels.inked / pixels.total).toBeGreaterThan(0.01);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows the API’s error message when a request is refused',
    async () => {
      // Prepare
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      // Act: "xx" is not a language, but a page can send anything; the API must explain
      await page.fill('#query', 'tea');
      await page.evaluate(
        "document.getElementById('query-lang').append(Object.assign(document.createElement('option'), { value: 'xx' }))",
      );
      await page.selectOption('#query-lang', 'xx');
      await page.click('#search');
      await page.waitForSelector('#meta.error');
      const message = await page.locator('#meta').innerText();
      await page.close();
      // Assess
      expect(message).toMatch(/^error 422 \(validation_error\): query_lang/);
    },
    BROWSER_TIMEOUT_MS,
  );
});
