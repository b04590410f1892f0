/**
 * The whole deployment in one stack: the data bucket, the four functions,
 * the REST API with its usage plan and alarms, the index-build state machine
 * (with housekeeping after each publish), the lexicon pack the API translates
 * queries with, and the SNS topic every alarm reports to.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { AlarmTopic } from './alarms.js';
import { XlirApi } from './api.js';
import { AUTH_CONTEXT, BillingTables, deployedAuth, type DeployedAuth } from './billing.js';
import {
  API_EPHEMERAL_MB,
  API_MEMORY_MB,
  API_TIMEOUT,
  DEFAULT_INDEX_NAME,
  GC_MEMORY_MB,
  GC_TIMEOUT,
  LAMBDA_BASE_ENV,
  PREFIX,
  PUBLISH_MEMORY_MB,
  PUBLISH_TIMEOUT,
  WORKER_MEMORY_MB,
  WORKER_TIMEOUT,
} from './constants.js';
import { createFunction, type CodeOverride } from './functions.js';
import { IndexBuild } from './index-build.js';
import { StageAlarms } from './stage-alarms.js';
import { LexiconPackDeployment } from './lexicons.js';
import { createDataBucket, grantPrefixes } from './storage.js';

export interface XlirStackProps extends StackProps {
  /** Index names the API serves, each at `s3://<bucket>/indexes/<name>`; the first is the default. */
  indexNames?: readonly string[];
  /** Function code instead of esbuild bundles (tests); see CodeOverride. */
  code?: CodeOverride;
  /** Local lexicon pack folder to deploy; default: the `lexiconPack` context, else the demo pack. */
  lexiconPackDir?: string;
  /** Who checks API keys (billing.ts); default: the `auth` context, else gateway. */
  auth?: DeployedAuth;
}

export class XlirStack extends Stack {
  constructor(scope: Construct, id: string, props: XlirStackProps = {}) {
    super(scope, id, props);
    const bucket = createDataBucket(this);
    const s3Uri = (key: string) => `s3://${bucket.bucketName}/${key}`;
    const indexNames = props.indexNames ?? [DEFAULT_INDEX_NAME];
    const code = props.code;
    const auth = props.auth ?? deployedAuth(this.node.tryGetContext(AUTH_CONTEXT));
    // Keys, quota counters and the usage ledger, shared by every API container.
    const billing = new BillingTables(this, 'Billing');
    const lexicons = new LexiconPackDeployment(this, 'Lexicons', {
      bucket,
      ...(props.lexiconPackDir !== undefined ? { packDir: props.lexiconPackDir } : {}),
    });

    const api = createFunction(this, 'ApiFunction', {
      name: 'api',
      description: 'xlir API: search and rerank',
      memorySize: API_MEMORY_MB,
      timeout: API_TIMEOUT,
      ephemeralStorageMb: API_EPHEMERAL_MB,
      // X-Ray: the handler's Powertools Tracer adds first-stage, rerank and storage segments.
      tracing: lambda.Tracing.ACTIVE,
      code,
      environment: {
        ...LAMBDA_BASE_ENV,
        XLIR_INDEXES: indexNames.map((name) => `${name}=${s3Uri(`${PREFIX.indexes}${name}`)}`).join(','),
        XLIR_MODELS: s3Uri(`${PREFIX.models}routing.json`),
        // Queries are translated into the documents' languages with the pack (one GET to open it).
        XLIR_LEXICONS: lexicons.uri,
        // XLIR_AUTH, and the tables: where keys are checked, quotas reserved and usage recorded.
        ...billing.apiEnvironment(auth),
        XLIR_USAGE_SINK: 'emf',
      },
    });
    grantPrefixes(api, bucket, { read: [PREFIX.indexes, PREFIX.models, PREFIX.lexicons] });
    billing.grantApi(api, auth);
    // A new or updated function starts only once the whole pack (manifest last) is in place.
    api.node.addDependency(lexicons.manifest);

    const worker = createFunction(this, 'IndexBuildWorker', {
      name: 'worker',
      description: 'xlir index build: one input part into one shard',
      memorySize: WORKER_MEMORY_MB,
      timeout: WORKER_TIMEOUT,
      code,
      environment: LAMBDA_BASE_ENV,
    });
    grantPrefixes(worker, bucket, { read: [PREFIX.corpora], write: [PREFIX.indexes] });

    const publish = createFunction(this, 'IndexBuildPublish', {
      name: 'publish',
      description: 'xlir index build: merge shard statistics, write the manifest last',
      memorySize: PUBLISH_MEMORY_MB,
      timeout: PUBLISH_TIMEOUT,
      code,
      environment: LAMBDA_BASE_ENV,
    });
    grantPrefixes(publish, bucket, { read: [PREFIX.indexes], write: [PREFIX.indexes] });

    const gc = createFunction(this, 'IndexGc', {
      name: 'gc',
      description: 'xlir index build: after publish, delete builds nothing needs any more',
      memorySize: GC_MEMORY_MB,
      timeout: GC_TIMEOUT,
      code,
      environment: LAMBDA_BASE_ENV,
    });
    // Put: the note gc leaves on a build it cannot date yet. The only function that may delete.
    grantPrefixes(gc, bucket, { read: [PREFIX.indexes], write: [PREFIX.indexes], delete: [PREFIX.indexes] });

    const rest = new XlirApi(this, 'Api', { handler: api, gatewayKeys: auth === 'gateway' });
    new StageAlarms(this, 'StageAlarms');
    const build = new IndexBuild(this, 'IndexBuild', { bucket, worker, publish, gc });
    // Last, so it finds every alarm above.
    const alarms = new AlarmTopic(this, 'Alarms');
    alarms.watch(this);

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'ApiUrl', { value: rest.api.url });
    if (rest.apiKey) {
      new CfnOutput(this, 'ApiKeyId', {
        value: rest.apiKey.keyId,
        description: 'aws apigateway get-api-key --include-value --api-key <id> prints the key',
      });
    }
    new CfnOutput(this, 'KeysTable', {
      value: billing.keys.tableName,
      description: 'xlir api-key create --id ID --table <name> adds a key (auth=keys)',
    });
    new CfnOutput(this, 'UsageTable', { value: billing.usage.tableName });
    new CfnOutput(this, 'IndexBuildStateMachine', { value: build.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }
}
