/** Public surface of lib/lexicon/build: `xlir lexicon build`'s discovery, cleaning, merge and weights. */
export {
  allDirections,
  buildLexicons,
  type BuildOptions,
  type BuildProgress,
  type BuildResult,
  type BuiltDirection,
  type BuiltSource,
} from './build.js';
export { cleanLexicon, cleanMarkup, type CleanResult } from './clean.js';
export { ONE_WAY_SOURCE_KINDS, SOURCE_KINDS, SOURCE_WEIGHTS, type SourceKind } from './constants.js';
export {
  coverageOf,
  coverageSampleOf,
  evenly,
  readCoverageSample,
  type Coverage,
  type CoverageSample,
  type LanguageText,
} from './coverage.js';
export { discoverSources, type DiscoverOptions, type Discovery, type SourceSpec } from './sources.js';
export {
  measureSourceWeights,
  precisionAgainst,
  readTestGold,
  type Gold,
  type SourcePrecision,
  type WeightMeasurement,
} from './weights.js';
