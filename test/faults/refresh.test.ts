/**
 * The check for a new build runs in the background: while a build is in memory, no request
 * waits on manifest.json, not even when its GET hangs and ignores every abort. The build in
 * hand keeps answering, one check at a time is in flight, and a new build is served once the
 * store answers again.
 */
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../lib/index/index.js';
import { memoryLog } from '../api/helpers.js';
import {
  buildFaultIndex,
  faultApp,
  FaultRecorder,
  faultyStack,
  freshProbe,
  useFaultIndex,
} from './helpers.js';

const recorder = new FaultRecorder('background refresh (deadline 1500 ms, check on every request)');
const fixture = useFaultIndex();

describe('a hung manifest.json GET', () => {
  it('holds no request while a build is in memory, and the next build comes once the store answers', async () => {
    // Prepare
    const { faulty, store } = faultyStack(fixture.indexDir);
    const log = memoryLog();
    const app = faultApp(fixture.indexDir, store, { requestDeadlineMs: 1_500, indexRefreshMs: 0, log });
    const search = (scenario: string) =>
      recorder.search(app, scenario, { query: freshProbe(), query_lang: 'en', top_k: 30 });
    const first = await search('warm-up');
    const pinned = first.body.meta!.index.build_id;
    const manifestGets = () => faulty.keys.filter((k) => k === MANIFEST_KEY).length;
    const before = manifestGets();
    faulty.fault = (key) => (key === MANIFEST_KEY ? 'deaf-hang' : undefined);
    // Act
    const during = [];
    for (let i = 0; i < 5; i++) during.push(await search('manifest.json GET hangs (deaf)'));
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => search('manifest.json hangs, 5 at once')),
    );
    const getsDuring = manifestGets();
    await buildFaultIndex(fixture.indexDir);
    faulty.fault = () => undefined;
    faulty.release();
    // Assess
    for (const answer of [...during, ...concurrent]) {
      expect(answer.status).toBe(200);
      expect(answer.body.meta!.index.build_id).toBe(pinned);
      expect(answer.body.meta!.partial).toBe(false);
      expect(answer.ms).toBeLessThan(250);
    }
    // One check was started and is stuck; the requests after it did not start more.
    expect(getsDuring - before).toBe(1);
    await expect
      .poll(() =>
        log.lines.some((l) => l.level === 'warn' && /could not check for a new build/.test(l.message)),
      )
      .toBe(true);
    await expect
      .poll(async () => (await search('after the store answers again')).body.meta!.index.build_id, {
        timeout: 5_000,
        interval: 20,
      })
      .not.toBe(pinned);
  });
});
