/**
 * `xlir api-key create`: makes a new API key, prints it once, and prints (and with --keys-file
 * appends to that file, with --table puts in the DynamoDB keys table) the entry the server
 * holds: its SHA-256, never the key.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  DEFAULT_KEY_QUOTA,
  DEFAULT_KEY_RATE_PER_MINUTE,
  generateApiKey,
  hashApiKey,
  parseApiKeys,
  type ApiKeyEntry,
} from '../../api/index.js';
import { BILLING_ENV } from '../../api/billing-constants.js';
import { parseNumber } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandArgs } from '../spec.js';
import type { API_KEY_CREATE } from './http-specs.js';

async function appendEntry(file: string, entry: ApiKeyEntry): Promise<void> {
  let entries: ApiKeyEntry[] = [];
  try {
    entries = parseApiKeys(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError((error as Error).message);
  }
  if (entries.some((e) => e.id === entry.id))
    throw new UsageError(`${file} already has a key with id ${entry.id}`);
  await writeFile(file, `${JSON.stringify([...entries, entry], null, 2)}\n`, { mode: 0o600 });
}

/** Puts the entry in the keys table; the AWS SDK's DynamoDB client loads only for this. */
async function putInTable(table: string, entry: ApiKeyEntry): Promise<void> {
  const [{ createDynamoClient }, { DuplicateKeyError, putKey }] = await Promise.all([
    import('../../api/dynamodb/client.js'),
    import('../../api/dynamodb/keys-table.js'),
  ]);
  const client = createDynamoClient();
  try {
    await putKey(client, table, entry);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw new UsageError(error.message);
    throw error;
  } finally {
    client.destroy();
  }
}

export async function apiKeyCreateCommand(args: CommandArgs<typeof API_KEY_CREATE.options>): Promise<void> {
  const { id } = args;
  const key = generateApiKey();
  const entry: ApiKeyEntry = {
    id,
    hash: hashApiKey(key),
    quota: parseNumber(args.quota, '--quota', { integer: true, min: 0 }) ?? DEFAULT_KEY_QUOTA,
    rate_per_minute:
      parseNumber(args.rate, '--rate', { integer: true, min: 1 }) ?? DEFAULT_KEY_RATE_PER_MINUTE,
  };
  // Validates the id the same way the server will when it reads the entry.
  try {
    parseApiKeys(JSON.stringify([entry]), '--id');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args['keys-file'] !== undefined) await appendEntry(args['keys-file'], entry);
  if (args.table !== undefined) await putInTable(args.table, entry);
  console.log(`API key "${id}" (shown once, store it now; the server keeps only its SHA-256):`);
  console.log(`  ${key}`);
  console.log(
    args['keys-file'] !== undefined
      ? `entry appended to ${args['keys-file']} (serve with XLIR_API_KEYS=${args['keys-file']}):`
      : args.table !== undefined
        ? `entry put in DynamoDB table ${args.table} (serve with ${BILLING_ENV.keysTable}=${args.table}):`
        : 'entry for XLIR_API_KEYS (a JSON array of these, or a file holding one):',
  );
  console.log(`  ${JSON.stringify(entry)}`);
}
