import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALARMS, API_MEMORY_MB, USAGE_PLAN, WORKER_MEMORY_MB } from '../../infra/constants.js';
import { XlirStack } from '../../infra/stack.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lib/api/constants.js';

/** Inline code keeps synthesis free of bundling; the deployment bundles with esbuild. */
const INLINE = () => lambda.Code.fromInline('export const handler = async () => ({});');

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let template: Template;

/** Synthesis stages the lexicon pack and BucketDeployment's AWS CLI layer (~20 MB): seconds. */
const SYNTH_TIMEOUT_MS = 120_000;

beforeAll(() => {
  const app = new App();
  template = Template.fromStack(new XlirStack(app, 'Test', { code: INLINE }));
}, SYNTH_TIMEOUT_MS);

function resources(type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** A state machine definition is a Fn::Join of strings and tokens; tokens become placeholders. */
function stateMachineDefinition(): Record<string, unknown> {
  const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine'));
  const joined = (machine!.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : 'TOKEN'))
    .join('');
  return JSON.parse(joined) as Record<string, unknown>;
}

function functionByDescription(fragment: string): Resource {
  const found = Object.values(resources('AWS::Lambda::Function')).find((f) =>
    String(f.Properties.Description).includes(fragment),
  );
  if (!found) throw new Error(`no function described with "${fragment}"`);
  return found;
}

