/**
 * A loaded cross-encoder: tokenizer + onnxruntime session + what xlir-model.json says. Loading
 * validates everything a request would trip over (files, tokenizer template, input names,
 * output shape, finite scores on a probe batch), so a broken model fails at load with its URI
 * in the message, never on the first user's query. The tokenizer runs on the caller's thread;
 * the session lives in the inference thread (inference-host.ts), so a batch never holds the
 * caller's event loop.
 */
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_LENGTH,
  INPUT_IDS,
  PROBE_PAIRS,
  RATE_SMOOTHING,
  TOKENIZER_FILE,
} from './constants.js';
import { RerankModelError } from './errors.js';
import { lengthBuckets } from './batching.js';
import { calibrate, type Calibration, type ModelManifest } from './manifest.js';
import { sharedInferenceThread, type WorkerSession } from './inference-host.js';
import type { BatchFeeds } from './inference-protocol.js';
import { DEFAULT_MODEL_CACHE_DIR, fetchModelFiles } from './model-files.js';
import {
  batchFeeds,
  readContract,
  readScores,
  sessionOptions,
  type SessionContract,
  type SessionSettings,
} from './session.js';
import { PairTokenizer, type EncodedPair } from './tokenizer.js';

export interface ModelLoadOptions extends SessionSettings {
  /** Where remote models are copied; default: the OS temp dir's xlir-models. */
  cacheDir?: string;
}

export class RerankModel {
  /** Running estimate of inference cost per padded token, for planning against deadlines. */
  private msPerTokenEstimate = 0;

  private constructor(
    readonly uri: string,
    readonly manifest: ModelManifest,
    readonly tokenizer: PairTokenizer,
    /** The session, in the inference thread. */
    readonly session: WorkerSession,
    readonly contract: SessionContract,
    /** Tokens per pair, special tokens included. */
    readonly maxLength: number,
  ) {}

  static async load(uri: string, options: ModelLoadOptions = {}): Promise<RerankModel> {
    const files = await fetchModelFiles(uri, options.cacheDir ?? DEFAULT_MODEL_CACHE_DIR);
    const { manifest } = files;
    const tokenizerText = await readFile(files.paths.get(TOKENIZER_FILE)!, 'utf8');
    const tokenizer = PairTokenizer.fromJson(tokenizerText, `model ${uri}: ${TOKENIZER_FILE}`);
    const maxLength = manifest.maxLength ?? tokenizer.declaredMaxLength ?? DEFAULT_MAX_LENGTH;
    if (maxLength < tokenizer.pairOverhead + 2) {
      throw new RerankModelError(
        `model ${uri}: max_length ${maxLength} leaves no room for text after ${tokenizer.pairOverhead} special tokens`,
      );
    }
    const session = await sharedInferenceThread().load(
      files.paths.get(manifest.modelFile)!,
      uri,
      sessionOptions(options),
    );
    try {
      const contract = readContract(session.metadata, uri, manifest.output);
      const model = new RerankModel(uri, manifest, tokenizer, session, contract, maxLength);
      await model.probe();
      return model;
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  get calibration(): Calibration | undefined {
    return this.manifest.calibration;
  }

  /** Estimated milliseconds for a batch of `rows` pairs padded to `width` tokens. */
  estimateMs(rows: number, width: number): number {
    return this.msPerTokenEstimate * rows * width;
  }

  /** One query against many passages: the query is tokenised once. */
  encode(query: string, passages: readonly string[], maxLength = this.maxLength): EncodedPair[] {
    const queryIds = this.tokenizer.tokenize(query);
    return passages.map((p) => this.tokenizer.encodePassage(queryIds, p, maxLength));
  }

  /** Padded model input for one batch (its buffers are given away when it runs). */
  feeds(pairs: readonly EncodedPair[]): BatchFeeds {
    return batchFeeds(pairs, this.contract, this.tokenizer.padId, this.tokenizer.padTypeId);
  }

  /** Raw logits of one batch, in batch order. */
  async runBatch(pairs: readonly EncodedPair[]): Promise<Float64Array> {
    const feeds = this.feeds(pairs);
    const tokens = pairs.length * (feeds[INPUT_IDS]?.dims[1] ?? 0);
    // The cost estimate is the worker's time in session.run: what a batch costs, not how long it
    // waited behind another request's batches on the same model.
    const { output, runMs } = await this.session.run(feeds, this.contract.output);
    if (tokens > 0) {
      const rate = runMs / tokens;
      this.msPerTokenEstimate =
        this.msPerTokenEstimate === 0
          ? rate
          : (1 - RATE_SMOOTHING) * this.msPerTokenEstimate + RATE_SMOOTHING * rate;
    }
    return readScores(output, pairs.length, this.uri);
  }

  /** Logits of every pair, in input order, run in length-bucketed batches. */
  async scoreEncoded(pairs: readonly EncodedPair[], batchSize = DEFAULT_BATCH_SIZE): Promise<Float64Array> {
    const logits = new Float64Array(pairs.length);
    const lengths = pairs.map((p) => p.ids.length);
    for (const batch of lengthBuckets(lengths, batchSize)) {
      const scores = await this.runBatch(batch.map((i) => pairs[i]!));
      batch.forEach((i, j) => (logits[i] = scores[j]!));
    }
    return logits;
  }

  /** The comparable score of a logit: calibrated when xlir-model.json has a calibration. */
  score(logit: number): number {
    return this.calibration ? calibrate(this.calibration, logit) : logit;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private async probe(): Promise<void> {
    const pairs = PROBE_PAIRS.map(([q, p]) => this.tokenizer.encode(q, p, this.maxLength));
    const logits = await this.runBatch(pairs);
    if (!logits.every(Number.isFinite)) {
      throw new RerankModelError(
        `model ${this.uri}: the probe batch at load scored [${[...logits].join(', ')}]; a model must return finite scores (broken export or fp16 overflow?)`,
      );
    }
  }
}

/**
 * Models stay loaded for the life of the process (a warm Lambda keeps them), one per URI and
 * thread setting: concurrent first requests share one load. A failed load is forgotten, so a
 * transient storage error does not poison the process, and so is a model whose inference worker
 * died: the next request loads it again.
 */
const loaded = new Map<string, Promise<RerankModel>>();

export function acquireModel(uri: string, options: ModelLoadOptions = {}): Promise<RerankModel> {
  const key = `${uri}\n${options.threads ?? 'auto'}`;
  let model = loaded.get(key);
  if (!model) {
    model = RerankModel.load(uri, options);
    loaded.set(key, model);
    const pending = model;
    const forget = () => {
      if (loaded.get(key) === pending) loaded.delete(key);
    };
    pending.then((m) => m.session.onLost(forget), forget);
  }
  return model;
}

/** Releases every model acquired in this process (tests, benchmarks, shutdown). */
export async function releaseModels(): Promise<void> {
  const models = [...loaded.values()];
  loaded.clear();
  await Promise.all(models.map(async (m) => (await m.catch(() => undefined))?.release()));
}
