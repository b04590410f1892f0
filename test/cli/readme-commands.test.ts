/**
 * The README's "Use" commands run as written: the sample-corpus block, and the S3 and Hub block
 * against s3rver and a local server with the Hub's URL layout (the shared-data block runs in the
 * data suite, test/data/readme-data.test.ts). Outputs go under .xlir/try and .xlir/hub.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, readmeBlock, runReadmeLine } from '../helpers/readme.js';
import { startHubServer } from '../hub/hub-server.js';
import { startS3rver } from '../storage/s3rver-harness.js';

const TRY_DIR = fileURLToPath(new URL('../../.xlir/try', import.meta.url));
const HUB_DIR = fileURLToPath(new URL('../../.xlir/hub', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../models/zero-shot', import.meta.url));

afterAll(async () => {
  await rm(TRY_DIR, { recursive: true, force: true });
  await rm(HUB_DIR, { recursive: true, force: true });
});

describe("README's commands", () => {
  it('on the sample corpus all exit 0, in order, and the cross-lingual run scores well', async () => {
    await rm(TRY_DIR, { recursive: true, force: true });
    const lines = await readmeBlock('try');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await runReadmeLine(line, cleanEnv()));
    const evaluation = outputs[lines.findIndex((l) => l.includes(' eval '))] ?? '';
    const map = Number(/^map\s+all\s+([\d.]+)/m.exec(evaluation)?.[1]);
    expect(map).toBeGreaterThan(0.5);
  }, 180_000);

  it('in S3 and from the Hub all exit 0, against s3rver and a local Hub', async () => {
    await rm(HUB_DIR, { recursive: true, force: true });
    const s3 = await startS3rver('bucket');
    const hub = await startHubServer({
      'cross-encoder/mmarco-mMiniLMv2-L12-H384-v1': {
        dir: MODEL_DIR,
        files: { 'onnx/model.onnx': 'model.onnx', 'tokenizer.json': 'tokenizer.json' },
        commit: 'c'.repeat(40),
      },
    });
    try {
      const env = cleanEnv({ HF_ENDPOINT: hub.url });
      const outputs: string[] = [];
      for (const line of await readmeBlock('s3-hub')) outputs.push(await runReadmeLine(line, env));
      expect(outputs.join('\n')).toMatch(/"doc_id": "\w+-telephone"/);
      expect(outputs.join('\n')).toMatch(/variant: mminilm/);
    } finally {
      await hub.close();
      await s3.stop();
    }
  }, 180_000);
});
