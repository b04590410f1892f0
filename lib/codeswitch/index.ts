/**
 * Public surface of lib/codeswitch: artificial code-switching of training data (BL-CS, ML-CS, Wiki-CS
 * after Litschko et al. 2023) with lossless tokenisation and counter-based, nested-in-p randomness.
 */
export { CodeSwitchError } from './errors.js';
export { joinSegments, segmentText, type Segment, type SegmentKind } from './tokenize.js';
export { fmix32, hashWords, uniform, type DrawKey, type Side } from './random.js';
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
  switchWiki,
  switchWikiPair,
  type WikiOptions,
  type WikiPairOptions,
  type WikiPairResult,
} from './wiki.js';
