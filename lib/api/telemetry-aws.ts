/**
 * The Lambda host's telemetry (telemetry.ts): stages as X-Ray subsegments through Powertools
 * Tracer, under the segment the handler opened, and each request's figures as one CloudWatch
 * EMF blob through Powertools Metrics (first_stage_ms, rerank_ms, storage_gets; dimension:
 * route, a bounded set). Tracer turns itself off outside Lambda, and so do the spans here; the
 * metrics are only made where a host asks for them. Imported by functions/api/handler.ts only,
 * so a local server never loads the X-Ray SDK.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { StageFigures, Telemetry, TraceSpan } from './telemetry.js';
import type { UsageMetrics } from './usage-emf.js';

/** X-Ray subsegment names follow Powertools' convention for code below the handler. */
const SPAN_PREFIX = '### ';

/** What the telemetry needs of Powertools' Tracer. */
export type StageTracer = Pick<Tracer, 'isTracingEnabled' | 'getSegment'>;

export class PowertoolsTelemetry implements Telemetry {
  constructor(
    private readonly tracer: StageTracer,
    private readonly metrics: Pick<UsageMetrics, 'addDimension' | 'addMetric' | 'publishStoredMetrics'>,
  ) {}

  span(name: string): TraceSpan {
    const parent = this.tracer.isTracingEnabled() ? this.tracer.getSegment() : undefined;
    if (!parent) return { end: () => {}, note: () => {} };
    const segment = parent.addNewSubsegment(`${SPAN_PREFIX}${name}`);
    return {
      note: (key, value) => segment.addMetadata(key, value),
      end: (error) => {
        if (error !== undefined) segment.addError(error instanceof Error ? error : String(error));
        segment.close();
      },
    };
  }

  publish(route: string, figures: StageFigures): void {
    const m = this.metrics;
    m.addDimension('route', route);
    if (figures.firstStageMs !== undefined)
      m.addMetric('first_stage_ms', MetricUnit.Milliseconds, figures.firstStageMs);
    if (figures.rerankMs !== undefined) m.addMetric('rerank_ms', MetricUnit.Milliseconds, figures.rerankMs);
    m.addMetric('storage_gets', MetricUnit.Count, figures.storageGets);
    // One blob per request: its figures belong to exactly this request.
    m.publishStoredMetrics();
  }
}
