/**
 * dynalite (an implementation of DynamoDB's API on LevelDB, in memory here) started by the tests
 * on 127.0.0.1, with the AWS SDK pointed at it through AWS_ENDPOINT_URL_DYNAMODB, as
 * s3rver-harness.ts does for S3; and the billing tables created with the stack's key schema.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { KEYS_TABLE, USAGE_TABLE } from '../../lib/api/billing-constants.js';
import { createDynamoClient } from '../../lib/api/dynamodb/client.js';

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
] as const;

export interface DynaliteHandle {
  endpoint: string;
  /**
   * A client configured as the API's (createDynamoClient), reaching dynalite, with a longer
   * timeout: dynalite takes item locks one at a time, and 50 concurrent requests queue on one.
   */
  client: DynamoDBClient;
  /** Creates a keys table and a usage table with fresh names; returns the names. */
  createTables(): Promise<{ keysTable: string; usageTable: string }>;
  stop(): Promise<void>;
}

let tables = 0;
const DYNALITE_TIMEOUT_MS = 30_000;

export async function startDynalite(): Promise<DynaliteHandle> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: 'DYNALITE',
    AWS_SECRET_ACCESS_KEY: 'DYNALITE',
    AWS_REGION: 'us-east-1',
  });
  const client = createDynamoClient({ requestTimeoutMs: DYNALITE_TIMEOUT_MS });
  return {
    endpoint,
    client,
    createTables: async () => {
      tables += 1;
      const names = { keysTable: `xlir-keys-${tables}`, usageTable: `xlir-usage-${tables}` };
      await client.send(
        new CreateTableCommand({
          TableName: names.keysTable,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: KEYS_TABLE.partitionKey, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: KEYS_TABLE.partitionKey, KeyType: 'HASH' }],
        }),
      );
      await client.send(
        new CreateTableCommand({
          TableName: names.usageTable,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: USAGE_TABLE.partitionKey, AttributeType: 'S' },
            { AttributeName: USAGE_TABLE.sortKey, AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: USAGE_TABLE.partitionKey, KeyType: 'HASH' },
            { AttributeName: USAGE_TABLE.sortKey, KeyType: 'RANGE' },
          ],
        }),
      );
      return names;
    },
    stop: async () => {
      client.destroy();
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The apps' own clients keep sockets alive, which would hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}
