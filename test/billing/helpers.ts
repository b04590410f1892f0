/** Fixtures of the billing tests: keys with small quotas, concurrent requests, ledger reading. */
import { readFile } from 'node:fs/promises';
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { hashApiKey, type ApiKeyEntry, type UsageRecord } from '../../lib/api/index.js';
import { USAGE_TABLE } from '../../lib/api/billing-constants.js';
import { plainItem } from '../../lib/api/dynamodb/client.js';

/** A key the tests send, and the entry the server holds for it. */
export interface TestKey {
  key: string;
  entry: ApiKeyEntry;
}

export function testKey(id: string, quota: number, ratePerMinute = 100_000): TestKey {
  const key = `xlir_billing-test-${id}`;
  return { key, entry: { id, hash: hashApiKey(key), quota, rate_per_minute: ratePerMinute, revoked: false } };
}

/** A search of `units` search units: top_k 100 per unit (one unit is up to 100 documents). */
export function searchBody(units: number): Record<string, unknown> {
  return { query: 'telephone', query_lang: 'en', top_k: units * 100 };
}

export interface Answer {
  status: number;
  requestId: string | null;
  /** search_units the body says were billed (0 for errors). */
  billed: number;
  type?: string;
}

/** POSTs a search to a running server and reads the whole answer. */
export async function postSearch(url: string, key: string, units: number): Promise<Answer> {
  const response = await fetch(`${url}/v1/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(searchBody(units)),
  });
  const body = (await response.json()) as {
    meta?: { billed_units?: { search_units: number } };
    error?: { type: string };
  };
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    billed: body.meta?.billed_units?.search_units ?? 0,
    ...(body.error ? { type: body.error.type } : {}),
  };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export async function readLedger(path: string): Promise<UsageRecord[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as UsageRecord];
      } catch {
        return [];
      }
    });
}

/** The usage records of one key in the DynamoDB usage table, oldest first. */
export async function tableRecords(
  client: DynamoDBClient,
  table: string,
  keyId: string,
): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :req)',
        ExpressionAttributeNames: { '#pk': USAGE_TABLE.partitionKey, '#sk': USAGE_TABLE.sortKey },
        ExpressionAttributeValues: { ':pk': { S: keyId }, ':req': { S: USAGE_TABLE.recordPrefix } },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) records.push(plainItem(item) as unknown as UsageRecord);
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return records;
}
