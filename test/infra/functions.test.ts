import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneOnnxRuntimeCommands, pruneSwaggerUiCommands } from '../../infra/functions.js';
import { withTempDir } from '../helpers/corpus.js';

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
});
