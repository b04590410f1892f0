/** The stack's operations: index housekeeping (gc after publish), tracing, and where alarms go. */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALARM_EMAIL_PARAMETER } from '../../infra/alarms.js';
import { GC_KEEP_BUILDS } from '../../infra/constants.js';
import { XlirStack } from '../../infra/stack.js';

const INLINE = () => lambda.Code.fromInline('export const handler = async () => ({});');
const SYNTH_TIMEOUT_MS = 120_000;

type Resource = { Type: string; Properties: Record<string, unknown>; Condition?: string };
type Statement = { Action: string | string[]; Resource: unknown };

let template: Template;

beforeAll(() => {
  template = Template.fromStack(new XlirStack(new App(), 'Test', { code: INLINE }));
}, SYNTH_TIMEOUT_MS);

function resources(type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

function states(): Record<string, Record<string, unknown>> {
  const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine'));
  const joined = (machine!.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : 'TOKEN'))
    .join('');
  return (JSON.parse(joined) as { States: Record<string, Record<string, unknown>> }).States;
}

/** Every statement of every role, with the description of the function that has the role. */
function statementsByFunction(): Array<{ fn: string; statement: Statement }> {
  const functions = Object.values(resources('AWS::Lambda::Function'));
  const out: Array<{ fn: string; statement: Statement }> = [];
  for (const policy of Object.values(resources('AWS::IAM::Policy'))) {
    const roles = (policy.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref);
    const fn = functions.find((f) =>
      roles.includes((f.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]),
    );
    for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
      out.push({ fn: String(fn?.Properties.Description ?? 'none'), statement });
    }
  }
  return out;
}

describe('index housekeeping in the stack', () => {
  it('runs gc after every publish, keeping the most recent builds, without failing the build when gc fails', () => {
    const all = states();
    expect(all.Publish).toMatchObject({ Next: 'CollectGarbage' });
    expect(all.CollectGarbage).toMatchObject({
      Type: 'Task',
      End: true,
      ResultPath: '$.gc',
      Parameters: {
        keep: GC_KEEP_BUILDS,
        'buildId.$': '$$.Execution.Name',
        'index.$': expect.stringContaining('$$.Execution.Input.index'),
      },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'GarbageLeftForNextBuild', ResultPath: '$.gcError' }],
    });
    expect(all.GarbageLeftForNextBuild).toMatchObject({ Type: 'Pass', End: true });
  });

  it('lets only the gc function delete, and only under indexes/', () => {
    const deletes = statementsByFunction().filter(({ statement }) =>
      [statement.Action].flat().some((a) => a.startsWith('s3:Delete')),
    );
    // The lexicon pack copier's Deny is not a grant; every Allow to delete is gc's.
    const allowed = deletes.filter(({ fn }) => fn.startsWith('xlir'));
    expect(allowed.map(({ fn }) => fn)).toEqual([expect.stringContaining('delete builds nothing needs')]);
    expect(allowed[0]!.statement.Action).toBe('s3:DeleteObject');
    expect([allowed[0]!.statement.Resource].flat().map((r) => JSON.stringify(r))).toEqual([
      expect.stringContaining('/indexes/*'),
    ]);
  });

  it('sends every alarm, ALARM and OK, to one SNS topic with an optional email subscription', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const [topicId] = Object.keys(resources('AWS::SNS::Topic'));
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(4);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
    expect(alarms.map((a) => a.Properties.AlarmDescription)).toEqual(
      expect.arrayContaining([expect.stringMatching(/housekeeping .* failed/)]),
    );
    template.hasParameter(ALARM_EMAIL_PARAMETER, { Type: 'String', Default: '' });
    const [subscription] = Object.values(resources('AWS::SNS::Subscription'));
    expect(subscription!.Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: { Ref: ALARM_EMAIL_PARAMETER },
      TopicArn: { Ref: topicId },
    });
    // No address, no subscription: the condition is "AlarmEmail is not empty".
    const conditions = template.toJSON().Conditions as Record<string, unknown>;
    expect(conditions[subscription!.Condition!]).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: ALARM_EMAIL_PARAMETER }, ''] }],
    });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('delete builds nothing needs'),
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
  });
});

describe('tracing', () => {
  it('traces the API function with X-Ray (Powertools Tracer segments), and only it', () => {
    const functions = Object.values(resources('AWS::Lambda::Function'));
    const traced = functions.filter(
      (f) => (f.Properties.TracingConfig as { Mode?: string })?.Mode === 'Active',
    );
    expect(traced.map((f) => f.Properties.Description)).toEqual([expect.stringMatching(/^xlir API/)]);
    const xray = statementsByFunction().filter(({ statement }) =>
      [statement.Action].flat().includes('xray:PutTraceSegments'),
    );
    expect(xray.map(({ fn }) => fn)).toEqual([expect.stringMatching(/^xlir API/)]);
  });
});
