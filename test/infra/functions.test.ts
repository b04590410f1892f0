import { execFileSync } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  inferenceWorkerBundleCommands,
  pruneOnnxRuntimeCommands,
  pruneSwaggerUiCommands,
  REPO_ROOT,
} from '../../infra/functions.js';
import { INFERENCE_WORKER_BUNDLE } from '../../lib/rerank/constants.js';
import { InferenceThread } from '../../lib/rerank/inference-host.js';
import { sessionOptions } from '../../lib/rerank/index.js';
import { withTempDir } from '../helpers/corpus.js';
import { fixtureModel } from '../rerank/helpers.js';

/** esbuild bundles the worker in well under a second; a loaded machine gets room. */
const BUNDLE_TIMEOUT_MS = 60_000;

/** onnxruntime-node 1.x ships one native build per platform and architecture. */
const PLATFORM_DIRS = ['darwin/arm64', 'linux/arm64', 'linux/x64', 'win32/arm64', 'win32/x64'];

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('Lambda packaging', () => {
  it("keeps only onnxruntime-node's linux binaries for the function's architecture", async () => {
    await withTempDir(async (dir) => {
      // Prepare
      const ort = join(dir, 'node_modules', 'onnxruntime-node');
      for (const platform of PLATFORM_DIRS) {
        await mkdir(join(ort, 'bin', 'napi-v6', platform), { recursive: true });
        await writeFile(join(ort, 'bin', 'napi-v6', platform, 'onnxruntime_binding.node'), 'binary');
      }
      await mkdir(join(ort, 'dist'), { recursive: true });
      await writeFile(join(ort, 'dist', 'index.js'), '');
      await mkdir(join(ort, 'script'), { recursive: true });
      await writeFile(join(ort, 'script', 'install.js'), '');
      // Act
      const commands = pruneOnnxRuntimeCommands(join(dir, 'node_modules'), 'arm64');
      execFileSync('bash', ['-euc', commands.join('\n')]);
      // Assess
      expect(await files(ort)).toEqual(['bin/napi-v6/linux/arm64/onnxruntime_binding.node', 'dist/index.js']);
    });
  });

  it('keeps only the swagger-ui-dist files GET /docs serves, from the real package', async () => {
    await withTempDir(async (dir) => {
      // Prepare
      execFileSync('cp', ['-R', join('node_modules', 'swagger-ui-dist'), join(dir, 'swagger-ui-dist')]);
      // Act
      execFileSync('bash', ['-euc', pruneSwaggerUiCommands(dir).join('\n')]);
      // Assess
      expect(await files(join(dir, 'swagger-ui-dist'))).toEqual(
        ['LICENSE', 'NOTICE', 'package.json', 'swagger-ui-bundle.js', 'swagger-ui.css'].sort(),
      );
    });
  });

  it(
    'bundles the rerank inference worker beside index.mjs, where it loads a model on its own',
    async () => {
      await withTempDir(async (dir) => {
        // Prepare: the asset folder, with the packages the function copies beside its bundle
        await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
        // Act
        execFileSync('bash', ['-euc', inferenceWorkerBundleCommands(REPO_ROOT, dir).join('\n')]);
        const bundle = join(dir, INFERENCE_WORKER_BUNDLE);
        const thread = InferenceThread.start({ url: pathToFileURL(bundle), typescript: false });
        const worker = await thread.load(
          join(fixtureModel('bert-wordpiece'), 'model.onnx'),
          'bert-wordpiece',
          sessionOptions({ threads: 1 }),
        );
        const column = (values: number[]) => ({
          type: 'int64' as const,
          data: BigInt64Array.from(values, (v) => BigInt(v)),
          dims: [1, values.length] as const,
        });
        const feeds = Object.fromEntries(
          worker.inputNames.map((name) => [name, column(name === 'input_ids' ? [2, 7, 3] : [1, 1, 1])]),
        );
        const { output } = await worker.run(feeds, worker.metadata.outputNames[0]!);
        await worker.release();
        // Assess
        expect(thread.usable).toBe(false);
        expect((await files(dir)).filter((f) => !f.startsWith('node_modules'))).toEqual([
          INFERENCE_WORKER_BUNDLE,
          `${INFERENCE_WORKER_BUNDLE}.map`,
        ]);
        expect(output.dims[0]).toBe(1);
        expect(Number.isFinite(output.data[0])).toBe(true);
      });
    },
    BUNDLE_TIMEOUT_MS,
  );
});
