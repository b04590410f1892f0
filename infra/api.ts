/**
 * The public face: a REST API (API Gateway v1, for its usage plans and API
 * keys) proxying every path to the API function, and alarms on its 5xx rate
 * and p99 latency. Without gateway keys (auth=keys, infra/billing.ts) the
 * function checks keys itself and the gateway only throttles the stage.
 */
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ALARMS, API_STAGE, STAGE_THROTTLE, USAGE_PLAN } from './constants.js';

export interface ApiProps {
  handler: lambda.IFunction;
  /** API Gateway requires its API keys and enforces a usage plan (default); false: the function checks keys. */
  gatewayKeys?: boolean;
}

export class XlirApi extends Construct {
  readonly api: apigw.RestApi;
  /** Undefined without gateway keys. */
  readonly usagePlan: apigw.UsagePlan | undefined;
  readonly apiKey: apigw.IApiKey | undefined;
  readonly serverErrorAlarm: cloudwatch.Alarm;
  readonly latencyAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const integration = new apigw.LambdaIntegration(props.handler);
    const gatewayKeys = props.gatewayKeys ?? true;
    this.api = new apigw.RestApi(this, 'Rest', {
      description: 'xlir cross-lingual retrieval API',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Every route needs a key, so every request counts against a usage plan (or, without
      // gateway keys, the function checks the key of every route but /healthz itself).
      defaultMethodOptions: { apiKeyRequired: gatewayKeys },
      deployOptions: {
        stageName: API_STAGE,
        metricsEnabled: true,
        throttlingRateLimit: STAGE_THROTTLE.rateLimit,
        throttlingBurstLimit: STAGE_THROTTLE.burstLimit,
      },
    });
    // Every path goes to the one function, which routes it (Hono); API Gateway only admits.
    this.api.root.addMethod('ANY', integration);
    this.api.root.addProxy({ defaultIntegration: integration, anyMethod: true });
    // Uptime checks probe /healthz without a key.
    this.api.root.addResource('healthz').addMethod('GET', integration, { apiKeyRequired: false });

    if (gatewayKeys) {
      this.usagePlan = this.api.addUsagePlan('StandardPlan', {
        description: 'Default plan: rate limit and monthly quota per API key',
        throttle: { rateLimit: USAGE_PLAN.rateLimit, burstLimit: USAGE_PLAN.burstLimit },
        quota: { limit: USAGE_PLAN.quotaPerMonth, period: apigw.Period.MONTH },
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      // API Gateway generates the key's value; it never appears in the template.
      this.apiKey = this.api.addApiKey('DefaultKey', { description: 'First key of the default plan' });
      this.usagePlan.addApiKey(this.apiKey);
    } else {
      this.usagePlan = undefined;
      this.apiKey = undefined;
    }

    this.serverErrorAlarm = this.serverErrorRateAlarm();
    this.latencyAlarm = new cloudwatch.Alarm(this, 'LatencyP99', {
      alarmDescription: `p99 latency of the API above ${ALARMS.latencyP99Ms} ms`,
      metric: this.api.metricLatency({ statistic: 'p99', period: ALARMS.period }),
      threshold: ALARMS.latencyP99Ms,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: ALARMS.evaluationPeriods,
      datapointsToAlarm: ALARMS.datapointsToAlarm,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** A rate, not a count: ten errors are an outage at night and noise at peak. */
  private serverErrorRateAlarm(): cloudwatch.Alarm {
    const rate = new cloudwatch.MathExpression({
      label: '5xx rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: this.api.metricServerError({ statistic: 'Sum', period: ALARMS.period }),
        requests: this.api.metricCount({ statistic: 'Sum', period: ALARMS.period }),
      },
      period: ALARMS.period,
    });
    return new cloudwatch.Alarm(this, 'ServerErrorRate', {
      alarmDescription: `More than ${ALARMS.serverErrorRatePercent}% of API requests answered 5xx`,
      metric: rate,
      threshold: ALARMS.serverErrorRatePercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: ALARMS.evaluationPeriods,
      datapointsToAlarm: ALARMS.datapointsToAlarm,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
