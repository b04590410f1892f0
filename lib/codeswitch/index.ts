/**
 * Public surface of lib/codeswitch: artificial code-switching of training data (BL-CS, ML-CS, Wiki-CS
 * after Litschko et al. 2023) with lossless tokenisation and counter-based, nested-in-p randomness,
 * the training example it switches and statistics of code-switched files. Reading and writing
 * training data (MS MARCO, JSONL, SQuAD, the JSONL writer) is lib/training-data.
 */
export { CodeSwitchError, TrainingDataError } from './errors.js';
export { joinSegments, segmentText, type Segment, type SegmentKind } from './tokenize.js';
export { drawer, fmix32, hashWords, uniform, validateDrawKey, type DrawKey, type Side } from './random.js';
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
export { GLOSS_LANGUAGE, Glosser, type GlossLexicons, type GlossText } from './gloss.js';
export {
  ROUND_TRIP_SIDES,
  roundTripper,
  type RoundTripExample,
  type RoundTripOptions,
  type RoundTripper,
  type RoundTripSides,
} from './round-trip.js';
