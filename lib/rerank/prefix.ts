/**
 * Tokenising only as much of a passage as truncation can keep. A passage of 2,000 words cut to
 * 256 tokens needs its first few hundred words tokenised, not all of them, and in JavaScript
 * tokenising dominates the cost of a small cross-encoder.
 *
 * The text is cut at whitespace, in growing chunks, until enough tokens are in hand. That is
 * exact only when pre-tokenisation splits at whitespace anyway (BERT, Whitespace[Split],
 * Metaspace with split, ByteLevel with its regex): then no token spans the cut, and each chunk starts with
 * the whitespace run before its first word, so normalisers and Metaspace see what they would
 * see in the whole text. Other tokenizers get the whole passage tokenised.
 */

/** Chars per token before any text was seen (English with a ~30k vocabulary: about 4.5). */
export const INITIAL_CHARS_PER_TOKEN = 4;
/** The first chunk aims this much past the estimate: a second chunk costs more than a few words. */
const CHUNK_SLACK = 1.15;
const MIN_CHUNK_CHARS = 32;
/**
 * Largest piece tokenised in one call. @huggingface/tokenizers spreads a text's tokens into
 * one array call (`push(...tokens)`), which overflows the stack somewhere past 100k tokens; a
 * long document is tokenised in pieces of this size instead, with the same ids.
 */
export const MAX_CHUNK_CHARS = 65_536;

/** One whitespace character (no g flag: test() keeps no state between calls). */
const WHITESPACE = /\s/u;

const WHITESPACE_SPLITTERS = new Set(['BertPreTokenizer', 'Whitespace', 'WhitespaceSplit']);

interface PreTokenizerConfig {
  type?: string;
  split?: boolean;
  use_regex?: boolean;
  prepend_scheme?: string;
  add_prefix_space?: boolean;
  pretokenizers?: PreTokenizerConfig[];
}

interface NormalizerConfig {
  type?: string;
  normalizers?: NormalizerConfig[];
}

/** Whether tokenizer.json's pre_tokenizer never lets a token span whitespace. */
export function splitsAtWhitespace(config: PreTokenizerConfig | null | undefined): boolean {
  if (!config) return false;
  if (config.type === 'Sequence') return (config.pretokenizers ?? []).some((p) => splitsAtWhitespace(p));
  if (config.type === 'Metaspace') return config.split !== false;
  if (config.type === 'ByteLevel') return config.use_regex !== false;
  return WHITESPACE_SPLITTERS.has(config.type ?? '');
}

/**
 * Whether a text's ids are the ids of its words tokenised alone, each with the spaces before it
 * (wordsOf): true when every pre-tokeniser drops whitespace (BERT, Whitespace[Split]) or is
 * Metaspace that splits and prepends its marker to every word ("always"), so a word reads the same
 * at the start of a text as after a space; and no normaliser prepends anything. ByteLevel keeps
 * whitespace runs in its tokens, and Metaspace "first" or "never" treats a text's first word apart,
 * so those, and anything unknown, are tokenised whole.
 */
export function tokenisesWordByWord(
  preTokenizer: PreTokenizerConfig | null | undefined,
  normalizer: NormalizerConfig | null | undefined,
): boolean {
  const prepends = (n: NormalizerConfig | null | undefined): boolean =>
    n?.type === 'Prepend' || (n?.normalizers ?? []).some(prepends);
  const wordSafe = (p: PreTokenizerConfig): boolean => {
    if (p.type === 'Sequence') return (p.pretokenizers ?? []).length > 0 && p.pretokenizers!.every(wordSafe);
    if (p.type === 'Metaspace')
      return (
        p.split !== false &&
        (p.prepend_scheme ?? (p.add_prefix_space === false ? 'never' : 'always')) === 'always'
      );
    return WHITESPACE_SPLITTERS.has(p.type ?? '');
  };
  return preTokenizer != null && wordSafe(preTokenizer) && !prepends(normalizer);
}

/**
 * The words of `text` for tokenisesWordByWord: cut before a run of spaces between two characters
 * that are not whitespace, so each word after the first starts with its spaces and then a
 * character every normaliser keeps. Other whitespace is never at a cut: a tab or a zero-width
 * no-break space means different things to different normalisers (the library's Replace(\s+)
 * keeps U+FEFF where its Strip removes it). Joined, the words are `text`.
 */
export function* wordsOf(text: string): Generator<string> {
  const isSpace = (at: number) => WHITESPACE.test(text[at]!);
  let start = 0;
  for (let i = text.indexOf(' ', 1); i !== -1;) {
    let after = i;
    while (text[after] === ' ') after++;
    if (after < text.length && !isSpace(i - 1) && !isSpace(after)) {
      yield text.slice(start, i);
      start = i;
    }
    i = text.indexOf(' ', after);
  }
  if (start < text.length) yield text.slice(start);
}

/** Start of the whitespace run at or after `from` (text.length if there is none). */
export function whitespaceCut(text: string, from: number): number {
  // A search from `from`, not over a copy of the rest: a long document is cut many times.
  const whitespace = /\s/gu;
  whitespace.lastIndex = from;
  const found = whitespace.exec(text);
  if (found === null) return text.length;
  let cut = found.index;
  while (cut > 0 && WHITESPACE.test(text[cut - 1]!)) cut--;
  return cut;
}

export interface Prefix {
  ids: number[];
  /** Characters tokenised, for the caller's chars-per-token estimate. */
  chars: number;
}

/**
 * Token ids of at least the first `atLeast` tokens of `text` (all of them if it has fewer, or
 * if `atLeast` is Infinity): `tokenize` runs on successive chunks cut at whitespace, the first
 * sized by `charsPerToken`, each at most MAX_CHUNK_CHARS.
 */
export function tokenizePrefix(
  text: string,
  atLeast: number,
  charsPerToken: number,
  tokenize: (chunk: string) => number[],
): Prefix {
  const ids: number[] = [];
  let start = 0;
  let chunk = Math.min(
    MAX_CHUNK_CHARS,
    Math.max(MIN_CHUNK_CHARS, Math.ceil(atLeast * charsPerToken * CHUNK_SLACK)),
  );
  while (start < text.length && ids.length < atLeast) {
    // A cut inside leading whitespace yields an empty chunk; the doubled chunk gets past it.
    const end = start + chunk >= text.length ? text.length : whitespaceCut(text, start + chunk);
    for (const id of tokenize(text.slice(start, end))) ids.push(id);
    start = end;
    chunk = Math.min(chunk * 2, MAX_CHUNK_CHARS);
  }
  return { ids, chars: start };
}
