/** Tunables of the cross-lingual first stage, kept in one place. */

/**
 * PSQ keeps a query term's most probable translations, at most this many: the tail of a lexicon
 * distribution is mostly noise (rare senses, alignment errors), and every kept translation costs
 * a posting list.
 */
export const PSQ_MAX_TRANSLATIONS = 10;

/**
 * ...and stops once the kept translations hold this much probability (Darwish & Oard's
 * cumulative threshold; values around 0.9–0.97 are usual in the PSQ literature). The kept
 * probabilities are renormalised to sum to 1.
 */
export const PSQ_CUMULATIVE_PROBABILITY = 0.95;

/**
 * Whether PSQ adds a translated word's own form as one more candidate translation (psq.ts).
 * Parameter-free (the share of an average kept translation) and neutral where the form does not
 * occur in the documents; measured on XQuAD-R CLIR in docs/results.md.
 */
export const PSQ_SOURCE_TERMS = true;

/**
 * Names matched through the index vocabulary (names.ts): a skeleton of fewer consonant classes
 * than this is too common to be a name's ("TSL" is Tesla, but "NT" is every other word), and
 * one that more index terms than NAME_MAX_CANDIDATES share does not identify a word. Both were
 * fixed before measuring, from what a name needs to be told apart, not fitted.
 */
export const NAME_MIN_SKELETON_CLASSES = 3;
export const NAME_MAX_CANDIDATES = 3;

/**
 * Largest vocabulary (terms summed over shard heads) names.ts builds a skeleton table for. The
 * table is built on the first query that needs it, and its cost grows faster than the vocabulary
 * (`npm run bench:names`: 0.35–0.4 s for 100k terms, 0.7–1.2 s for 250k, 2.1 s for 500k on a busy
 * two-core machine). A quarter of a million terms keeps that within a cold query's budget; it
 * covers the XQuAD-R indexes many times over, but not the 1M-document bench index (58,571 terms
 * per 100k-document shard). A larger index searches without name matching (`names` stays empty).
 */
export const NAME_MAX_VOCABULARY = 250_000;

/**
 * Compounds split into parts the lexicon knows (decompound.ts): a part written in letters has at
 * least this many (shorter ones are mostly inflections and syllables, "ung", "er"; German's
 * shortest common compound parts, "see", "tag", "bau", have three), and a word splits into at
 * most DECOMPOUND_MAX_PARTS parts. Fixed before measuring, from what a compound's parts look
 * like, not fitted.
 */
export const DECOMPOUND_MIN_PART_LETTERS = 3;
export const DECOMPOUND_MAX_PARTS = 2;

/**
 * Languages that write compounds closed (one word, Amazonaswald, regnskog), whose words in
 * letters are split. Elsewhere a split of an unknown word is mostly a stem and an ending
 * (Russian Лютера → лют + ра, Spanish hugonotes → hugon + otes), so only words written in Han,
 * whose characters are morphemes in any language, are split there.
 */
export const COMPOUNDING_LANGUAGES: readonly string[] = [
  'de',
  'nl',
  'af',
  'da',
  'sv',
  'no',
  'nb',
  'nn',
  'is',
  'fi',
  'et',
];

/**
 * One-letter prefixes a query word may carry that dictionaries list without (prefixes.ts), per
 * query language: Arabic's joined conjunctions و ف, prepositions ب ك ل and imperfect person
 * markers ي ت ن ا. Only Arabic: the other languages here write such words apart or inflect at the
 * end, where the stemmer already works.
 */
export const DETACHABLE_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  ar: ['و', 'ف', 'ب', 'ك', 'ل', 'ي', 'ت', 'ن', 'ا'],
};

/** Fewest letters left once a prefix is detached: shorter rests are mostly other words' stems. */
export const DETACHED_MIN_LETTERS = 3;

/** Language that bridges two languages without a lexicon of their own (ar→en→ru). */
export const PIVOT_LANGUAGE = 'en';

/**
 * How per-language result lists are merged into one ranking (lib/search/fusion.ts): min-max or
 * z-score normalisation per list, reciprocal ranks, or each score divided by the query's
 * maximum attainable score in its language ('attainable'), or by the geometric mean of that
 * bound and the list's best score ('attainable-top'), or by the score of a reference document
 * of average length matching each query term once ('calibrated'), or min-max whose top is
 * raised, for a list whose best hit is weaker than that reference, to the geometric mean of the
 * two ('minmax-calibrated': a strong list scales as min-max, a weak one is not promoted to 1), or
 * the same scaling measured from the mean of the list's head instead of its minimum
 * ('head-calibrated': a best hit that does not stand out from the rest of its list stays low).
 */
export type FusionMethod =
  | 'minmax'
  | 'zscore'
  | 'rrf'
  | 'attainable'
  | 'attainable-top'
  | 'calibrated'
  | 'minmax-calibrated'
  | 'head-calibrated';
export const FUSION_METHODS: readonly FusionMethod[] = [
  'minmax',
  'zscore',
  'rrf',
  'attainable',
  'attainable-top',
  'calibrated',
  'minmax-calibrated',
  'head-calibrated',
];

