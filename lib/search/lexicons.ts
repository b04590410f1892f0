/**
 * Which lexicons translate a query from one language into another. Every source of evidence
 * a direction has is used, not the first found: the direction's own lexicons, the reverse
 * direction's inverted, and (between two non-pivot languages) the two legs through the pivot
 * language (PIVOT_LANGUAGE), each leg itself combined the same way. The dictionaries are mostly
 * English-centred, so ar→ru goes ar→en→ru; where a de-ru dictionary exists too it adds its
 * evidence per term (MixtureTranslator, weights in constants.ts) instead of hiding the pivot.
 *
 * A catalog is built from loaders, so it runs anywhere: over a lexicon pack in any ObjectStore
 * (catalogFromPack) or over lexicons in memory. Reading a folder of TSV files needs Node and is
 * in lexicon-sources.ts (lib/search/node.ts).
 */
import { invert, merge, type LexiconPack, type Lexicon } from '../lexicon/index.js';
import { canonicalLanguage } from '../text/index.js';
import {
  LEXICON_EVIDENCE_WEIGHTS,
  PHRASE_TRANSLATION,
  PIVOT_LANGUAGE,
  type PhraseTranslation,
} from './constants.js';
import { MissingLexiconError } from './errors.js';
import {
  AnalysedLexicon,
  MixtureTranslator,
  PivotTranslator,
  type TermTranslator,
  type WeightedTranslator,
} from './translation.js';

/** Hands out translators between languages; implemented over a pack, a folder or in-memory lexicons. */
export interface TranslatorSource {
  translator(srcLang: string, tgtLang: string): Promise<TermTranslator>;
}

/** Loads every lexicon of one direction (a folder's files of it, or a pack's object). */
export type LoadLexicons = () => Promise<Lexicon[]>;

/** How much the direct, inverted and pivot evidence of a direction count (0 leaves one out). */
export interface EvidenceWeights {
  direct: number;
  inverted: number;
  pivot: number;
}

export function pairKey(src: string, tgt: string): string {
  return `${src}-${tgt}`;
}

export class LexiconCatalog implements TranslatorSource {
  private readonly translators = new Map<string, Promise<TermTranslator>>();
  private readonly merged = new Map<string, Promise<Lexicon | undefined>>();

  private constructor(
    /** Where the lexicons come from, for error messages. */
    readonly location: string,
    private readonly loaders: ReadonlyMap<string, LoadLexicons>,
    private readonly weights: EvidenceWeights = LEXICON_EVIDENCE_WEIGHTS,
    private readonly phraseTranslation: PhraseTranslation = PHRASE_TRANSLATION,
    /** 'src-tgt' directions never inverted (a pack's one-way directions). */
    private readonly oneWay: ReadonlySet<string> = new Set(),
  ) {}

  /** The same lexicons combined with other evidence weights (for measuring them, bench/). */
  withEvidenceWeights(weights: EvidenceWeights): LexiconCatalog {
    return new LexiconCatalog(this.location, this.loaders, weights, this.phraseTranslation, this.oneWay);
  }

  /** The same lexicons with multi-term translations searched another way (for measuring it). */
  withPhraseTranslation(phraseTranslation: PhraseTranslation): LexiconCatalog {
    return new LexiconCatalog(this.location, this.loaders, this.weights, phraseTranslation, this.oneWay);
  }

  /**
   * A catalog over any source of directions ('src-tgt' keys, canonical tags), e.g. a lexicon pack.
   * `location` names the source in messages meant for operators; it never reaches API clients.
   */
  static fromLoaders(
    location: string,
    loaders: ReadonlyMap<string, LoadLexicons>,
    options: { oneWay?: ReadonlySet<string> } = {},
  ): LexiconCatalog {
    return new LexiconCatalog(location, loaders, undefined, undefined, options.oneWay);
  }

  static fromLexicons(lexicons: readonly Lexicon[], location = 'the given lexicons'): LexiconCatalog {
    const groups = new Map<string, Lexicon[]>();
    for (const lexicon of lexicons) {
      const key = pairKey(lexicon.srcLang, lexicon.tgtLang);
      groups.set(key, [...(groups.get(key) ?? []), lexicon]);
    }
    const loaders = new Map<string, LoadLexicons>();
    for (const [key, group] of groups) loaders.set(key, () => Promise.resolve(group));
    return new LexiconCatalog(location, loaders);
  }

  /** Whether src→tgt may be read backwards: false for a pack's one-way directions. */
  invertible(src: string, tgt: string): boolean {
    return !this.oneWay.has(pairKey(canonicalLanguage(src), canonicalLanguage(tgt)));
  }

  /** Directions that have lexicons of their own, e.g. ['en-de', 'en-ru']. */
  get directions(): string[] {
    return [...this.loaders.keys()].sort();
  }

