/**
 * Alarms on the api function's per-stage metrics, which the overall latency alarm (API Gateway's
 * p99) cannot tell apart: a slow first stage (the store, or shards waited out) and a slow rerank
 * (the models, or too little CPU) need different fixes. The metrics are the EMF blob each
 * /v1/search publishes (lib/api/telemetry-aws.ts): namespace METRICS_NAMESPACE, dimensions
 * `service` (Powertools adds the service name) and `route`. Their ALARM and OK transitions go to
 * the stack's alarm topic like every other alarm (alarms.ts).
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lib/api/constants.js';
import { ALARMS } from './constants.js';

/** The route whose stages are watched: the one that has both a first stage and a rerank. */
export const WATCHED_ROUTE = '/v1/search';

export class StageAlarms extends Construct {
  readonly firstStage: cloudwatch.Alarm;
  readonly rerank: cloudwatch.Alarm;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.firstStage = this.p99Alarm('FirstStageP99', 'first_stage_ms', ALARMS.firstStageP99Ms, 'first stage');
    this.rerank = this.p99Alarm('RerankP99', 'rerank_ms', ALARMS.rerankP99Ms, 'rerank');
  }

  private p99Alarm(id: string, metricName: string, thresholdMs: number, stage: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      alarmDescription: `p99 of the ${stage} of ${WATCHED_ROUTE} above ${thresholdMs} ms (${metricName})`,
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME, route: WATCHED_ROUTE },
        statistic: 'p99',
        period: ALARMS.period,
      }),
      threshold: thresholdMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: ALARMS.evaluationPeriods,
      datapointsToAlarm: ALARMS.datapointsToAlarm,
      // No searches, or none reranked, is no evidence of a slow stage.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
