/**
 * Which lexicon pack the stack deploys: an explicit folder, the `lexiconPack` context, or the demo
 * pack; a folder without lexicons.json fails synthesis with the command that builds one. These
 * checks run before any asset is staged, so they take no synthesis time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON_PACK_DIR } from '../../infra/constants.js';
import { REPO_ROOT } from '../../infra/functions.js';
import { LexiconPackDeployment, lexiconPackDir } from '../../infra/lexicons.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import { FileStore } from '../../lib/storage/node.js';

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(path.join(tmpdir(), 'xlir-infra-lexicons-'));
});
afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
});

function stack(context: Record<string, string> = {}): Stack {
  return new Stack(new App({ context }), 'Test');
}

describe('lexicon pack deployment', () => {
  it('deploys the demo pack unless the context or the caller names another folder', async () => {
    const demo = lexiconPackDir(stack());
    expect(demo).toBe(path.join(REPO_ROOT, DEFAULT_LEXICON_PACK_DIR));
    // The default is a real pack: it opens and holds the demo's directions.
    expect((await openLexiconPack(new FileStore(demo))).directions).toContain('en-de');
    expect(lexiconPackDir(stack({ lexiconPack: 'packs/prod' }))).toBe(path.resolve('packs/prod'));
    expect(lexiconPackDir(stack({ lexiconPack: 'packs/prod' }), '/srv/pack')).toBe('/srv/pack');
  });

  it('refuses a folder without lexicons.json, saying how to build one', () => {
    const scope = stack({ lexiconPack: empty });
    expect(
      () => new LexiconPackDeployment(scope, 'Lexicons', { bucket: new s3.Bucket(scope, 'Data') }),
    ).toThrow(
      `no lexicons.json in ${empty}: build a pack with "xlir lexicon pack --input DIR --out ${empty}" or pass -c lexiconPack=DIR`,
    );
  });
});
