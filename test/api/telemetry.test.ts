/** Stage timings, storage GETs and trace segments of a request, and their Lambda form. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import type { StageFigures, Telemetry } from '../../lib/api/telemetry.js';
import { PowertoolsTelemetry, type StageTracer } from '../../lib/api/telemetry-aws.js';
import { getJson, postJson, testApp, useFixtureIndex } from './helpers.js';

const fixture = useFixtureIndex();

/** Records every span (in the order opened, with when it ended) and every published figure. */
function recorder() {
  const events: string[] = [];
  const published: Array<{ route: string; figures: StageFigures }> = [];
  const telemetry: Telemetry = {
    span: (name) => {
      events.push(`open ${name}`);
      return { note: () => {}, end: (error) => void events.push(`end ${name}${error ? ' (failed)' : ''}`) };
    },
    publish: (route, figures) => void published.push({ route, figures }),
  };
  return { telemetry, events, published };
}

describe('stage telemetry of the app', () => {
  it('times a search’s first stage and rerank, counts its storage GETs, and traces each stage', async () => {
    // Prepare: a fresh app, so its first search opens the index (manifest, head bundle).
    const { telemetry, events, published } = recorder();
    const app = testApp(fixture.indexDir, { telemetry });
    // Act
    const response = await postJson(app, '/v1/search', { query: 'telephone', rerank: { depth: 3 } });
    await getJson(app, '/v1/models');
    // Assess
    expect(response.status).toBe(200);
    expect(published).toHaveLength(1);
    const [{ route, figures }] = published as [{ route: string; figures: StageFigures }];
    expect(route).toBe('/v1/search');
    expect(figures.firstStageMs).toBeGreaterThan(0);
    expect(figures.rerankMs).toBeGreaterThan(0);
    // Manifest + head bundle + at least one postings or document read.
    expect(figures.storageGets).toBeGreaterThan(2);
    expect(events.filter((e) => e === 'open storage')).toHaveLength(Math.min(figures.storageGets, 50));
    // The first stage ends where the rerank begins; every span is closed, none failed.
    expect(events.indexOf('end first_stage')).toBeLessThan(events.indexOf('open rerank'));
    expect(events.indexOf('open first_stage')).toBe(0);
    expect(events.filter((e) => e.startsWith('open')).length).toBe(
      events.filter((e) => e.startsWith('end')).length,
    );
    expect(events.some((e) => e.includes('failed'))).toBe(false);
  });

  it('publishes a rerank route’s rerank time with no first stage and no storage GETs', async () => {
    // Prepare
    const { telemetry, published, events } = recorder();
    const app = testApp(fixture.indexDir, { telemetry });
    // Act
    await postJson(app, '/v1/rerank', { query: 'telephone', documents: ['a telephone', 'b'] });
    // Assess
    expect(published).toEqual([
      {
        route: '/v1/rerank',
        figures: { firstStageMs: undefined, rerankMs: expect.any(Number), storageGets: 0 },
      },
    ]);
    expect(events).toEqual(['open rerank', 'end rerank']);
  });

  it('marks the first stage failed when the search answers 5xx', async () => {
    const { telemetry, events, published } = recorder();
    const app = testApp(`${fixture.dir}/no-such-index`, { telemetry });
    const response = await postJson(app, '/v1/search', { query: 'telephone' });
    expect(response.status).toBe(503);
    // The manifest's GET and the head bundle's, sent together, fail; then the stage.
    expect(events).toEqual([
      'open first_stage',
      'open storage',
      'open storage',
      'end storage (failed)',
      'end storage (failed)',
      'end first_stage (failed)',
    ]);
    expect(published[0]!.figures.rerankMs).toBeUndefined();
  });
});

/** A stand-in for Tracer's segment and Metrics, recording what the telemetry does with them. */
function fakes(enabled: boolean) {
  const calls: string[] = [];
  const tracer: StageTracer = {
    isTracingEnabled: () => enabled,
    getSegment: () =>
      ({
        addNewSubsegment: (name: string) => {
          calls.push(`subsegment ${name}`);
          return {
            addMetadata: (key: string, value: unknown) => void calls.push(`metadata ${key}=${String(value)}`),
            addError: (error: Error | string) => void calls.push(`error ${String(error)}`),
            close: () => void calls.push(`close ${name}`),
          };
        },
      }) as unknown as ReturnType<StageTracer['getSegment']>,
  };
  const metrics = {
    addDimension: (name: string, value: string) => void calls.push(`dimension ${name}=${value}`),
    addMetric: (name: string, unit: string, value: number) =>
      void calls.push(`metric ${name} ${unit} ${value}`),
    publishStoredMetrics: () => void calls.push('publish'),
  };
  return { calls, telemetry: new PowertoolsTelemetry(tracer, metrics) };
}

describe('PowertoolsTelemetry (the Lambda handler’s)', () => {
  it('opens X-Ray subsegments under the current segment, closing them with their errors', () => {
    const { calls, telemetry } = fakes(true);
    const span = telemetry.span('storage');
    span.note('key', 'builds/b1/shard-00000.xsh');
    span.end(new Error('throttled'));
    expect(calls).toEqual([
      'subsegment ### storage',
      'metadata key=builds/b1/shard-00000.xsh',
      'error Error: throttled',
      'close ### storage',
    ]);
  });

  it('records nothing in X-Ray when tracing is off (outside Lambda)', () => {
    const { calls, telemetry } = fakes(false);
    telemetry.span('rerank').end();
    expect(calls).toEqual([]);
  });

  it('publishes first_stage_ms, rerank_ms and storage_gets as one EMF blob per request, by route', () => {
    const { calls, telemetry } = fakes(false);
    telemetry.publish('/v1/search', { firstStageMs: 12.5, rerankMs: 80, storageGets: 7 });
    telemetry.publish('/v1/rerank', { firstStageMs: undefined, rerankMs: 30, storageGets: 0 });
    expect(calls).toEqual([
      'dimension route=/v1/search',
      `metric first_stage_ms ${MetricUnit.Milliseconds} 12.5`,
      `metric rerank_ms ${MetricUnit.Milliseconds} 80`,
      `metric storage_gets ${MetricUnit.Count} 7`,
      'publish',
      'dimension route=/v1/rerank',
      `metric rerank_ms ${MetricUnit.Milliseconds} 30`,
      `metric storage_gets ${MetricUnit.Count} 0`,
      'publish',
    ]);
  });
});