/** The statements of the policy attached to the role of the function with this description. */
function statementsOf(fragment: string): Statement[] {
  const role = (functionByDescription(fragment).Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  const policies = Object.values(resources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

function s3Resources(statements: Statement[], action: string): string[] {
  return statements
    .filter((s) => [s.Action].flat().includes(action))
    .flatMap((s) => [s.Resource].flat())
    .map((r) => JSON.stringify(r));
}

describe('deployment stack', () => {
  it('keeps the data bucket private, encrypted and versioned, and ages out usage records', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'usage/', ExpirationInDays: 400, Status: 'Enabled' }),
        ]),
      },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs every function on Node.js 22 on arm64, sized for its work', () => {
    const functions = Object.values(resources('AWS::Lambda::Function'));
    // Ours, and CDK's BucketDeployment handler (Python, also arm64) that copies the lexicon pack.
    const xlir = functions.filter((f) => String(f.Properties.Description).startsWith('xlir'));
    expect(xlir).toHaveLength(4);
    expect(functions).toHaveLength(5);
    for (const f of xlir) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
    for (const f of functions) expect(f.Properties.Architectures).toEqual(['arm64']);
    expect(functionByDescription('xlir API').Properties).toMatchObject({
      MemorySize: API_MEMORY_MB,
      Timeout: 29,
      EphemeralStorage: { Size: 4096 },
      Environment: {
        Variables: {
          XLIR_AUTH: 'gateway',
          XLIR_USAGE_SINK: 'emf',
          XLIR_INDEXES: {
            'Fn::Join': ['', ['default=s3://', { Ref: expect.any(String) }, '/indexes/default']],
          },
          XLIR_MODELS: { 'Fn::Join': ['', ['s3://', { Ref: expect.any(String) }, '/models/routing.json']] },
          XLIR_LEXICONS: { 'Fn::Join': ['', ['s3://', { Ref: expect.any(String) }, '/lexicons']] },
        },
      },
    });
    expect(functionByDescription('one input part').Properties).toMatchObject({
      MemorySize: WORKER_MEMORY_MB,
      Timeout: 900,
    });
  });

  it('requires an API key everywhere but /healthz, with a throttled, quota-bound usage plan', () => {
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: USAGE_PLAN.rateLimit, BurstLimit: USAGE_PLAN.burstLimit },
      Quota: { Limit: USAGE_PLAN.quotaPerMonth, Period: 'MONTH' },
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    const methods = Object.values(resources('AWS::ApiGateway::Method'));
    const keyless = methods.filter((m) => m.Properties.ApiKeyRequired !== true);
    expect(keyless).toHaveLength(1);
    expect(keyless[0]!.Properties.HttpMethod).toBe('GET');
    expect(methods.every((m) => (m.Properties.Integration as { Type: string }).Type === 'AWS_PROXY')).toBe(
      true,
    );
  });

  it('builds indexes with a distributed map over the input parts, then publishes', () => {
    const definition = stateMachineDefinition() as {
      States: Record<string, Record<string, unknown>>;
    };
    const map = definition.States.BuildShards!;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
      ItemReader: {
        Resource: expect.stringContaining(':states:::s3:listObjectsV2'),
        Parameters: { 'Prefix.$': '$.corpus' },
      },
      ItemSelector: { 'shard.$': '$$.Map.Item.Index', 'buildId.$': '$$.Execution.Name' },
      Next: 'Publish',
    });
    // Absent means zero: one failed part fails the map, so publish never sees a partial build.
    expect(map.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(map.ToleratedFailureCount ?? 0).toBe(0);
    expect(definition.States.Publish).toMatchObject({
      Parameters: { 'expectedShards.$': 'States.ArrayLength($.shardDocs)', 'buildId.$': '$$.Execution.Name' },
    });
  });

  it('alarms on the API 5xx rate and p99 latency', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: ALARMS.serverErrorRatePercent,
      ComparisonOperator: 'GreaterThanThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('errors / requests') }),
        Match.objectLike({
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5XXError' }) }),
        }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Threshold: ALARMS.latencyP99Ms,
    });
  });

  it("alarms on the p99 of a search's first stage and rerank, from the api function's EMF metrics", () => {
    for (const [metricName, threshold] of [
      ['first_stage_ms', ALARMS.firstStageP99Ms],
      ['rerank_ms', ALARMS.rerankP99Ms],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metricName,
        Namespace: METRICS_NAMESPACE,
        Dimensions: Match.arrayWith([
          { Name: 'route', Value: '/v1/search' },
          { Name: 'service', Value: SERVICE_NAME },
        ]),
        ExtendedStatistic: 'p99',
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: Match.anyValue(),
        OKActions: Match.anyValue(),
      });
    }
  });

  it('ships the lexicon pack to lexicons/: direction objects first, then lexicons.json, nothing pruned', () => {
    const deployments = Object.entries(resources('Custom::CDKBucketDeployment')) as Array<
      [string, Resource & { DependsOn?: string[] }]
    >;
    expect(deployments).toHaveLength(2);
    const common = { DestinationBucketKeyPrefix: 'lexicons/', Prune: false, RetainOnDelete: true };
    const [directionsId, directions] = deployments.find(([, d]) => d.Properties.Include === undefined)!;
    const [manifestId, manifest] = deployments.find(([, d]) => d.Properties.Include !== undefined)!;
    expect(directions.Properties).toMatchObject({ ...common, Exclude: ['lexicons.json'] });
    expect(manifest.Properties).toMatchObject({ ...common, Exclude: ['*'], Include: ['lexicons.json'] });
    // Both copy the same asset: the pack folder, zipped once.
    expect(manifest.Properties.SourceObjectKeys).toEqual(directions.Properties.SourceObjectKeys);
    expect(manifest.DependsOn).toContain(directionsId);
    // The API function is created or updated only once the pack is complete.
    const [api] = Object.values(
      resources('AWS::Lambda::Function') as Record<string, Resource & { DependsOn?: string[] }>,
    ).filter((f) => String(f.Properties.Description).startsWith('xlir API'));
    expect(api!.DependsOn).toContain(manifestId);
  });

  it('confines the pack copier to lexicons/: it may not touch indexes, models, usage or inputs', () => {
    const denied = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => s.Effect === 'Deny');
    expect(denied).toHaveLength(1);
    expect([denied[0]!.Action].flat()).toEqual(expect.arrayContaining(['s3:PutObject*', 's3:DeleteObject*']));
    const resourcesDenied = [denied[0]!.Resource].flat().map((r) => JSON.stringify(r));
    expect(resourcesDenied).toEqual(
      ['/indexes/*', '/models/*', '/usage/*', '/corpora/*'].map((p) => expect.stringContaining(p)),
    );
    expect(resourcesDenied.join()).not.toContain('/lexicons/');
  });

  it('gives each function only the bucket prefixes and actions it needs', () => {
    const api = statementsOf('xlir API');
    const worker = statementsOf('one input part');
    const publish = statementsOf('manifest last');
    const all = [...api, ...worker, ...publish];
    expect(all.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('s3:'))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/\*|Delete/)]),
    );
    expect(s3Resources(api, 's3:PutObject')).toEqual([]);
    expect(s3Resources(api, 's3:GetObject')).toEqual([
      expect.stringContaining('/indexes/*'),
      expect.stringContaining('/models/*'),
      expect.stringContaining('/lexicons/*'),
    ]);
    expect(s3Resources(worker, 's3:GetObject')).toEqual([expect.stringContaining('/corpora/*')]);
    expect(s3Resources(worker, 's3:PutObject')).toEqual([expect.stringContaining('/indexes/*')]);
    expect(s3Resources(publish, 's3:PutObject')).toEqual([expect.stringContaining('/indexes/*')]);
    // No function may touch every object of the bucket.
    for (const resource of [...s3Resources(all, 's3:GetObject'), ...s3Resources(all, 's3:PutObject')]) {
      expect(resource).not.toMatch(/"\/\*"/);
    }
  });
});
