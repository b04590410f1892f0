import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The runtime-neutral read path: what the Cloudflare Worker bundles (test/edge/neutral-bundle.test.ts
 * checks the bundle itself). Each module's index.ts is its neutral surface; Node-only code lives
 * behind its node.ts (ARCHITECTURE.md, "Runtimes and entry points").
 */
const NEUTRAL_READ_PATH = [
  'lib/text/**/*.ts',
  'lib/index/index.ts',
  'lib/index/errors.ts',
  'lib/index/format/**/*.ts',
  'lib/index/read/**/*.ts',
  'lib/storage/**/*.ts',
  'lib/search/**/*.ts',
  'lib/lexicon/{index,combine,constants,errors,lexicon,normalize,stats,tsv}.ts',
  'lib/lexicon/pack/**/*.ts',
  // The pipeline and the pieces of the HTTP API the edge Worker shares with the Lambda API.
  'lib/retrieve/**/*.ts',
  'lib/rerank/contract.ts',
  'lib/api/{auth,constants,portable,errors,error-handlers,health,indexes,key-store,lexicon-source,rate-limit,search-response,search-service,shared-task}.ts',
  'lib/api/schemas/{common,search}.ts',
  // The Worker itself; its build, dev server and local runner (build, dev, local, demo-bucket) are Node's.
  'functions/edge/{app,config,constants,keys,sources,usage,worker}.ts',
];
/** Node-only files inside the folders above. */
const NODE_ONLY_FILES = [
  'lib/storage/{node,open,file-store,s3-store,disk-cache,disk-entry}.ts',
  'lib/search/{node,lexicon-sources}.ts',
  'lib/lexicon/pack/write.ts',
];
const WORKER_MESSAGE =
  'the Cloudflare Worker runs this file (the runtime-neutral read path), and a Worker has no Node ' +
  'built-ins, native addons or AWS SDK: put Node-only code behind the module node.ts entry.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.xlir/**', 'coverage/**', 'cdk.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (the training recipe's bridge to onnxruntime-node and the JS tokenizer, the xlir launcher).
    files: ['**/*.mjs', 'bin/*.js'],
    languageOptions: {
      globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: NEUTRAL_READ_PATH,
    ignores: NODE_ONLY_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: WORKER_MESSAGE })),
          patterns: [
            { group: ['node:*'], message: WORKER_MESSAGE },
            { group: ['onnxruntime-node', 'onnxruntime-node/*'], message: WORKER_MESSAGE },
            { group: ['@aws-sdk/*', '@smithy/*'], message: WORKER_MESSAGE },
            {
              regex: '(^|/)(node\\.js|build/.*)$',
              message: `a module's Node-only entry (node.ts) or build code: ${WORKER_MESSAGE}`,
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
);
