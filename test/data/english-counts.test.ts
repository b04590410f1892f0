/**
 * The generated English word counts (lib/codeswitch/english-counts.ts) are what
 * scripts/gen-english-counts.mjs writes from SQuAD train, and order common words above rare ones.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { englishLogCount } from '../../lib/codeswitch/gloss.js';
import { sharedPath } from './shared-data.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/gen-english-counts.mjs', import.meta.url));
const MODULE = fileURLToPath(new URL('../../lib/codeswitch/english-counts.ts', import.meta.url));

describe('English word counts', () => {
  it('are what the generator writes from SQuAD train', () => {
    // Act
    const generated = execFileSync('node', [SCRIPT, sharedPath('squad', 'train-v1.1.json'), '--stdout'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // Assess
    expect(generated).toBe(readFileSync(MODULE, 'utf8'));
  });

  it('rank function words above content words above rare and unseen ones', () => {
    // Assess
    expect(englishLogCount('the')).toBeGreaterThan(englishLogCount('building'));
    expect(englishLogCount('building')).toBeGreaterThan(englishLogCount('edifice'));
    expect(englishLogCount('qwxzv')).toBe(0);
  });
});
