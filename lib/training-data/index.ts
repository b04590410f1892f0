/**
 * Public surface of lib/training-data: reading and writing retrieval training examples. Readers of
 * MS MARCO triples, sentence-transformers JSONL and SQuAD v1.1 (streamed: a JSON array is never
 * held whole), one entry point that tells the format from the content, SQuAD pair building with
 * paragraph, article and BM25 negatives and held-out articles, and the JSONL writer. The example
 * type (`TrainingExample`), `TrainingDataError` and the seeded hashing the SQuAD draws use come from
 * lib/codeswitch, which switches these examples.
 */
export { DEFAULT_BM25_NEGATIVES, DEFAULT_NEGATIVES } from './constants.js';
export { checkReadable, openTextInput, type TextInput } from './files.js';
export { readMsmarcoTriples, type ReaderOptions } from './msmarco.js';
export { readJsonlExamples } from './jsonl.js';
export {
  readSquadArticles,
  sentenceAt,
  splitSentences,
  type Sentence,
  type SquadAnswer,
  type SquadArticle,
  type SquadParagraph,
  type SquadQuestion,
} from './squad-articles.js';
export { containsAnswer, negativePlan, type NegativePlan, type NegativeSource } from './squad-negatives.js';
export { BM25_CANDIDATES } from './squad-bm25.js';
export {
  chooseValidArticles,
  newSquadStats,
  readSquad,
  type Split,
  type SquadItem,
  type SquadOptions,
  type SquadProgress,
  type SquadStats,
} from './squad.js';
export {
  detectFormat,
  INPUT_FORMATS,
  isInputFormat,
  openExamples,
  type ExampleSource,
  type InputFormat,
  type OpenExamplesOptions,
} from './formats.js';
export { JsonlWriter } from './writer.js';
