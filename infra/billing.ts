/**
 * The billing tables: API keys, and quota counters with the usage ledger (layouts in
 * lib/api/billing-constants.ts, ARCHITECTURE.md). Every API container reads and reserves
 * against the same items, so a key's monthly quota holds however many containers serve it.
 * On-demand capacity (a quiet API costs nothing, a burst is not throttled by a provisioned
 * ceiling), point-in-time recovery (the ledger is what invoices are made from), retained when
 * the stack is deleted, and usage records expire through DynamoDB's TTL.
 *
 * Auth modes: `gateway` (the default, as before) keeps API Gateway's API keys and usage plan
 * and uses the usage table for the ledger and per-key usage; `keys` has the function check
 * keys in the keys table and reserve search units against each key's quota.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BILLING_ENV, KEYS_TABLE, USAGE_TABLE } from '../lib/api/billing-constants.js';

/** Who checks API keys in the deployment (CDK context `auth`). */
export type DeployedAuth = 'gateway' | 'keys';
export const AUTH_CONTEXT = 'auth';
export const DEFAULT_DEPLOYED_AUTH: DeployedAuth = 'gateway';

/** The `auth` context value, checked: a typo must fail the synth, not deploy the other mode. */
export function deployedAuth(value: unknown): DeployedAuth {
  if (value === undefined) return DEFAULT_DEPLOYED_AUTH;
  if (value === 'gateway' || value === 'keys') return value;
  throw new Error(`context ${AUTH_CONTEXT} must be gateway or keys, got ${JSON.stringify(value)}`);
}

export class BillingTables extends Construct {
  readonly keys: dynamodb.Table;
  readonly usage: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.keys = new dynamodb.Table(this, 'Keys', {
      ...common,
      partitionKey: { name: KEYS_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
    });
    this.usage = new dynamodb.Table(this, 'Usage', {
      ...common,
      partitionKey: { name: USAGE_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: USAGE_TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: USAGE_TABLE.ttlAttribute,
    });
  }

  /** The API function's environment for `auth`: the tables it reads and writes. */
  apiEnvironment(auth: DeployedAuth): Record<string, string> {
    if (auth === 'gateway') {
      // API Gateway checks the keys and enforces each key's plan before a request reaches the
      // function; the caller is the key id the gateway validated, billed per key in the ledger.
      return { XLIR_AUTH: 'gateway', [BILLING_ENV.usageTable]: this.usage.tableName };
    }
    return {
      XLIR_AUTH: 'on',
      [BILLING_ENV.keysTable]: this.keys.tableName,
      [BILLING_ENV.usageTable]: this.usage.tableName,
    };
  }

  /**
   * The API function reads and writes counters and records, and (keys mode) reads keys; it never
   * writes them: `xlir api-key create --table` does, with an operator's credentials.
   */
  grantApi(api: lambda.IFunction, auth: DeployedAuth): void {
    this.usage.grantReadWriteData(api);
    if (auth === 'keys') this.keys.grantReadData(api);
  }
}
