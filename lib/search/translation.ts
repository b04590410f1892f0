/**
 * Translation tables over index terms. A lexicon maps surface words ("inventing" → "erfinden");
 * a query holds analysed terms ("invent") and the index holds analysed document terms ("erfind").
 * So both sides of every entry go through the analyzer of their language, and the evidence of
 * all surface forms that analyse to one term is pooled: p(t|q) ∝ Σ over entries e with
 * analyse(e.src) = q of Σ_{translations} p(tgt|e.src)·[t ∈ analyse(tgt)] / |analyse(tgt)|.
 *
 * A source entry that analyses to several terms (vi "sự nghiệp", zh "发明 家", en "ice cream")
 * is a phrase key: its terms joined by PHRASE_TERM_SEPARATOR. PSQ matches the query's analysed
 * terms against phrase keys longest first (psq.ts), so languages that write one concept as
 * several terms can use their lexicon as a source. A translation that analyses to several terms
 * is, by default, one conjunction member: its terms joined the same way, which the searcher
 * matches where all of them occur (PHRASE_TRANSLATION).
 */
import type { Lexicon } from '../lexicon/index.js';
import { getAnalyzer } from '../text/index.js';
import {
  MAX_SOURCE_PHRASE_TERMS,
  NULL_TRANSLATION,
  PHRASE_TERM_SEPARATOR,
  PHRASE_TRANSLATION,
  PSQ_CUMULATIVE_PROBABILITY,
  PSQ_MAX_TRANSLATIONS,
  type PhraseTranslation,
} from './constants.js';

/**
 * An index term of the target language with its probability given the source term; or a
 * conjunction of index terms joined by PHRASE_TERM_SEPARATOR (PHRASE_TRANSLATION).
 */
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
  /** Terms in the longest phrase key `translate` may know (1: single terms only). */
  readonly maxPhraseTerms: number;
  /**
   * The full distribution for a term or a phrase key (terms joined by PHRASE_TERM_SEPARATOR),
   * most probable first (ties by term); empty when unknown. The share of translations that are
   * function words in the target language is the entry NULL_TRANSLATION.
   */
  translate(key: string): readonly TermTranslation[];
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
    readonly maxPhraseTerms: number,
  ) {}

  /** Source keys (terms and phrases) with at least one translation. */
  get size(): number {
    return this.table.size;
  }

  /**
   * An entry whose source analyses to several terms becomes a phrase key (up to
   * MAX_SOURCE_PHRASE_TERMS terms; longer ones are left out). A translation that analyses to
   * several terms is one conjunction, or shares its probability among them
   * (`phraseTranslation`); one that analyses to none (a stopword) goes to NULL_TRANSLATION.
   */
  static fromLexicon(
    lexicon: Lexicon,
    options: { phraseTranslation?: PhraseTranslation } = {},
  ): AnalysedLexicon {
    const conjunctions = (options.phraseTranslation ?? PHRASE_TRANSLATION) === 'conjunction';
    const source = getAnalyzer(lexicon.srcLang);
    const target = getAnalyzer(lexicon.tgtLang);
    const evidence = new Map<string, Map<string, number>>();
    const targetTerms = new Map<string, string[]>();
    let maxPhraseTerms = 1;
    for (const entry of lexicon.entries()) {
      const keys = source.analyze(entry.src);
      if (keys.length === 0 || keys.length > MAX_SOURCE_PHRASE_TERMS) continue;
      const key = keys.join(PHRASE_TERM_SEPARATOR);
      for (const { tgt, p } of entry.translations) {
        let terms = targetTerms.get(tgt);
        if (terms === undefined) {
          terms = target.analyze(tgt);
          targetTerms.set(tgt, terms);
        }
        if (!(p > 0)) continue;
        let row = evidence.get(key);
        if (row === undefined) {
          row = new Map();
          evidence.set(key, row);
          maxPhraseTerms = Math.max(maxPhraseTerms, keys.length);
        }
        if (terms.length === 0) row.set(NULL_TRANSLATION, (row.get(NULL_TRANSLATION) ?? 0) + p);
        else if (conjunctions && terms.length > 1) {
          // Repeated terms add nothing to a conjunction ("New New York" needs "new" once).
          const conjunction = [...new Set(terms)].join(PHRASE_TERM_SEPARATOR);
          row.set(conjunction, (row.get(conjunction) ?? 0) + p);
        } else for (const term of terms) row.set(term, (row.get(term) ?? 0) + p / terms.length);
      }
    }
    const table = new Map<string, readonly TermTranslation[]>();
    for (const [key, row] of evidence) table.set(key, distribution(row));
    return new AnalysedLexicon(lexicon.srcLang, lexicon.tgtLang, lexicon.id, table, maxPhraseTerms);
  }

  translate(key: string): readonly TermTranslation[] {
    return this.table.get(key) ?? [];
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
  readonly maxPhraseTerms: number;
  private readonly cache = new Map<string, readonly TermTranslation[]>();

  constructor(
    private readonly first: TermTranslator,
    private readonly second: TermTranslator,
  ) {
    this.srcLang = first.srcLang;
    this.tgtLang = second.tgtLang;
    this.id = `pivot(${first.id}, ${second.id})`;
    this.maxPhraseTerms = first.maxPhraseTerms;
  }

  translate(term: string): readonly TermTranslation[] {
    const cached = this.cache.get(term);
    if (cached !== undefined) return cached;
    const evidence = new Map<string, number>();
    for (const { term: pivot, p } of this.first.translate(term)) {
      // A function word stays one: it has no content translation to pass on.
      if (pivot === NULL_TRANSLATION) {
        evidence.set(NULL_TRANSLATION, (evidence.get(NULL_TRANSLATION) ?? 0) + p);
        continue;
      }
      const direct = this.second.translate(pivot);
      if (direct.length > 0 || !pivot.includes(PHRASE_TERM_SEPARATOR)) {
        for (const t of direct) evidence.set(t.term, (evidence.get(t.term) ?? 0) + p * t.p);
        continue;
      }
      // A pivot conjunction the second lexicon has no phrase for goes on term by term, its
      // probability shared among its terms (as PHRASE_TRANSLATION 'terms' would have it).
      const parts = pivot.split(PHRASE_TERM_SEPARATOR);
      for (const part of parts) {
        for (const t of this.second.translate(part))
          evidence.set(t.term, (evidence.get(t.term) ?? 0) + (p / parts.length) * t.p);
      }
    }
    if (evidence.size === 0) return [];
    // Only hits are remembered: they are bounded by the first lexicon's keys, whereas misses
    // (every phrase PSQ probes, every name) would grow the cache with every new query.
    const result = distribution(evidence);
    this.cache.set(term, result);
    return result;
  }
}

