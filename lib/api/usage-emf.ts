/**
 * The AWS usage sink: each record is one structured log line (Powertools Logger) and one
 * CloudWatch EMF blob (Powertools Metrics). The key id goes in as metadata, not a dimension:
 * every dimension value is a separate CloudWatch metric, billed monthly, so per-key dimensions
 * would cost per key; metadata stays searchable in CloudWatch Logs Insights.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE_NAME } from './constants.js';
import type { UsageRecord, UsageSink } from './usage.js';

/** What the sink needs of Powertools' Logger. */
export interface UsageLogger {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
}

/** What the sink needs of Powertools' Metrics. */
export interface UsageMetrics {
  addDimension(name: string, value: string): unknown;
  addMetadata(key: string, value: string): unknown;
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  publishStoredMetrics(): void;
}

export class PowertoolsUsageSink implements UsageSink {
  constructor(
    private readonly logger: UsageLogger = new Logger({ serviceName: SERVICE_NAME }),
    private readonly metrics: UsageMetrics = new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName: SERVICE_NAME,
    }),
  ) {}

  record(entry: UsageRecord): void {
    this.logger.info('usage', { usage: entry });
    const m = this.metrics;
    m.addDimension('route', entry.route);
    m.addMetadata('key_id', entry.key_id);
    m.addMetadata('request_id', entry.request_id);
    m.addMetadata('status', String(entry.status));
    m.addMetric('Requests', MetricUnit.Count, 1);
    m.addMetric('BilledSearchUnits', MetricUnit.Count, entry.billed_units);
    m.addMetric('DocumentsReranked', MetricUnit.Count, entry.documents_reranked);
    m.addMetric('RerankTokens', MetricUnit.Count, entry.tokens);
    m.addMetric('Latency', MetricUnit.Milliseconds, entry.latency_ms);
    if (entry.status >= 500) m.addMetric('ServerErrors', MetricUnit.Count, 1);
    // One blob per request, so its metadata (the key id) belongs to exactly this request.
    m.publishStoredMetrics();
  }
}