  /** A direction's own lexicons merged, as written (no inversion or pivot); an error if it has none. */
  async load(srcLang: string, tgtLang: string): Promise<Lexicon> {
    const src = canonicalLanguage(srcLang);
    const tgt = canonicalLanguage(tgtLang);
    const lexicon = await this.lexicon(src, tgt);
    if (lexicon === undefined) {
      throw new MissingLexiconError(`no ${pairKey(src, tgt)} lexicon in ${this.location}`);
    }
    return lexicon;
  }

  translator(srcLang: string, tgtLang: string): Promise<TermTranslator> {
    const src = canonicalLanguage(srcLang);
    const tgt = canonicalLanguage(tgtLang);
    const key = pairKey(src, tgt);
    let translator = this.translators.get(key);
    if (translator === undefined) {
      translator = this.resolve(src, tgt);
      this.translators.set(key, translator);
    }
    return translator;
  }

  private async resolve(src: string, tgt: string): Promise<TermTranslator> {
    const parts: WeightedTranslator[] = [];
    const invertible = this.invertible(tgt, src);
    const [direct, reverse] = await Promise.all([
      this.lexicon(src, tgt),
      invertible ? this.lexicon(tgt, src) : undefined,
    ]);
    if (direct && this.weights.direct > 0)
      parts.push({ translator: this.analysed(direct), weight: this.weights.direct });
    if (reverse && this.weights.inverted > 0)
      parts.push({ translator: this.analysed(invert(reverse)), weight: this.weights.inverted });
    const pivotable = src !== PIVOT_LANGUAGE && tgt !== PIVOT_LANGUAGE && this.weights.pivot > 0;
    if (pivotable && this.reaches(src, PIVOT_LANGUAGE, tgt)) {
      const [first, second] = await Promise.all([
        this.translator(src, PIVOT_LANGUAGE),
        this.translator(PIVOT_LANGUAGE, tgt),
      ]);
      parts.push({ translator: new PivotTranslator(first, second), weight: this.weights.pivot });
    }
    if (parts.length === 1) return parts[0]!.translator;
    if (parts.length > 1) return new MixtureTranslator(parts);
    // Only language codes here: the location (a folder or bucket) is for operators, not clients.
    const pivot = `${src}-${PIVOT_LANGUAGE} and ${PIVOT_LANGUAGE}-${tgt}`;
    throw new MissingLexiconError(
      `no lexicon for ${src}→${tgt}: add ${src}-${tgt}.tsv or ${tgt}-${src}.tsv` +
        (src !== PIVOT_LANGUAGE && tgt !== PIVOT_LANGUAGE ? `, or ${pivot} to pivot through English` : ''),
    );
  }

  private analysed(lexicon: Lexicon): AnalysedLexicon {
    return AnalysedLexicon.fromLexicon(lexicon, { phraseTranslation: this.phraseTranslation });
  }

  /** Whether both legs src→via and via→tgt have a lexicon of their own or a reverse one. */
  private reaches(src: string, via: string, tgt: string): boolean {
    const has = (a: string, b: string) =>
      this.loaders.has(pairKey(a, b)) || (this.loaders.has(pairKey(b, a)) && this.invertible(b, a));
    return has(src, via) && has(via, tgt);
  }

  /** The direction's own lexicons merged; undefined if it has none. */
  private lexicon(src: string, tgt: string): Promise<Lexicon | undefined> {
    const key = pairKey(src, tgt);
    let lexicon = this.merged.get(key);
    if (lexicon === undefined) {
      const own = this.loaders.get(key);
      lexicon = own ? own().then((lexicons) => combineEqually(lexicons)) : Promise.resolve(undefined);
      this.merged.set(key, lexicon);
    }
    return lexicon;
  }
}

/** A catalog over an opened pack: each direction is one lexicon, loaded on first use. */
export function catalogFromPack(pack: LexiconPack, location: string): LexiconCatalog {
  const loaders = new Map<string, LoadLexicons>();
  const oneWay = new Set<string>();
  for (const direction of pack.manifest.directions) {
    const key = pairKey(direction.src, direction.tgt);
    loaders.set(key, async () => [await pack.load(direction.src, direction.tgt)]);
    if (direction.oneWay === true) oneWay.add(key);
  }
  return LexiconCatalog.fromLoaders(location, loaders, { oneWay });
}

/** The lexicons of one direction as one, with equal weight: how a folder's files combine. */
export function combineEqually(lexicons: readonly Lexicon[], id?: string): Lexicon {
  if (lexicons.length === 1) return lexicons[0]!;
  return merge(
    lexicons.map((lexicon) => ({ lexicon, weight: 1 })),
    id === undefined ? {} : { id },
  );
}
