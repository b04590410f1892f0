/**
 * What the edge Worker searches with, made once per isolate and kept warm between requests: the
 * index (through lib/api's IndexCatalog, so it opens once, is shared by concurrent requests under
 * their own deadlines, and picks up a newly published build in the background), the lexicon pack
 * (opened on the first cross-lingual query), eld's extra-small detector table, and the remote reranker.
 * Each reports to the same HealthBoard as the Node API's, so /healthz reads alike.
 *
 * The stores are R2 (a bucket binding) or any S3-compatible endpoint over fetch, with retries
 * and a small read cache sized for a 128 MB isolate.
 */
import {
  HealthBoard,
  watchIndexes,
  IndexCatalog,
  keptLexicons,
  type LexiconSource,
  type ApiLog,
} from '../../lib/api/portable.js';
import { openLexiconPack } from '../../lib/lexicon/index.js';
import type { RerankRequest, RerankResult } from '../../lib/rerank/contract.js';
import { RemoteReranker, type RerankBackend } from '../../lib/retrieve/index.js';
import { catalogFromPack } from '../../lib/search/index.js';
import {
  FetchStore,
  MemoryCachedStore,
  R2Store,
  RetryingStore,
  type ObjectStore,
} from '../../lib/storage/index.js';
import { createDetectorFrom, type LanguageDetector } from '../../lib/text/index.js';
import type { EdgeConfig } from './config.js';
import { EDGE_LANGID_TABLE } from './constants.js';

/** The bucket's name in store URIs (`r2://xlir/index`), which only logs show. */
const R2_STORE_NAME = 'xlir';

export interface EdgeSources {
  health: HealthBoard;
  indexes: IndexCatalog;
  lexicons: LexiconSource;
  detector: () => Promise<LanguageDetector>;
  /** Undefined when XLIR_RERANK_URL is not set: a request asking for rerank is a 503. */
  reranker: RerankBackend | undefined;
}

/** A store of `config` at `prefix`, retried; the index's also cached. */
function openStore(config: EdgeConfig, prefix: string): ObjectStore {
  const { store } = config;
  const backend =
    store.kind === 'r2'
      ? new R2Store(store.bucket, { prefix, name: R2_STORE_NAME })
      : new FetchStore({
          endpoint: store.endpoint,
          bucket: store.bucket,
          prefix,
          ...(store.region ? { region: store.region } : {}),
          ...(store.credentials ? { credentials: store.credentials } : {}),
        });
  return new RetryingStore(backend);
}

/** Only the table the Worker ships: a literal import, so the bundle holds it and no other. */
function edgeDetector(): Promise<LanguageDetector> {
  return createDetectorFrom(EDGE_LANGID_TABLE, { extrasmall: () => import('eld/extrasmall') });
}

/** Reports each remote rerank to the health board, as the Node API reports its model loads. */
function watchedReranker(reranker: RerankBackend, health: HealthBoard): RerankBackend {
  return {
    async rerank(request: RerankRequest): Promise<RerankResult> {
      const result = await reranker.rerank(request);
      if (result.unavailable !== undefined) health.modelsAccessed(new Error(result.unavailable));
      else if (result.counts.scored > 0) health.modelsAccessed();
      return result;
    },
  };
}

export function edgeSources(config: EdgeConfig, log: ApiLog): EdgeSources {
  const health = new HealthBoard(Date.now, {
    models: config.rerank !== undefined,
    lexicons: config.lexiconsPrefix !== undefined,
  });
  const indexStore = new MemoryCachedStore(openStore(config, config.indexPrefix), {
    maxBytes: config.readCacheBytes,
  });
  // The catalog opens every index with its own options; the Worker's reader keeps a smaller
  // decoded-postings cache than Node's, so the store it hands out opens with that.
  const catalog = new IndexCatalog(
    { [config.indexName]: indexStore.uri },
    config.indexName,
    config.indexRefreshMs,
    log,
    Date.now,
    () => indexStore,
    { decodedPostingsCacheBytes: config.postingsCacheBytes },
  );
  const prefix = config.lexiconsPrefix;
  const lexicons: LexiconSource =
    prefix === undefined
      ? () => Promise.resolve(undefined)
      : keptLexicons(async () => {
          const packStore = openStore(config, prefix);
          return catalogFromPack(await openLexiconPack(packStore), packStore.uri);
        }, health);
  const remote = config.rerank
    ? new RemoteReranker({ url: config.rerank.url, key: config.rerank.key, log })
    : undefined;
  return {
    health,
    indexes: watchIndexes(catalog, health),
    lexicons,
    detector: edgeDetector,
    reranker: remote ? watchedReranker(remote, health) : undefined,
  };
}
