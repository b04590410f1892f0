/**
 * Quota counters and the usage ledger in one DynamoDB table (USAGE_TABLE in billing-constants.ts),
 * shared by every instance of the API, so a key's quota is one number however many Lambda
 * containers serve it. A reservation is one conditional UpdateItem (ADD units, on condition that
 * the units before it leave room), which DynamoDB applies atomically per item: concurrent
 * reservations from any number of instances never take the counter past the quota. A usage
 * record is one PutItem, acknowledged once it is durable.
 */
import {
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { USAGE_RECORD_TTL_DAYS, USAGE_TABLE } from '../billing-constants.js';
import { ANONYMOUS_KEY_ID } from '../constants.js';
import { emptyUsage, type ReserveOutcome, type UsageCounters } from '../counters.js';
import type { PeriodUsage, UsageRecord, UsageSink } from '../usage.js';
import { isConditionFailure, num, numberOf, str, type Item } from './client.js';

const SECONDS_PER_DAY = 86_400;
/** Attribute names go through placeholders: DynamoDB reserves hundreds of words as names. */
const COUNTER_NAMES = {
  '#units': 'units',
  '#requests': 'requests',
  '#docs': 'documents_reranked',
  '#tokens': 'tokens',
};

function counterKey(keyId: string, period: string): Item {
  return {
    [USAGE_TABLE.partitionKey]: str(keyId),
    [USAGE_TABLE.sortKey]: str(`${USAGE_TABLE.periodPrefix}${period}`),
  };
}

export class DynamoCounters implements UsageCounters {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async reserve(keyId: string, period: string, units: number, quota: number): Promise<ReserveOutcome> {
    // DynamoDB conditions compare, they do not add: "units + n <= quota" is "units <= quota - n".
    const room = quota - units;
    if (room < 0) return { reserved: false, used: (await this.usage(keyId, period)).searchUnits };
    try {
      const answer = await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: counterKey(keyId, period),
          UpdateExpression: 'ADD #units :n',
          ConditionExpression: 'attribute_not_exists(#units) OR #units <= :room',
          ExpressionAttributeNames: { '#units': 'units' },
          ExpressionAttributeValues: { ':n': num(units), ':room': num(room) },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { reserved: true, used: numberOf(answer.Attributes, 'units') };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { reserved: false, used: (await this.usage(keyId, period)).searchUnits };
    }
  }

  async settle(period: string, record: UsageRecord, reservedUnits: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: counterKey(record.key_id, period),
        UpdateExpression: 'ADD #units :units, #requests :one, #docs :docs, #tokens :tokens',
        ExpressionAttributeNames: COUNTER_NAMES,
        ExpressionAttributeValues: {
          ':units': num(record.billed_units - reservedUnits),
          ':one': num(1),
          ':docs': num(record.documents_reranked),
          ':tokens': num(record.tokens),
        },
      }),
    );
  }

  async usage(keyId: string, period: string): Promise<PeriodUsage> {
    const answer = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: counterKey(keyId, period), ConsistentRead: true }),
    );
    if (!answer.Item) return emptyUsage(period);
    return {
      period,
      requests: numberOf(answer.Item, 'requests'),
      searchUnits: numberOf(answer.Item, 'units'),
      documentsReranked: numberOf(answer.Item, 'documents_reranked'),
      tokens: numberOf(answer.Item, 'tokens'),
    };
  }
}

/** A usage record as the table holds it: under its key, sorted by time. */
export function recordItem(record: UsageRecord): Item {
  const expires = Math.floor(Date.parse(record.ts) / 1000) + USAGE_RECORD_TTL_DAYS * SECONDS_PER_DAY;
  return {
    [USAGE_TABLE.partitionKey]: str(record.key_id),
    [USAGE_TABLE.sortKey]: str(`${USAGE_TABLE.recordPrefix}${record.ts}#${record.request_id}`),
    ts: str(record.ts),
    request_id: str(record.request_id),
    key_id: str(record.key_id),
    method: str(record.method),
    route: str(record.route),
    status: num(record.status),
    billed_units: num(record.billed_units),
    documents_reranked: num(record.documents_reranked),
    tokens: num(record.tokens),
    latency_ms: num(record.latency_ms),
    [USAGE_TABLE.ttlAttribute]: num(expires),
  };
}

/**
 * The durable usage ledger: record() resolves once DynamoDB has the item. Requests refused
 * before a key was admitted (recorded as "anonymous": unknown, revoked or rate-limited keys)
 * bill nobody and are not written: made-up keys would otherwise cost a write each, all to one
 * partition. The EMF sink still counts them.
 */
export class DynamoUsageLedger implements UsageSink {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  async record(entry: UsageRecord): Promise<void> {
    if (entry.key_id === ANONYMOUS_KEY_ID && entry.status >= 400) return;
    await this.client.send(new PutItemCommand({ TableName: this.table, Item: recordItem(entry) }));
  }
}
