/**
 * The DynamoDB client of the billing stores, and the few attribute conversions they need (the
 * items are small and flat, so this is shorter than a marshalling library). The endpoint comes
 * from the environment as for every AWS SDK client: the region's, or AWS_ENDPOINT_URL_DYNAMODB
 * (a local DynamoDB or dynalite in tests).
 */
import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DYNAMODB_CONNECT_TIMEOUT_MS,
  DYNAMODB_MAX_ATTEMPTS,
  DYNAMODB_REQUEST_TIMEOUT_MS,
} from '../billing-constants.js';

export type Item = Record<string, AttributeValue>;

/** `requestTimeoutMs`: a call's limit per attempt (tests against a slow local server raise it). */
export function createDynamoClient(options: { requestTimeoutMs?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DYNAMODB_REQUEST_TIMEOUT_MS,
      // Without it the SDK only warns, and a hung call holds the request until the deadline.
      throwOnRequestTimeout: true,
      connectionTimeout: DYNAMODB_CONNECT_TIMEOUT_MS,
    },
  });
}

export const str = (value: string): AttributeValue => ({ S: value });
export const num = (value: number): AttributeValue => ({ N: String(value) });

/** A number attribute, 0 when absent (a counter that was never added to). */
export function numberOf(item: Item | undefined, name: string): number {
  const value = item?.[name]?.N;
  return value === undefined ? 0 : Number(value);
}

/** Plain values of an item's string, number and boolean attributes (others are left out). */
export function plainItem(item: Item): Record<string, string | number | boolean> {
  const plain: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value.S !== undefined) plain[name] = value.S;
    else if (value.N !== undefined) plain[name] = Number(value.N);
    else if (value.BOOL !== undefined) plain[name] = value.BOOL;
  }
  return plain;
}

/** The error DynamoDB answers a failed ConditionExpression with. */
export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}
