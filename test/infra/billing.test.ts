/**
 * The billing tables in the synthesized template: key schemas as lib/api reads them, on-demand,
 * point-in-time recovery, TTL on usage records, retained; the API function's environment and
 * grants in either auth mode; and, with auth=keys, an API Gateway that no longer requires its own
 * keys (the function checks them).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedAuth } from '../../infra/billing.js';
import { XlirStack } from '../../infra/stack.js';

const INLINE = () => lambda.Code.fromInline('export const handler = async () => ({});');
/** Synthesis stages the lexicon pack and BucketDeployment's AWS CLI layer (~20 MB): seconds. */
const SYNTH_TIMEOUT_MS = 120_000;

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

let gateway: Template;
let keys: Template;

beforeAll(() => {
  gateway = Template.fromStack(new XlirStack(new App(), 'Gateway', { code: INLINE }));
  const app = new App({ context: { auth: 'keys' } });
  keys = Template.fromStack(new XlirStack(app, 'Keys', { code: INLINE }));
}, SYNTH_TIMEOUT_MS);

function resources(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Logical id of the table whose key schema has this partition key. */
function tableId(template: Template, partitionKey: string): string {
  const found = Object.entries(resources(template, 'AWS::DynamoDB::Table')).find(([, t]) =>
    (t.Properties.KeySchema as Array<{ AttributeName: string; KeyType: string }>).some(
      (k) => k.KeyType === 'HASH' && k.AttributeName === partitionKey,
    ),
  );
  if (!found) throw new Error(`no table keyed by ${partitionKey}`);
  return found[0];
}

function apiFunction(template: Template): Resource {
  return Object.values(resources(template, 'AWS::Lambda::Function')).find((f) =>
    String(f.Properties.Description).startsWith('xlir API'),
  )!;
}

/** The DynamoDB actions the API function's role has, per table logical id. */
function dynamoGrants(template: Template): Record<string, string[]> {
  const role = (apiFunction(template).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const statements = Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const grants: Record<string, string[]> = {};
  for (const s of statements) {
    const actions = [s.Action].flat().filter((a) => a.startsWith('dynamodb:'));
    if (actions.length === 0) continue;
    for (const r of [s.Resource].flat()) {
      const id = JSON.stringify(r).match(/"(Billing\w+)"/)?.[1];
      if (id) grants[id] = [...new Set([...(grants[id] ?? []), ...actions])].sort();
    }
  }
  return grants;
}

describe('billing tables', () => {
  it('creates the keys and usage tables on demand, with point-in-time recovery, retained', () => {
    expect(Object.keys(resources(gateway, 'AWS::DynamoDB::Table'))).toHaveLength(2);
    gateway.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'hash', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'hash', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    gateway.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
    for (const table of Object.values(gateway.findResources('AWS::DynamoDB::Table'))) {
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('in gateway mode (the default) keeps API Gateway keys and gives the function the usage table only', () => {
    const usage = tableId(gateway, 'pk');
    expect(apiFunction(gateway).Properties).toMatchObject({
      Environment: {
        Variables: { XLIR_AUTH: 'gateway', XLIR_USAGE_SINK: 'emf', XLIR_USAGE_TABLE: { Ref: usage } },
      },
    });
    expect(
      (apiFunction(gateway).Properties.Environment as { Variables: object }).Variables,
    ).not.toHaveProperty('XLIR_KEYS_TABLE');
    const grants = dynamoGrants(gateway);
    expect(Object.keys(grants)).toEqual([usage]);
    expect(grants[usage]).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:GetItem']),
    );
    gateway.resourceCountIs('AWS::ApiGateway::UsagePlan', 1);
    gateway.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
  });

  it('in keys mode has the function check keys from the table, read-only, with no gateway keys', () => {
    const usage = tableId(keys, 'pk');
    const keyTable = tableId(keys, 'hash');
    expect(apiFunction(keys).Properties).toMatchObject({
      Environment: {
        Variables: {
          XLIR_AUTH: 'on',
          XLIR_KEYS_TABLE: { Ref: keyTable },
          XLIR_USAGE_TABLE: { Ref: usage },
        },
      },
    });
    const grants = dynamoGrants(keys);
    expect(grants[usage]).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:PutItem']));
    expect(grants[keyTable]).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(grants[keyTable]!.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    keys.resourceCountIs('AWS::ApiGateway::UsagePlan', 0);
    keys.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    const methods = Object.values(resources(keys, 'AWS::ApiGateway::Method'));
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.every((m) => m.Properties.ApiKeyRequired !== true)).toBe(true);
    keys.hasOutput('KeysTable', { Value: { Ref: keyTable } });
    expect(Object.keys(keys.findOutputs('ApiKeyId'))).toEqual([]);
    keys.hasOutput('UsageTable', Match.anyValue());
  });

  it('refuses an auth context it does not know instead of deploying another mode', () => {
    expect(deployedAuth(undefined)).toBe('gateway');
    expect(() => deployedAuth('key')).toThrow(/context auth must be gateway or keys, got "key"/);
  });
});
