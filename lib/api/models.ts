/**
 * The rerank models a server uses: lib/rerank's Reranker over routing.json, opened on first use
 * and kept warm; or none, with the reason, which /v1/models and every refused rerank report.
 */
import { describeCalibration, modelRoles, Reranker } from '../rerank/index.js';
import type { ModelsConfig } from './deps.js';
import { ApiError } from './errors.js';
import { RERANK_BATCH_MS } from './rerank-limits.js';
import type { ModelsResponse } from './schemas/info.js';

export class ModelService {
  private opening: Promise<Reranker> | undefined;

  constructor(private readonly config: ModelsConfig) {}

  get available(): boolean {
    return this.config.routingUri !== undefined;
  }

  /** The reranker; 503 when the server runs BM25 only or routing.json cannot be read. */
  async reranker(): Promise<Reranker> {
    const config = this.config;
    if (config.routingUri === undefined) {
      throw new ApiError(503, 'unavailable', `reranking is not available: ${config.unavailable}`);
    }
    if (!this.opening) {
      const threads = config.threads;
      const opening = Reranker.open(config.routingUri, {
        // A server's batches hold the event loop: bounded, so other requests are served between them.
        maxBatchMs: RERANK_BATCH_MS,
        ...(threads ? { threads } : {}),
      });
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  /** A model id the caller named must exist: 404 otherwise. */
  async checkModel(requested: string | undefined): Promise<void> {
    if (requested === undefined || requested === 'auto') return;
    const ids = (await this.reranker()).registry.ids();
    if (!ids.includes(requested)) {
      throw new ApiError(404, 'not_found', `no model "${requested}"; models: auto, ${ids.join(', ')}`);
    }
  }

  async describe(): Promise<ModelsResponse> {
    if (this.config.routingUri === undefined) {
      return {
        available: false,
        reason: this.config.unavailable,
        routing_uri: null,
        variants: [],
        routing: null,
      };
    }
    let reranker: Reranker;
    try {
      reranker = await this.reranker();
    } catch (error) {
      // A routing table that cannot be used yet (a model still being written, say) is retried
      // on the next request; until then this says why reranking is refused.
      const reason = `models at ${this.config.routingUri} cannot be used: ${(error as Error).message}`;
      return { available: false, reason, routing_uri: this.config.routingUri, variants: [], routing: null };
    }
    const { registry } = reranker;
    const table = registry.table;
    return {
      available: true,
      reason: null,
      routing_uri: registry.uri,
      variants: registry.ids().map((id) => {
        const { uri, manifest } = registry.model(id);
        return {
          id,
          uri,
          languages: manifest.languages ?? null,
          max_length: manifest.maxLength ?? null,
          calibration: describeCalibration(manifest.calibration),
          roles: modelRoles(table, id),
        };
      }),
      routing: {
        routes: table.routes.map((r) => ({ query_lang: r.queryLang, doc_lang: r.docLang, model: r.model })),
        monolingual: table.monolingual ?? null,
        multilingual: table.multilingual,
        zero_shot: table.zeroShot,
      },
    };
  }
}
