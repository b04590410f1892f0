/**
 * Measuring merge weights: each source's precision against held-out gold dictionaries (the xling
 * TEST splits; the build imports only train splits). Precision is counted over the test words a
 * source covers, because `merge` only trades sources off where they overlap. The bench
 * (bench/lexicon-weights.ts) runs this and SOURCE_WEIGHTS records its result.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importXling } from '../importers/word-pairs.js';
import type { Lexicon } from '../lexicon.js';
import { cleanLexicon } from './clean.js';
import { SOURCE_KINDS, type SourceKind, WEIGHT_MIN_COVERED, XLING_DIR, XLING_TEST_RE } from './constants.js';
import { type DiscoverOptions, discoverSources } from './sources.js';

/** Gold translations by lower-cased source word, lower-cased. */
export type Gold = ReadonlyMap<string, ReadonlySet<string>>;

export interface SourcePrecision {
  id: string;
  kind: SourceKind;
  direction: string;
  /** Test words the source has an entry for: the denominator of both precisions. */
  covered: number;
  testWords: number;
  precisionAt1: number;
  precisionAt5: number;
}

export interface WeightMeasurement {
  rows: SourcePrecision[];
  /** Mean over rows with at least WEIGHT_MIN_COVERED covered words of (P@1 + P@5) / 2. */
  weights: Partial<Record<SourceKind, number>>;
  /** Rows that entered each kind's mean. */
  counted: Partial<Record<SourceKind, number>>;
}

function lower(text: string, lang: string): string {
  return text.toLocaleLowerCase(lang);
}

/** P@1 and P@5 over the gold words the lexicon covers; case-insensitive on both sides. */
export function precisionAgainst(
  lexicon: Lexicon,
  gold: Gold,
): Omit<SourcePrecision, 'id' | 'kind' | 'direction'> {
  const byLowerKey = new Map<string, string[]>();
  for (const entry of lexicon.entries()) {
    const key = lower(entry.src, lexicon.srcLang);
    if (!byLowerKey.has(key))
      byLowerKey.set(
        key,
        entry.translations.map((t) => lower(t.tgt, lexicon.tgtLang)),
      );
  }
  let covered = 0;
  let at1 = 0;
  let at5 = 0;
  for (const [src, targets] of gold) {
    const ranked = byLowerKey.get(src);
    if (ranked === undefined) continue;
    covered += 1;
    const first = ranked.findIndex((t) => targets.has(t));
    if (first === 0) at1 += 1;
    if (first >= 0 && first < 5) at5 += 1;
  }
  return {
    covered,
    testWords: gold.size,
    precisionAt1: covered === 0 ? 0 : at1 / covered,
    precisionAt5: covered === 0 ? 0 : at5 / covered,
  };
}

/** Test-split gold for a direction: the src-tgt test file, else the tgt-src one read backwards. */
export async function readTestGold(
  dataDir: string,
  srcLang: string,
  tgtLang: string,
): Promise<Gold | undefined> {
  for (const [a, b, reversed] of [
    [srcLang, tgtLang, false],
    [tgtLang, srcLang, true],
  ] as const) {
    const dir = join(dataDir, XLING_DIR, `${a}-${b}`);
    if (!existsSync(dir)) continue;
    const test = (await readdir(dir)).find((f) => XLING_TEST_RE.test(f));
    if (test === undefined) continue;
    const { lexicon } = await importXling(join(dir, test), { srcLang: a, tgtLang: b });
    const gold = new Map<string, Set<string>>();
    for (const entry of lexicon.entries()) {
      for (const { tgt } of entry.translations) {
        const [src, target] = reversed
          ? [lower(tgt, srcLang), lower(entry.src, tgtLang)]
          : [lower(entry.src, srcLang), lower(tgt, tgtLang)];
        gold.set(src, (gold.get(src) ?? new Set()).add(target));
      }
    }
    return gold;
  }
  return undefined;
}

/** Each discovered source scored against the test gold of its direction, and the per-kind weights. */
export async function measureSourceWeights(
  options: DiscoverOptions & { dataDir: string; onSource?: (id: string) => void },
): Promise<WeightMeasurement> {
  const { sources } = await discoverSources(options);
  const rows: SourcePrecision[] = [];
  for (const spec of sources) {
    const gold = await readTestGold(options.dataDir, spec.srcLang, spec.tgtLang);
    if (gold === undefined) continue;
    options.onSource?.(spec.id);
    const { lexicon } = cleanLexicon(await spec.load(), spec.id);
    const direction = `${spec.srcLang}-${spec.tgtLang}`;
    rows.push({ id: spec.id, kind: spec.kind, direction, ...precisionAgainst(lexicon, gold) });
  }
  const weights: Partial<Record<SourceKind, number>> = {};
  const counted: Partial<Record<SourceKind, number>> = {};
  for (const kind of SOURCE_KINDS) {
    const usable = rows.filter((r) => r.kind === kind && r.covered >= WEIGHT_MIN_COVERED);
    if (usable.length === 0) continue;
    const sum = usable.reduce((s, r) => s + (r.precisionAt1 + r.precisionAt5) / 2, 0);
    weights[kind] = sum / usable.length;
    counted[kind] = usable.length;
  }
  return { rows, weights, counted };
}
