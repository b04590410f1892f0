/**
 * Index builds as a Step Functions state machine: a Distributed Map lists the
 * input parts under a prefix and runs one worker per part in parallel (part i
 * becomes shard i, in key order), then the publish function merges the
 * shards' statistics and writes the manifest last, then the gc function deletes
 * the index's builds that nothing needs any more (kept: the GC_KEEP_BUILDS most
 * recent, and any replaced within lib/index's grace period).
 *
 * Execution input: {"corpus": "corpora/<name>/", "index": "indexes/<name>",
 * "lang"?: "de", "k1"?: 0.9, "b"?: 0.4, "skipDuplicates"?: false}. The
 * execution name is the build id (letters, digits, '.', '_', '-'; the default
 * UUID names qualify), so a redriven execution rewrites the same build.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ALARMS, BUILD_MAX_CONCURRENCY, BUILD_TIMEOUT, GC_KEEP_BUILDS } from './constants.js';

export interface IndexBuildProps {
  bucket: s3.IBucket;
  worker: lambda.IFunction;
  publish: lambda.IFunction;
  /** Housekeeping after publish: deletes builds nothing needs any more (lib/index's gc). */
  gc: lambda.IFunction;
}

/** Optional execution-input fields; JSONPath fails on a missing key, so they default to null. */
const OPTIONAL_INPUT_DEFAULTS = { lang: null, k1: null, b: null, skipDuplicates: null };

export class IndexBuild extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly failureAlarm: cloudwatch.Alarm;
  readonly gcFailureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IndexBuildProps) {
    super(scope, id);
    const { bucket } = props;
    const objectUri = (path: string) => sfn.JsonPath.format(`s3://${bucket.bucketName}/{}`, path);

    const defaults = new sfn.Pass(this, 'Defaults', {
      result: sfn.Result.fromObject(OPTIONAL_INPUT_DEFAULTS),
      resultPath: '$.defaults',
    });
    const withDefaults = new sfn.Pass(this, 'ApplyDefaults', {
      parameters: {
        args: sfn.JsonPath.jsonMerge(
          sfn.JsonPath.objectAt('$.defaults'),
          sfn.JsonPath.objectAt('$$.Execution.Input'),
        ),
      },
      outputPath: '$.args',
    });

    const buildShard = new tasks.LambdaInvoke(this, 'BuildShard', {
      lambdaFunction: props.worker,
      payloadResponseOnly: true,
      // Only the count returns to the map, so its result stays far below the 256 KiB state limit.
      outputPath: '$.docCount',
    });
    const buildShards = new sfn.DistributedMap(this, 'BuildShards', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket, prefix: sfn.JsonPath.stringAt('$.corpus') }),
      itemSelector: {
        input: objectUri(sfn.JsonPath.stringAt('$$.Map.Item.Value.Key')),
        index: objectUri(sfn.JsonPath.stringAt('$.index')),
        buildId: sfn.JsonPath.stringAt('$$.Execution.Name'),
        shard: sfn.JsonPath.numberAt('$$.Map.Item.Index'),
        lang: sfn.JsonPath.stringAt('$.lang'),
        skipDuplicates: sfn.JsonPath.stringAt('$.skipDuplicates'),
      },
      maxConcurrency: BUILD_MAX_CONCURRENCY,
      // No tolerated failures (the default): one missing shard makes the index wrong, so any
      // failed part fails the build before publish.
      resultPath: '$.shardDocs',
    });
    buildShards.itemProcessor(buildShard);

    const publish = new tasks.LambdaInvoke(this, 'Publish', {
      lambdaFunction: props.publish,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        index: objectUri(sfn.JsonPath.stringAt('$.index')),
        buildId: sfn.JsonPath.stringAt('$$.Execution.Name'),
        k1: sfn.JsonPath.numberAt('$.k1'),
        b: sfn.JsonPath.numberAt('$.b'),
        expectedShards: sfn.JsonPath.arrayLength(sfn.JsonPath.listAt('$.shardDocs')),
      }),
    });

    // The build is live once publish returns; housekeeping that fails must not fail it (the
    // FailedBuilds alarm would say the previous index is still served, which is untrue). Its
    // failures reach the alarm topic through the gc function's own error alarm instead.
    const collectGarbage = new tasks.LambdaInvoke(this, 'CollectGarbage', {
      lambdaFunction: props.gc,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        index: objectUri(sfn.JsonPath.stringAt('$$.Execution.Input.index')),
        keep: GC_KEEP_BUILDS,
        buildId: sfn.JsonPath.stringAt('$$.Execution.Name'),
      }),
      resultPath: '$.gc',
    });
    collectGarbage.addCatch(new sfn.Pass(this, 'GarbageLeftForNextBuild'), { resultPath: '$.gcError' });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        defaults.next(withDefaults).next(buildShards).next(publish).next(collectGarbage),
      ),
      timeout: BUILD_TIMEOUT,
      logs: {
        destination: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
        level: sfn.LogLevel.ERROR,
      },
    });
    this.failureAlarm = new cloudwatch.Alarm(this, 'FailedBuilds', {
      alarmDescription: 'An index build failed; the previous index is still being served',
      metric: this.stateMachine.metricFailed(),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.gcFailureAlarm = new cloudwatch.Alarm(this, 'FailedGc', {
      alarmDescription: 'Index housekeeping (gc after publish) failed; old builds are kept until a later run',
      metric: props.gc.metricErrors({ period: ALARMS.period }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
