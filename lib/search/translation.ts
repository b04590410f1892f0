/**
 * Translation tables over index terms. A lexicon maps surface words ("inventing" → "erfinden");
 * a query holds analysed terms ("invent") and the index holds analysed document terms ("erfind").
 * So both sides of every entry go through the analyzer of their language, and the evidence of
 * all surface forms that analyse to one term is pooled: p(t|q) ∝ Σ over entries e with
 * analyse(e.src) = q of Σ_{translations} p(tgt|e.src)·[t ∈ analyse(tgt)] / |analyse(tgt)|.
 */
import type { Lexicon } from '../lexicon/index.js';
import { getAnalyzer } from '../text/index.js';
import { PSQ_CUMULATIVE_PROBABILITY, PSQ_MAX_TRANSLATIONS } from './constants.js';

/** An index term of the target language with its probability given the source term. */
export interface TermTranslation {
  term: string;
  p: number;
}

/** Translates analysed source-language terms into analysed target-language terms. */
export interface TermTranslator {
  readonly srcLang: string;
  readonly tgtLang: string;
  /** Provenance, e.g. 'pivot(invert(omw:en-ar), omw:en-ru)'. */
  readonly id: string;
  /** The full distribution, most probable first (ties by term); empty when unknown. */
  translate(term: string): readonly TermTranslation[];
}

function byProbabilityThenTerm(a: TermTranslation, b: TermTranslation): number {
  return b.p - a.p || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}

/** Normalised, sorted distribution from accumulated evidence. */
function distribution(evidence: ReadonlyMap<string, number>): TermTranslation[] {
  const raw = [...evidence].map(([term, p]) => ({ term, p })).sort(byProbabilityThenTerm);
  const total = raw.reduce((sum, t) => sum + t.p, 0);
  return raw.map((t) => ({ term: t.term, p: t.p / total }));
}

/** A lexicon re-keyed by analysed terms on both sides. */
export class AnalysedLexicon implements TermTranslator {
  private constructor(
    readonly srcLang: string,
    readonly tgtLang: string,
    readonly id: string,
    private readonly table: ReadonlyMap<string, readonly TermTranslation[]>,
  ) {}

  /** Source terms with at least one translation. */
  get size(): number {
    return this.table.size;
  }

  /**
   * Entries whose source analyses to several terms (phrases) are left out: a query term is a
   * single term. A translation that analyses to several terms shares its probability among
   * them; one that analyses to none (a stopword) gives its share to the other translations.
   */
  static fromLexicon(lexicon: Lexicon): AnalysedLexicon {
    const source = getAnalyzer(lexicon.srcLang);
    const target = getAnalyzer(lexicon.tgtLang);
    const evidence = new Map<string, Map<string, number>>();
    const targetTerms = new Map<string, string[]>();
    for (const entry of lexicon.entries()) {
      const keys = source.analyze(entry.src);
      if (keys.length !== 1) continue;
      const key = keys[0]!;
      for (const { tgt, p } of entry.translations) {
        let terms = targetTerms.get(tgt);
        if (terms === undefined) {
          terms = target.analyze(tgt);
          targetTerms.set(tgt, terms);
        }
        if (terms.length === 0 || !(p > 0)) continue;
        let row = evidence.get(key);
        if (row === undefined) {
          row = new Map();
          evidence.set(key, row);
        }
        for (const term of terms) row.set(term, (row.get(term) ?? 0) + p / terms.length);
      }
    }
    const table = new Map<string, readonly TermTranslation[]>();
    for (const [key, row] of evidence) table.set(key, distribution(row));
    return new AnalysedLexicon(lexicon.srcLang, lexicon.tgtLang, lexicon.id, table);
  }

  translate(term: string): readonly TermTranslation[] {
    return this.table.get(term) ?? [];
  }
}

/**
 * Two translators chained through a pivot language: p(t|q) = Σ_e p(e|q)·p(t|e), over pivot
 * terms e. Composed per term on demand (and remembered), since a query touches few terms.
 */
export class PivotTranslator implements TermTranslator {
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly id: string;
  private readonly cache = new Map<string, readonly TermTranslation[]>();

  constructor(
    private readonly first: TermTranslator,
    private readonly second: TermTranslator,
  ) {
    this.srcLang = first.srcLang;
    this.tgtLang = second.tgtLang;
    this.id = `pivot(${first.id}, ${second.id})`;
  }

  translate(term: string): readonly TermTranslation[] {
    const cached = this.cache.get(term);
    if (cached !== undefined) return cached;
    const evidence = new Map<string, number>();
    for (const { term: pivot, p } of this.first.translate(term)) {
      for (const t of this.second.translate(pivot))
        evidence.set(t.term, (evidence.get(t.term) ?? 0) + p * t.p);
    }
    const result = evidence.size === 0 ? [] : distribution(evidence);
    this.cache.set(term, result);
    return result;
  }
}

export interface PruneOptions {
  maxTranslations?: number;
  cumulativeProbability?: number;
}

/**
 * The most probable translations, at most `maxTranslations`, stopping as soon as they hold
 * `cumulativeProbability` of the mass; renormalised so a query term's weights sum to 1.
 */
export function pruneTranslations(
  translations: readonly TermTranslation[],
  options: PruneOptions = {},
): TermTranslation[] {
  const max = options.maxTranslations ?? PSQ_MAX_TRANSLATIONS;
  const threshold = options.cumulativeProbability ?? PSQ_CUMULATIVE_PROBABILITY;
  const kept: TermTranslation[] = [];
  let mass = 0;
  for (const t of translations) {
    if (kept.length >= max || mass >= threshold) break;
    kept.push(t);
    mass += t.p;
  }
  return kept.map((t) => ({ term: t.term, p: t.p / mass }));
}