/**
 * Default merge of a fan-out over document languages: 'head-calibrated'. On XQuAD-R
 * (docs/results.md, all 1,190 questions) it is the best candidate on MLIR-partial, where half the
 * languages hold nothing relevant (0.4464 MAP, against 0.4343 for minmax-calibrated, the previous
 * default, and 0.3886 for min-max), and ties min-max on MLIR, where every language holds one
 * relevant sentence (0.5084 against 0.5080; 0.4902 against 0.4891, p = 0.13, before per-language
 * statistics and CC-CEDICT). Min-max leads plain MLIR among the older
 * methods because it promotes every list's best hit to 1, which is what invents relevance when a
 * language has nothing relevant. The head depth and the rule were first compared on the
 * questions of half the articles and then confirmed, unchanged, on the other half.
 */
export const DEFAULT_FUSION: FusionMethod = 'head-calibrated';

/**
 * How many of a list's best scores make its head, whose mean 'head-calibrated' measures hits
 * from. Ten, the depth of a results page: most of a list's head is then not relevant (a question
 * has few answering passages per language), so the mean is the level a lucky non-relevant match
 * reaches, and a list whose best only reaches that level has found nothing that stands out.
 */
export const FUSION_HEAD_DEPTH = 10;

/**
 * How far apart two normalised fused scores must be for the order to follow them rather than the
 * query's own language: the own-language list's scores get this much added (fusion.ts). A
 * hundredth of a list's unit is below what the calibration can tell apart (its reference is
 * one typical document), and near such ties the untranslated match is the safer one. Without it,
 * in the demo, "Who invented the telephone?" put the English telephone passage seventh, at 0.994
 * against six translations at 1.00. On XQuAD-R it moves MLIR MAP by −0.0001 and MLIR-partial by
 * −0.0009 (docs/results.md).
 */
export const FUSION_TIE_MARGIN = 0.01;

/** k of reciprocal rank fusion, 1/(k + rank), as in Cormack, Clarke & Büttcher (2009). */
export const RRF_K = 60;

/**
 * Longest source phrase, in analysed terms, that a lexicon entry may have to be used as a
 * query-side key. Multi-term entries are common where a language writes one concept as
 * several terms (after analysis 55% of Vietnamese, 40% of Thai, 35% of Chinese entries);
 * most are two or three terms, longer ones are mostly idioms and example sentences.
 */
export const MAX_SOURCE_PHRASE_TERMS = 3;

/**
 * The "no content word" translation (the NULL word of statistical translation models): the share
 * of a source word's translations that are function words in the target language ("كم" → "how
 * many", "sleeve"). Kept in the distribution instead of renormalised away, so the one content
 * translation of a mostly-function word does not inherit the whole probability; PSQ weighs the
 * query word by the rest (psq.ts). The empty string, since an analysed term is never empty.
 */
export const NULL_TRANSLATION = '';

/** Joins the terms of a phrase key; analysed terms never contain whitespace (lib/text). */
export const PHRASE_TERM_SEPARATOR = ' ';

/**
 * How a translation that analyses to several document terms is searched ("ice cream" → Eis +
 * Creme, "Carolina" → 卡 罗 来 纳, which the Chinese segmenter splits into characters):
 * - 'conjunction': as one member of the group that matches the documents holding all of its
 *   terms, anywhere in the document (tf = the smallest of their tfs, df = those documents);
 * - 'terms': its probability shared among its terms, each matched on its own.
 * A conjunction does not let a common part ("家", "ice") stand for the whole; the terms' group
 * finds a phrase the documents write differently or in part. Measured on XQuAD-R CLIR (30 pairs,
 * `xlir experiment xquad-r --phrase-translation`): the terms' group 0.4963 MAP, conjunctions
 * 0.4923 (25 of 30 pairs lower; docs/results.md), so the terms' group is the default.
 */
export type PhraseTranslation = 'conjunction' | 'terms';
export const PHRASE_TRANSLATIONS: readonly PhraseTranslation[] = ['terms', 'conjunction'];
export const PHRASE_TRANSLATION: PhraseTranslation = 'terms';

/**
 * How much each source of evidence for a direction counts where several know a query term
 * (MixtureTranslator): the direction's own lexicons, the reverse direction's inverted, and the
 * two-step path through PIVOT_LANGUAGE. A direct and an inverted dictionary are both
 * human-made lists of the same kind of pairs, read either way, so they count alike. The pivot
 * composes two distributions and spreads each sense over every sense of the English word.
 * Its weight was measured as bilingual lexicon induction on the held-out xling TEST
 * dictionaries of 20 directions between de, fr, it, ru and tr (`bench/psq-evidence-weights.ts`,
 * docs/lexicons.md), never on a retrieval test collection: the probability mass PSQ puts on
 * gold translations is 0.270 with the pivot alone, 0.145 with the dictionaries alone, and
 * 0.308 / 0.307 / 0.303 / 0.298 / 0.291 mixed with the pivot at 0.03 / 0.1 / 0.25 / 0.5 / 1
 * (P@1 0.337–0.338 throughout). 0.25 is the largest weight within 0.005 of the best: where
 * the held-out measure cannot tell, more of the pivot's synonyms is kept.
 */
export const LEXICON_EVIDENCE_WEIGHTS = { direct: 1, inverted: 1, pivot: 0.25 } as const;
