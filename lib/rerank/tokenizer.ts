/**
 * Query–passage pair encoding on top of @huggingface/tokenizers, which tokenises (WordPiece,
 * Unigram/SentencePiece, BPE) and knows the post-processors, but has no truncation and applies
 * the single-sequence template when the second text is empty.
 *
 * So each text is tokenised alone without special tokens, the pair is truncated with HF's
 * longest_first rule (truncation.ts), and the pair template is applied here. The template is
 * read once from the library's own post-processor by running it on two marker tokens, so
 * TemplateProcessing, BertProcessing and RobertaProcessing all give exactly what they would
 * give a real pair: [CLS] A [SEP] B [SEP] with type ids 0…0 1…1 for BERT, and
 * <s> A </s> </s> B </s> with type ids all 0 for XLM-R.
 *
 * Tokenising is most of a small cross-encoder's cost in JavaScript (the Unigram lattice of
 * @huggingface/tokenizers above all), and text repeats its words: within one request the query's
 * terms and the function words recur in every passage, and across requests the vocabulary does.
 * Where a text's ids are the ids of its words, each with the spaces before it, tokenised alone
 * (tokenisesWordByWord in prefix.ts: BERT, SentencePiece's Metaspace), each such word is tokenised
 * once and remembered (WORD_CACHE_ENTRIES).
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { LRUCache } from 'lru-cache';
import { RerankModelError, RerankRequestError } from './errors.js';
import type { FirstStageFeature } from './first-stage.js';
import {
  INITIAL_CHARS_PER_TOKEN,
  splitsAtWhitespace,
  tokenisesWordByWord,
  tokenizePrefix,
  wordsOf,
} from './prefix.js';
import { longestFirstLengths } from './truncation.js';

/** Cannot occur in tokenised text: normalizers drop control characters, and it is never in a vocab. */
const MARKER_A = '\u0000xlir:A';
const MARKER_B = '\u0000xlir:B';
const PAD_TOKENS = ['[PAD]', '<pad>'];
/**
 * Words (with their leading spaces) whose ids a tokenizer remembers. English has a few hundred
 * thousand word forms; 100,000 entries hold the recurring ones in about 15 MB per model when full
 * (13.6 MB measured for 90,000 SQuAD words).
 */
export const WORD_CACHE_ENTRIES = 100_000;
/** Longer words are tokenised each time: a long run without spaces (Chinese text) seldom recurs. */
const MAX_CACHED_WORD_CHARS = 64;

type TemplateSlot = { sequence: 'A' | 'B'; typeId: number } | { special: number; typeId: number };

export interface EncodedPair {
  ids: number[];
  typeIds: number[];
  /** Whether longest_first cut either text. */
  truncated: boolean;
  /**
   * The candidate's first-stage row (first-stage.ts), fed only to a model with a `first_stage`
   * input; absent: [0, 0]. The tokenizer never sets it: the reranker does, per candidate.
   */
  firstStage?: FirstStageFeature;
}

/** What the library's post-processors return. */
interface ProcessedPair {
  tokens: string[];
  tokens_pair?: string[];
  token_type_ids?: number[];
}

interface TokenizerJson {
  model?: { type?: string };
  pre_tokenizer?: Parameters<typeof splitsAtWhitespace>[0];
  normalizer?: Parameters<typeof tokenisesWordByWord>[1];
  truncation?: { max_length?: number } | null;
  padding?: { pad_id?: number; pad_type_id?: number } | null;
}

export class PairTokenizer {
  /** The tokenizer model: WordPiece, Unigram, BPE. */
  readonly kind: string;
  /** Special tokens the pair template adds; max_length minus this is left for the texts. */
  readonly pairOverhead: number;
  readonly padId: number;
  readonly padTypeId: number;
  /** tokenizer.json's own truncation.max_length, if it sets one. */
  readonly declaredMaxLength: number | undefined;
  private readonly template: TemplateSlot[];
  /** Whether a passage may be tokenised only as far as truncation keeps it (prefix.ts). */
  private readonly prefixSafe: boolean;
  /** Running chars-per-token of the passages seen, to size the first chunk. */
  private charsPerToken = INITIAL_CHARS_PER_TOKEN;
  /** Ids of words (wordsOf), where the tokenizer allows it (see the opening comment). */
  private readonly words: LRUCache<string, readonly number[]> | undefined;

  private constructor(
    private readonly tokenizer: Tokenizer,
    json: TokenizerJson,
    where: string,
  ) {
    this.kind = json.model?.type ?? 'unknown';
    this.template = readPairTemplate(tokenizer, where);
    this.pairOverhead = this.template.filter((slot) => 'special' in slot).length;
    const padding = json.padding ?? undefined;
    this.padId =
      padding?.pad_id ?? PAD_TOKENS.map((t) => tokenizer.token_to_id(t)).find((id) => id !== undefined) ?? 0;
    this.padTypeId = padding?.pad_type_id ?? 0;
    this.declaredMaxLength = json.truncation?.max_length ?? undefined;
    this.prefixSafe = splitsAtWhitespace(json.pre_tokenizer);
    this.words = tokenisesWordByWord(json.pre_tokenizer, json.normalizer)
      ? new LRUCache({ max: WORD_CACHE_ENTRIES })
      : undefined;
  }

  /** Whether this tokenizer remembers the ids of the words it has seen. */
  get cachesWords(): boolean {
    return this.words !== undefined;
  }

