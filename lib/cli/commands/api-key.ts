/**
 * `xlir api-key create --id ID [--quota N] [--rate N] [--keys-file FILE]`: makes a new API key,
 * prints it once, and prints (or appends to FILE) the entry XLIR_API_KEYS holds: its SHA-256,
 * never the key.
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
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { UsageError } from '../errors.js';

export const API_KEY_USAGE = 'xlir api-key create --id ID [--quota N] [--rate N] [--keys-file FILE]';

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

export async function apiKeyCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create')
    throw new UsageError(`unknown api-key command "${sub ?? ''}"; usage: ${API_KEY_USAGE}`);
  const args = parseCommandArgs(
    rest,
    {
      id: { type: 'string' },
      quota: { type: 'string' },
      rate: { type: 'string' },
      'keys-file': { type: 'string' },
    },
    API_KEY_USAGE,
  );
  const id = requireString(args.id, '--id', API_KEY_USAGE);
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
  console.log(`API key "${id}" (shown once, store it now; the server keeps only its SHA-256):`);
  console.log(`  ${key}`);
  console.log(
    args['keys-file'] !== undefined
      ? `entry appended to ${args['keys-file']} (serve with XLIR_API_KEYS=${args['keys-file']}):`
      : 'entry for XLIR_API_KEYS (a JSON array of these, or a file holding one):',
  );
  console.log(`  ${JSON.stringify(entry)}`);
}
