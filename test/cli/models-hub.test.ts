/**
 * A real model in two commands: `xlir models pull` from a local server with the Hub's URL layout
 * (HF_ENDPOINT), `xlir models route --add` to send a pair to it, `xlir models add` for a local
 * export; and their one-line errors.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { EXIT_DATA } from '../../lib/cli/errors.js';
import { releaseModels } from '../../lib/rerank/index.js';
import { captureCliOutput, expectOneLineError } from '../helpers/cli-output.js';
import { withTempDir } from '../helpers/corpus.js';
import { startHubServer, type HubServer } from '../hub/hub-server.js';

const MODEL_DIR = fileURLToPath(new URL('../../models/zero-shot', import.meta.url));
const output = captureCliOutput();
let hub: HubServer;
let savedEndpoint: string | undefined;

beforeAll(async () => {
  hub = await startHubServer({
    'xlir/tiny-reranker': {
      dir: MODEL_DIR,
      files: { 'onnx/model.onnx': 'model.onnx', 'tokenizer.json': 'tokenizer.json' },
      commit: 'b'.repeat(40),
    },
  });
  savedEndpoint = process.env.HF_ENDPOINT;
  process.env.HF_ENDPOINT = hub.url;
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.HF_ENDPOINT;
  else process.env.HF_ENDPOINT = savedEndpoint;
  await releaseModels();
  await hub.close();
});

describe('xlir models pull / add / route --add', () => {
  it('pulls a model, routes a pair to it, and the routing resolves to it', async () => {
    await withTempDir(async (root) => {
      const routing = join(root, 'routing.json');
      const out = join(root, 'tiny');
      expect(await main(['models', 'pull', 'hf:xlir/tiny-reranker', '--out', out, '--langs', 'en,de'])).toBe(
        0,
      );
      expect(output.stdout.join('\n')).toMatch(
        /pulled hf:xlir\/tiny-reranker@main \(commit b{40}\); sha256 checked: model.onnx/,
      );
      const add = [
        '--query-lang',
        'en',
        '--doc-lang',
        'de',
        '--add',
        'tiny',
        '--dir',
        out,
        '--models',
        routing,
      ];
      expect(await main(['models', 'route', ...add])).toBe(0);
      const table = JSON.parse(await readFile(routing, 'utf8')) as {
        models: Record<string, string>;
        routes: unknown[];
      };
      expect(output.stdout.join('\n')).toMatch(/created .*: tiny also serves every other pair/);
      expect(table.models).toEqual({ tiny: 'tiny' });
      expect(table.routes).toEqual([{ query_lang: 'en', doc_lang: 'de', model: 'tiny' }]);
      expect(output.stdout.join('\n')).toMatch(/variant: tiny/);
      output.stdout.length = 0;
      expect(await main(['models', 'list', '--models', routing, '--check'])).toBe(0);
      expect(output.stdout.join('\n')).toMatch(/tiny .* languages en,de .* used as route en→de/);
    });
  });

  it('registers a local export given as the positional DIR', async () => {
    await withTempDir(async (dir) => {
      await copyFile(join(MODEL_DIR, 'model.onnx'), join(dir, 'model.onnx'));
      await copyFile(join(MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
      expect(await main(['models', 'add', dir, '--max-length', '64'])).toBe(0);
      const manifest = JSON.parse(await readFile(join(dir, 'xlir-model.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(manifest.max_length).toBe(64);
      expect(output.stdout.join('\n')).toMatch(
        /registered .*: model.onnx \d+\.\d MB, tokenizer.json .*max_length 64/,
      );
    });
  });

  it('fails in one line for a missing repo file, an unknown model, a clashing route and bad arguments', async () => {
    await withTempDir(async (root) => {
      const routing = join(root, 'routing.json');
      await writeFile(
        routing,
        JSON.stringify({
          version: 1,
          models: { zs: MODEL_DIR },
          routes: [{ query_lang: 'en', doc_lang: 'de', model: 'zs' }],
          multilingual: 'zs',
          zero_shot: 'zs',
        }),
      );
      const missing = await main([
        'models',
        'pull',
        'hf:xlir/tiny-reranker',
        '--file',
        'onnx/nope.onnx',
        '--out',
        join(root, 'x'),
      ]);
      expect(missing).toBe(EXIT_DATA);
      expect(output.stderr).toEqual([
        'xlir: error: hf:xlir/tiny-reranker@main onnx/nope.onnx: not found on the hub (HTTP 404)',
      ]);
      output.stderr.length = 0;
      const route = ['models', 'route', '--query-lang', 'en', '--doc-lang', 'de', '--models', routing];
      expectOneLineError(
        output,
        await main([...route, '--add', 'other']),
        /has no model "other"; name its directory with --dir/,
      );
      output.stderr.length = 0;
      expectOneLineError(output, await main([...route, '--add', 'zs']), /already routes en→de to zs/);
      output.stderr.length = 0;
      expectOneLineError(output, await main(['models', 'add', 'a', '--dir', 'b']), /one DIR only/);
      output.stderr.length = 0;
      expectOneLineError(
        output,
        await main(['models', 'add', 'a', '--max-length', '3']),
        /--max-length must be/,
      );
    });
  });
});