  /** Forgets every remembered word (to measure tokenising cold, or to give memory back). */
  forgetWords(): void {
    this.words?.clear();
  }

  /** `text` is tokenizer.json; `where` names it in errors. */
  static fromJson(text: string, where: string): PairTokenizer {
    let json: TokenizerJson;
    let tokenizer: Tokenizer;
    try {
      json = JSON.parse(text) as TokenizerJson;
      tokenizer = new Tokenizer(json, {});
    } catch (error) {
      throw new RerankModelError(`${where}: not a usable tokenizer.json (${(error as Error).message})`, {
        cause: error,
      });
    }
    return new PairTokenizer(tokenizer, json, where);
  }

  /** Token ids of one text, without special tokens. */
  tokenize(text: string): number[] {
    // Lone surrogates cannot come from valid UTF-8; the Rust library would never see them.
    const wellFormed = text.toWellFormed();
    const words = this.words;
    if (words === undefined) return this.tokenizeWhole(wellFormed);
    const ids: number[] = [];
    for (const word of wordsOf(wellFormed)) {
      let wordIds = words.get(word);
      if (wordIds === undefined) {
        wordIds = this.tokenizeWhole(word);
        if (word.length <= MAX_CACHED_WORD_CHARS) words.set(word, wordIds);
      }
      for (const id of wordIds) ids.push(id);
    }
    return ids;
  }

  private tokenizeWhole(text: string): number[] {
    try {
      return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    } catch (error) {
      // The library gathers a text's tokens with one spread call: past ~100k tokens, the stack
      // overflows. tokenizePassage avoids it where pieces are exact; elsewhere it is the caller's.
      if (!(error instanceof RangeError)) throw error;
      throw new RerankRequestError(
        `a text of ${text.length} characters is too long for this model's tokenizer to read in one piece`,
      );
    }
  }

  /** The model input for (query, passage): truncated to maxLength, special tokens included. */
  encodePair(queryIds: readonly number[], passageIds: readonly number[], maxLength: number): EncodedPair {
    const [keepA, keepB] = longestFirstLengths(
      queryIds.length,
      passageIds.length,
      maxLength - this.pairOverhead,
    );
    const ids: number[] = [];
    const typeIds: number[] = [];
    for (const slot of this.template) {
      if ('special' in slot) {
        ids.push(slot.special);
        typeIds.push(slot.typeId);
        continue;
      }
      const [source, keep] = slot.sequence === 'A' ? [queryIds, keepA] : [passageIds, keepB];
      for (let i = 0; i < keep; i++) {
        ids.push(source[i]!);
        typeIds.push(slot.typeId);
      }
    }
    return { ids, typeIds, truncated: keepA < queryIds.length || keepB < passageIds.length };
  }

  /**
   * encodePair of a tokenised query and a passage text, tokenising the passage only as far as
   * needed. Truncation reads the passage length only through comparisons with the budget and
   * the query length, so any count above both gives the same cut as the full count.
   */
  encodePassage(queryIds: readonly number[], passage: string, maxLength: number): EncodedPair {
    const enough = Math.max(maxLength - this.pairOverhead, queryIds.length) + 1;
    return this.encodePair(queryIds, this.tokenizePassage(passage, enough), maxLength);
  }

  /**
   * Token ids of at least the first `atLeast` tokens of a passage (all of them if it has fewer,
   * or if the tokenizer is not prefix-safe): the same ids as tokenize(passage) up to there.
   */
  tokenizePassage(passage: string, atLeast: number): number[] {
    if (!this.prefixSafe) return this.tokenize(passage);
    const prefix = tokenizePrefix(passage, atLeast, this.charsPerToken, (chunk) => this.tokenize(chunk));
    if (prefix.ids.length > 0) {
      this.charsPerToken = (3 * this.charsPerToken + prefix.chars / prefix.ids.length) / 4;
    }
    return prefix.ids;
  }

  encode(query: string, passage: string, maxLength: number): EncodedPair {
    return this.encodePassage(this.tokenize(query), passage, maxLength);
  }
}

function readPairTemplate(tokenizer: Tokenizer, where: string): TemplateSlot[] {
  const processor = tokenizer.post_processor;
  if (!processor) {
    throw new RerankModelError(
      `${where}: tokenizer.json has no post_processor, so it has no pair template ([CLS] A [SEP] B [SEP]); a cross-encoder needs one`,
    );
  }
  const out: ProcessedPair = processor.post_process([MARKER_A], [MARKER_B], true);
  const tokens =
    out.tokens_pair && !out.tokens.includes(MARKER_B) ? [...out.tokens, ...out.tokens_pair] : out.tokens;
  const typeIds = out.token_type_ids ?? [];
  const slots = tokens.map((token, i): TemplateSlot => {
    const typeId = typeIds[i] ?? 0;
    if (token === MARKER_A) return { sequence: 'A', typeId };
    if (token === MARKER_B) return { sequence: 'B', typeId };
    const id = tokenizer.token_to_id(token);
    if (id === undefined) {
      throw new RerankModelError(
        `${where}: the pair template uses ${JSON.stringify(token)}, which is not in the vocabulary`,
      );
    }
    return { special: id, typeId };
  });
  const count = (s: 'A' | 'B') => slots.filter((slot) => 'sequence' in slot && slot.sequence === s).length;
  if (count('A') !== 1 || count('B') !== 1) {
    throw new RerankModelError(
      `${where}: the post_processor's pair template must hold each text exactly once`,
    );
  }
  return slots;
}
