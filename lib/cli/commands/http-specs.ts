/**
 * The specs of `xlir serve` and `xlir api-key create`, apart from their code: the command table
 * and help need them on every run, while the HTTP stack (hono, zod-openapi, Powertools) they run on
 * loads only when one of them runs. lib/api's constants modules import nothing.
 */
import {
  DEFAULT_HOST,
  DEFAULT_KEY_QUOTA,
  DEFAULT_KEY_RATE_PER_MINUTE,
  DEFAULT_PORT,
  ENV,
} from '../../api/constants.js';
import { BILLING_ENV } from '../../api/billing-constants.js';
import { commandSpec } from '../spec.js';

export const SERVE = commandSpec({
  name: 'serve',
  summary: 'serve the HTTP API (search, rerank, playground, OpenAPI docs)',
  options: {
    port: {
      type: 'string',
      value: 'N',
      default: `$PORT, else ${DEFAULT_PORT}`,
      description: 'TCP port; 0 picks a free one',
    },
    host: {
      type: 'string',
      value: 'ADDR',
      default: DEFAULT_HOST,
      description: 'address to listen on; 0.0.0.0 for every interface',
    },
    demo: {
      type: 'boolean',
      description: `serve the demo index and lexicons where ${ENV.indexes} and ${ENV.lexicons} are unset`,
    },
  },
  notes: [
    `configured by environment variables (README, HTTP API): ${[
      ...Object.values(ENV),
      ...Object.values(BILLING_ENV),
    ]
      .filter((name) => name.startsWith('XLIR_'))
      .join(', ')}`,
  ],
  examples: [
    'XLIR_AUTH=off xlir serve --demo',
    'XLIR_INDEXES=main=s3://bucket/idx XLIR_API_KEYS=keys.json xlir serve --port 8787',
  ],
});

export const API_KEY_CREATE = commandSpec({
  name: 'api-key create',
  summary: 'make an API key: print it once, with the hashed entry the server reads',
  options: {
    id: {
      type: 'string',
      value: 'ID',
      required: true,
      description: 'name of the key, as usage records show it',
    },
    quota: {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_KEY_QUOTA),
      description: 'search units the key may use per month',
    },
    rate: {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_KEY_RATE_PER_MINUTE),
      description: 'requests per minute',
    },
    'keys-file': {
      type: 'string',
      value: 'FILE',
      description: `also append the entry to this JSON file, the one ${ENV.apiKeys} names (made if absent)`,
    },
    table: {
      type: 'string',
      value: 'NAME',
      description: `also put the entry in this DynamoDB keys table, the one ${BILLING_ENV.keysTable} names (the stack's KeysTable output)`,
    },
  },
  examples: [
    'xlir api-key create --id acme --quota 10000 --rate 600',
    'xlir api-key create --id acme --keys-file keys.json',
    'AWS_REGION=eu-west-1 xlir api-key create --id acme --table xlir-keys-abc123',
  ],
});
