/**
 * Builds the en→{de,es,ru,ar,zh} lexicons the code-switching work uses, from
 * the shared dictionaries (xling where the pair exists, OMW Wiktionary always,
 * FreeDict where its Debian package is installed), and reports their size and
 * their coverage of 10k SQuAD questions, and code-switches those questions (BL-CS).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { switchBilingual } from '../../lib/codeswitch/index.js';
import { lexiconStats, merge, type Lexicon } from '../../lib/lexicon/index.js';
import { importFreedict, importOmw, importXling } from '../../lib/lexicon/node.js';
import { sharedPath } from './shared-data.js';

const TARGETS: Record<string, { omw: string; freedict: string }> = {
  de: { omw: 'deu', freedict: 'deu' },
  es: { omw: 'spa', freedict: 'spa' },
  ru: { omw: 'rus', freedict: 'rus' },
  ar: { omw: 'arb', freedict: 'ara' },
  zh: { omw: 'cmn', freedict: 'zho' },
};
const QUESTIONS = 10_000;
const SWITCH_P = 0.5;
const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

async function squadQuestions(): Promise<string[]> {
  const squad = JSON.parse(await readFile(sharedPath('squad', 'train-v1.1.json'), 'utf8')) as {
    data: Array<{ paragraphs: Array<{ qas: Array<{ question: string }> }> }>;
  };
  return squad.data
    .flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question)))
    .slice(0, QUESTIONS);
}

function coverage(lexicon: Lexicon, questions: string[]): { tokens: number; types: number } {
  let covered = 0;
  let total = 0;
  const types = new Map<string, boolean>();
  for (const q of questions) {
    for (const [word] of q.matchAll(WORD)) {
      const hit = lexicon.has(word);
      total++;
      if (hit) covered++;
      types.set(word.toLowerCase(), hit);
    }
  }
  const typeHits = [...types.values()].filter(Boolean).length;
  return { tokens: covered / total, types: typeHits / types.size };
}

describe('lexicons from the shared dictionaries', async () => {
  const questions = await squadQuestions();

  it.each(Object.keys(TARGETS))('builds en→%s and covers SQuAD questions', async (lang) => {
    // Prepare
    const { omw, freedict } = TARGETS[lang]!;
    const options = { srcLang: 'en', tgtLang: lang };
    const sources: Array<{ lexicon: Lexicon; weight: number }> = [];
    const omwResult = await importOmw(
      sharedPath('lexicons', 'omw-wikt', 'wn-wikt-eng.tab'),
      sharedPath('lexicons', 'omw-wikt', `wn-wikt-${omw}.tab`),
      { ...options, id: `omw-wikt:en-${lang}` },
    );
    sources.push({ lexicon: omwResult.lexicon, weight: 1 });
    const xlingPath = `${sharedPath('lexicons', 'xling')}/en-${lang}/yacle.train.freq.5k.en-${lang}.tsv`;
    if (existsSync(xlingPath)) {
      sources.push({
        lexicon: (await importXling(xlingPath, { ...options, id: `xling:en-${lang}` })).lexicon,
        weight: 1,
      });
    }
    const dictd = `/usr/share/dictd/freedict-eng-${freedict}`;
    const hasFreedict = existsSync(`${dictd}.index`);
    if (hasFreedict) {
      const fd = await importFreedict(`${dictd}.index`, `${dictd}.dict.dz`, {
        ...options,
        id: `freedict:eng-${freedict}`,
      });
      sources.push({ lexicon: fd.lexicon, weight: 1 });
    }
    // Act
    const merged = merge(sources, { id: `merged:en-${lang}` });
    const stats = lexiconStats(merged);
    const cover = coverage(merged, questions);
    let tokens = 0;
    let eligible = 0;
    let switched = 0;
    const started = performance.now();
    questions.forEach((question, exampleIndex) => {
      const r = switchBilingual(question, {
        lexicon: merged,
        p: SWITCH_P,
        seed: 1,
        exampleIndex,
        side: 'query',
      });
      tokens += r.tokens;
      eligible += r.eligible;
      switched += r.switched;
    });
    const seconds = (performance.now() - started) / 1000;
    // Assess
    console.log(
      `en→${lang}: ${sources.map((s) => `${s.lexicon.id} (${s.lexicon.size})`).join(' + ')}${hasFreedict ? '' : ` (FreeDict eng-${freedict} not installed)`} → ${stats.entries} entries, ${stats.pairs} pairs; SQuAD question coverage ${(cover.tokens * 100).toFixed(1)}% of tokens, ${(cover.types * 100).toFixed(1)}% of types; BL-CS p=${SWITCH_P}: ${((switched / tokens) * 100).toFixed(1)}% of tokens switched (${((switched / eligible) * 100).toFixed(1)}% of covered ones), ${Math.round(questions.length / seconds)} questions/s`,
    );
    expect(stats.entries).toBeGreaterThan(5_000);
    expect(cover.tokens).toBeGreaterThan(0.2);
    // Each covered token switches with probability p, so over ~100k tokens the share is p ± 2%.
    expect(Math.abs(switched / eligible - SWITCH_P)).toBeLessThan(0.02);
  });
});
