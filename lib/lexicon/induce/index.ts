/** Public surface of lib/lexicon/induce: lexicons induced from aligned cross-lingual embeddings. */
export {
  readVec,
  writeVec,
  type Embeddings,
  type ReadVecOptions,
  type ReadVecResult,
  type VecSkips,
} from './embeddings.js';
export { induce, type InduceBackend, type InduceMethod, type InduceOptions } from './induce.js';
export { evaluateBli, readGold, type BliScores, type GoldDictionary } from './evaluate.js';
