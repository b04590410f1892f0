/**
 * Public surface of lib/codeswitch: artificial code-switching of training data (BL-CS, ML-CS, Wiki-CS
 * after Litschko et al. 2023) with lossless tokenisation and counter-based, nested-in-p randomness, and
 * the data IO around it: training-example readers (MS MARCO triples, JSONL, SQuAD), the JSONL writer
 * and statistics of code-switched files.
 */
export { CodeSwitchError, TrainingDataError } from './errors.js';
export { joinSegments, segmentText, type Segment, type SegmentKind } from './tokenize.js';
export { drawer, fmix32, hashWords, uniform, type DrawKey, type Side } from './random.js';
export { applyCase, casePattern, type CasePattern } from './case.js';
export { unchanged, type SwitchOptions, type SwitchResult } from './core.js';
export {
  switchBilingual,
  switchPair,
  type BilingualOptions,
  type BilingualPairOptions,
  type PairOptions,
  type PairResult,
  type TextPair,
} from './bilingual.js';
export { switchMultilingual, type MultilingualOptions } from './multilingual.js';
export {
  instanceLexicon,
  switchWiki,
  switchWikiPair,
  type WikiOptions,
  type WikiPairOptions,
  type WikiPairResult,
} from './wiki.js';
export {
  MULTILINGUAL_TAG,
  type CodeSwitchedExample,
  type Provenance,
  type SwitchCounts,
  type SwitchMethod,
  type TrainingExample,
} from './example.js';
export {
  exampleSwitcher,
  type ExampleMode,
  type ExampleSwitcher,
  type ExampleSwitcherOptions,
} from './switch-example.js';
export { SwitchStats, type SideStats, type SwitchStatsReport, type TypeStats } from './stats.js';
export { DEFAULT_BM25_NEGATIVES, DEFAULT_NEGATIVES } from './constants.js';
export { checkReadable, openTextInput, type TextInput } from './io/files.js';
export { readMsmarcoTriples, type ReaderOptions } from './io/msmarco.js';
export { readJsonlExamples } from './io/jsonl.js';
export {
  readSquadArticles,
  sentenceAt,
  splitSentences,
  type Sentence,
  type SquadAnswer,
  type SquadArticle,
  type SquadParagraph,
  type SquadQuestion,
} from './io/squad-articles.js';
export {
  containsAnswer,
  negativePlan,
  type NegativePlan,
  type NegativeSource,
} from './io/squad-negatives.js';
export { BM25_CANDIDATES } from './io/squad-bm25.js';
export {
  chooseValidArticles,
  newSquadStats,
  readSquad,
  type Split,
  type SquadItem,
  type SquadOptions,
  type SquadProgress,
  type SquadStats,
} from './io/squad.js';
export {
  detectFormat,
  INPUT_FORMATS,
  isInputFormat,
  openExamples,
  type ExampleSource,
  type InputFormat,
  type OpenExamplesOptions,
} from './io/formats.js';
export { JsonlWriter } from './io/writer.js';
