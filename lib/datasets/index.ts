/** Public surface of lib/datasets: readers of public test collections into xlir's formats. */
export { DatasetFormatError } from './errors.js';
export type { DatasetDoc } from './types.js';
export {
  parseMiraclPassage,
  parseMiraclTopics,
  readMiraclCorpus,
  readMiraclQrels,
  readMiraclTopics,
} from './miracl.js';
export { parseMmarcoQrels, readMmarcoCollection, readMmarcoQrels, readMmarcoQueries } from './mmarco.js';
export {
  parseXquadR,
  readXquadR,
  sentenceId,
  XQUAD_R_LANGUAGES,
  xquadRQrels,
  type XquadRLanguage,
} from './xquad-r.js';
export { corpusLine, writeCorpus, writeXquadR } from './write.js';
