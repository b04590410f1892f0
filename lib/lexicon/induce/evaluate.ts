/** Bilingual lexicon induction (BLI) evaluation as in MUSE: precision@k against a gold dictionary. */
import type { ImportOptions } from '../importers/common.js';
import { importMuse } from '../importers/word-pairs.js';
import type { Lexicon } from '../lexicon.js';
import { cleanText } from '../normalize.js';

/** Gold translations by source key, as `evaluateBli` takes them. */
export type GoldDictionary = ReadonlyMap<string, ReadonlySet<string>>;

export interface BliScores {
  /** Share of covered gold words whose best translation is a gold one. */
  precisionAt1: number;
  /** Share of covered gold words with a gold translation among the best five. */
  precisionAt5: number;
  /** Share of gold source words the lexicon has an entry for. */
  coverage: number;
  /** Gold source words the lexicon covers: the denominator of both precisions. */
  covered: number;
  /** Gold source words. */
  total: number;
}

/**
 * Precision@1 and @5 over the gold source words the lexicon covers. A word scores a hit at k if any
 * of its gold translations is among its k most probable translations; words out of coverage are
 * reported through `coverage`, not counted as misses, which is how MUSE reports BLI. With no
 * covered word both precisions are 0. A lexicon induced with topK < 5 has P@5 over fewer candidates.
 */
export function evaluateBli(lexicon: Lexicon, gold: GoldDictionary): BliScores {
  let covered = 0;
  let hitsAt1 = 0;
  let hitsAt5 = 0;
  for (const [src, targets] of gold) {
    if (!lexicon.has(src)) continue;
    covered += 1;
    // Targets as the lexicon stores them, so "Haus " and "Haus" agree.
    const wanted = new Set([...targets].map((t) => cleanText(t)));
    const ranked = lexicon.translations(src).map((t) => t.tgt);
    const firstHit = ranked.findIndex((t) => wanted.has(t));
    if (firstHit === 0) hitsAt1 += 1;
    if (firstHit >= 0 && firstHit < 5) hitsAt5 += 1;
  }
  return {
    precisionAt1: covered === 0 ? 0 : hitsAt1 / covered,
    precisionAt5: covered === 0 ? 0 : hitsAt5 / covered,
    coverage: gold.size === 0 ? 0 : covered / gold.size,
    covered,
    total: gold.size,
  };
}

/**
 * Reads a BLI gold dictionary: MUSE's `src tgt` lines (space or tab), a source listed on several
 * lines accepting each of its targets. Sources are keyed as lexicons key them, so "House" and
 * "house" are one gold word. Fails with one line when no pair is usable; `skipped` counts bad lines.
 */
export async function readGold(
  path: string,
  options: ImportOptions,
): Promise<{ gold: GoldDictionary; skipped: number }> {
  const { lexicon, skipped } = await importMuse(path, options);
  const gold = new Map<string, Set<string>>();
  for (const entry of lexicon.entries()) gold.set(entry.src, new Set(entry.translations.map((t) => t.tgt)));
  return { gold, skipped };
}
