/** Public surface of lib/lexicon/induce: lexicons induced from aligned cross-lingual embeddings. */
export {
  readVec,
  writeVec,
  type Embeddings,
  type ReadVecOptions,
  type ReadVecResult,
  type VecSkips,
} from './embeddings.js';
export { induce, type InduceMethod, type InduceOptions } from './induce.js';
export { evaluateBli, type BliScores } from './evaluate.js';
