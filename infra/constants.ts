/** Sizes, limits and names of the deployment, kept in one place. */
import { Duration } from 'aws-cdk-lib';

/** Top-level prefixes of the data bucket; each function's IAM policy names only the ones it uses. */
export const PREFIX = {
  indexes: 'indexes/',
  models: 'models/',
  usage: 'usage/',
  /** Input parts of index builds: one JSONL(.gz) object per shard. */
  corpora: 'corpora/',
  /** The lexicon pack the API translates queries with (lexicons.json + directions/). */
  lexicons: 'lexicons/',
} as const;

/** CDK context key naming the local lexicon pack folder to deploy (`cdk deploy -c lexiconPack=DIR`). */
export const LEXICON_PACK_CONTEXT = 'lexiconPack';

/**
 * Pack deployed when the context names none, relative to the repository root: the demo lexicons,
 * packed by `xlir lexicon pack --input samples/lexicons --out samples/lexicon-pack`. Enough to
 * try cross-lingual search on the demo corpus; real deployments pass their own pack.
 */
export const DEFAULT_LEXICON_PACK_DIR = 'samples/lexicon-pack';

/**
 * Memory of the CDK BucketDeployment handler that copies the pack (it unzips the asset and runs
 * `aws s3 sync`). 1.5 GB copes with packs of large lexicons; it is also this handler's identity:
 * BucketDeployment shares one handler per memory size, so no other deployment reuses its role,
 * which may touch only the lexicons prefix.
 */
export const LEXICON_DEPLOYMENT_MEMORY_MB = 1536;

/** Index the API serves when a request names none (`s3://<bucket>/indexes/<name>`). */
export const DEFAULT_INDEX_NAME = 'default';

/**
 * Every function's environment; handlers name their own Powertools service. Stack traces are
 * mapped back to the TypeScript sources through the bundle's source map.
 */
export const LAMBDA_BASE_ENV = {
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
} as const;

/** API Gateway stage; REST API URLs are `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
export const API_STAGE = 'prod';

/**
 * 3,008 MB is the largest size new accounts get by default and buys about 1.7 vCPUs, which
 * onnxruntime's intra-op threads use (Lambda allots CPU in proportion to memory).
 */
export const API_MEMORY_MB = 3008;
/** API Gateway's REST integration timeout is 29 s; the function may not outlive its caller. */
export const API_TIMEOUT = Duration.seconds(29);
/** Model files are cached in /tmp (lib/rerank); room for a few int8 cross-encoders. */
export const API_EPHEMERAL_MB = 4096;

/** A worker holds one part and its shard in memory (the shard builder's bound is one shard). */
export const WORKER_MEMORY_MB = 3008;
export const WORKER_TIMEOUT = Duration.minutes(15);
export const PUBLISH_MEMORY_MB = 1024;
export const PUBLISH_TIMEOUT = Duration.minutes(5);

/** gc lists an index's builds and deletes objects, 16 at a time: little memory, minutes at most. */
export const GC_MEMORY_MB = 512;
export const GC_TIMEOUT = Duration.minutes(10);
/**
 * Published builds the gc step after each publish keeps: the new one and the one it replaced,
 * so a bad build can be rolled back by republishing the previous manifest. Older builds go once
 * the grace period (lib/index's DEFAULT_GC_GRACE_HOURS, 24 h) has passed.
 */
export const GC_KEEP_BUILDS = 2;

/** Parallel workers of one build: bounds S3 request rates and Lambda concurrency. */
export const BUILD_MAX_CONCURRENCY = 100;
export const BUILD_TIMEOUT = Duration.hours(6);

/** Default usage plan of the REST API; per-customer plans are added the same way. */
export const USAGE_PLAN = {
  rateLimit: 50,
  burstLimit: 100,
  quotaPerMonth: 1_000_000,
} as const;

/** All keys together: a ceiling below the account's regional limit, so one API cannot starve others. */
export const STAGE_THROTTLE = {
  rateLimit: 500,
  burstLimit: 1_000,
} as const;

export const ALARMS = {
  /** Percentage of requests answered 5xx over one period. */
  serverErrorRatePercent: 1,
  /** p99 of API Gateway latency in ms; reranking at depth 50 takes most of it. */
  latencyP99Ms: 5_000,
  /**
   * p99 of a /v1/search's first stage (the api function's EMF metric first_stage_ms). BM25 over
   * shard postings is a few ranged GETs of tens of ms; past 2 s the store is slow or shards are
   * being waited out (a partial answer waits up to half the deadline for a shard), which the
   * overall latency alarm would only see once it passes 5 s.
   */
  firstStageP99Ms: 2_000,
  /**
   * p99 of a search's rerank (rerank_ms). Under the 10 s request deadline the rerank gets what
   * the first stage left; past 4 s deadlines start cutting reranks short (partial answers), so
   * the models are too slow for the depths asked, or the function has too little CPU.
   */
  rerankP99Ms: 4_000,
  period: Duration.minutes(5),
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
} as const;

/** Usage records age: cheaper storage after a month, gone after 13 months (a year-on-year view). */
export const USAGE_LIFECYCLE = {
  infrequentAccessAfter: Duration.days(30),
  glacierAfter: Duration.days(90),
  expireAfter: Duration.days(400),
} as const;
/** Replaced manifests and overwritten models stay recoverable this long. */
export const NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/**
 * Packages copied beside the bundle instead of bundled: onnxruntime-node loads a native
 * binding by path, lib/text reads stopwords-iso through createRequire, which esbuild
 * cannot follow, and the API serves swagger-ui-dist's files for /docs as they are.
 */
export const UNBUNDLED_PACKAGES = {
  api: ['onnxruntime-node', 'onnxruntime-common', 'stopwords-iso', 'swagger-ui-dist'],
  build: ['stopwords-iso'],
} as const;

/** Defines `require` for CommonJS dependencies inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __xlirCreateRequire } from 'node:module'; const require = __xlirCreateRequire(import.meta.url);";