/** One source of evidence in a MixtureTranslator, and how much it counts. */
export interface WeightedTranslator {
  translator: TermTranslator;
  weight: number;
}

/**
 * Several translators of one direction combined per term: p(t|q) = Σ_k w_k·p_k(t|q) / Σ_k w_k,
 * the sums over the translators that know q. A term only one of them knows keeps that one's
 * distribution, so a small direct dictionary adds evidence where it has some and never hides
 * the pivot's translations of the words it lacks (first-wins resolution did: de→ru lost 0.12
 * MAP to the pivot alone with xling's 5k-pair de-ru). Composed per key on demand.
 */
export class MixtureTranslator implements TermTranslator {
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly id: string;
  readonly maxPhraseTerms: number;
  private readonly cache = new Map<string, readonly TermTranslation[]>();

  constructor(private readonly parts: readonly WeightedTranslator[]) {
    const first = parts[0];
    if (first === undefined) throw new Error('a mixture needs at least one translator');
    for (const { translator, weight } of parts) {
      if (translator.srcLang !== first.translator.srcLang || translator.tgtLang !== first.translator.tgtLang)
        throw new Error(`cannot mix ${translator.id} with ${first.translator.id}: directions differ`);
      if (!(weight > 0) || !Number.isFinite(weight))
        throw new Error(`weight of ${translator.id} must be a finite number > 0, got ${weight}`);
    }
    this.srcLang = first.translator.srcLang;
    this.tgtLang = first.translator.tgtLang;
    this.id = `mix(${parts.map((p) => `${p.translator.id}*${p.weight}`).join(', ')})`;
    this.maxPhraseTerms = Math.max(...parts.map((p) => p.translator.maxPhraseTerms));
  }

  translate(key: string): readonly TermTranslation[] {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const evidence = new Map<string, number>();
    for (const { translator, weight } of this.parts) {
      for (const t of translator.translate(key))
        evidence.set(t.term, (evidence.get(t.term) ?? 0) + weight * t.p);
    }
    if (evidence.size === 0) return [];
    // distribution() renormalises by the total, which is Σ w_k over the translators that know key.
    // Only hits are remembered, as in PivotTranslator, so the cache stays within the lexicons' keys.
    const result = distribution(evidence);
    this.cache.set(key, result);
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
