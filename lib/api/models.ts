/**
 * The rerank models a server uses: lib/rerank's Reranker over routing.json, opened on first use
 * and kept warm; or none, with the reason, which /v1/models and every refused rerank report.
 *
 * Clients learn about models by their ids: /v1/models lists no directories, and an error of the
 * routing table or of a model (both carry its location for the operator, who finds it in the log)
 * reaches them with the location replaced by the model's id. Every access is reported to the
 * health board (/healthz) and timed as the request's rerank stage (telemetry.ts).
 */
import {
  DEFAULT_LAMBDA,
  describeCalibration,
  modelRoles,
  ModelRegistry,
  Reranker,
  RerankModelError,
  splitRoutingUri,
  type RerankerOptions,
  type RerankRequest,
  type RerankResult,
  type TextGlosser,
} from '../rerank/index.js';
import type { ApiLog, ModelsConfig } from './deps.js';
import { ApiError, clientMessage, toApiError } from './errors.js';
import type { HealthBoard } from './health.js';
import { RERANK_BATCH_MS } from './rerank-limits.js';
import type { ModelsResponse } from './schemas/info.js';
import { rerankStage } from './telemetry.js';

export interface ModelServiceOptions {
  health?: HealthBoard;
  log?: ApiLog;
  /** Glosses for models that read English glosses: the server's lexicon pack (XLIR_LEXICONS). */
  glosser?: TextGlosser;
}

/**
 * An engine message about the routing table or a model as a client may read it: each model's
 * location becomes its id, the routing table's location "routing.json", and whatever other
 * location remains is taken out (clientMessage).
 */
export function publicModelMessage(message: string, routingUri: string, registry?: ModelRegistry): string {
  let text = message.split(routingUri).join('routing.json');
  const models = registry ? registry.ids().map((id) => [registry.model(id).uri, id] as const) : [];
  // Longest first, so a model folder inside another's is replaced whole.
  for (const [uri, id] of models.sort((a, b) => b[0].length - a[0].length)) text = text.split(uri).join(id);
  // Models routing.json names relatively (before a registry exists): by that name.
  const { dirUri } = splitRoutingUri(routingUri);
  text = text.split(`${dirUri}/`).join('');
  return clientMessage(text);
}

/** A Reranker that reports model loads to the health board and runs as the request's rerank stage. */
class ObservedReranker extends Reranker {
  constructor(
    registry: ModelRegistry,
    options: RerankerOptions,
    private readonly loaded: () => void,
    private readonly failed: (error: unknown) => unknown,
  ) {
    super(registry, options);
  }

  override rerank(request: RerankRequest): Promise<RerankResult> {
    return rerankStage(async () => {
      try {
        const result = await super.rerank(request);
        this.loaded();
        return result;
      } catch (error) {
        // A model that cannot load is the server's state; any other error is the request's.
        throw error instanceof RerankModelError ? this.failed(error) : error;
      }
    });
  }
}

export class ModelService {
  private opening: Promise<Reranker> | undefined;

  constructor(
    private readonly config: ModelsConfig,
    private readonly options: ModelServiceOptions = {},
  ) {}

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
      const opening = this.open(config.routingUri, config.threads);
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
      return { available: false, reason: this.config.unavailable, variants: [], routing: null };
    }
    let reranker: Reranker;
    try {
      reranker = await this.reranker();
    } catch (error) {
      // A routing table that cannot be used yet (a model still being written, say) is retried
      // on the next request; until then this says why reranking is refused.
      const reason = `the models cannot be used: ${(error as Error).message}`;
      return { available: false, reason, variants: [], routing: null };
    }
    const { registry } = reranker;
    const table = registry.table;
    return {
      available: true,
      reason: null,
      variants: registry.ids().map((id) => {
        const { manifest } = registry.model(id);
        return {
          id,
          languages: manifest.languages ?? null,
          max_length: manifest.maxLength ?? null,
          calibration: describeCalibration(manifest.calibration),
          fusion_lambda: manifest.fusionLambda ?? DEFAULT_LAMBDA,
          input: manifest.input,
          roles: modelRoles(table, id),
        };
      }),
      routing: {
        routes: table.routes.map((r) => ({ query_lang: r.queryLang, doc_lang: r.docLang, model: r.model })),
        monolingual: table.monolingual ?? null,
        multilingual: table.multilingual,
        zero_shot: table.zeroShot,
        mixed_lists: { ...table.mixedLists },
      },
    };
  }

  private async open(routingUri: string, threads: number | undefined): Promise<Reranker> {
    const options: RerankerOptions = {
      // A server's batches hold the event loop: bounded, so other requests are served between them.
      maxBatchMs: RERANK_BATCH_MS,
      ...(threads ? { threads } : {}),
      ...(this.options.glosser ? { glosser: this.options.glosser } : {}),
    };
    let registry: ModelRegistry;
    try {
      registry = await ModelRegistry.open(routingUri);
    } catch (error) {
      throw this.failed(error, routingUri);
    }
    const health = this.options.health;
    health?.modelsAccessed();
    return new ObservedReranker(
      registry,
      options,
      () => health?.modelsAccessed(),
      (error) => this.failed(error, routingUri, registry),
    );
  }

  /**
   * What a client gets for a routing table or model that cannot be used: a 503 naming models by
   * id. The operator's message, locations included, goes to the log; the board gets the client's.
   * An error that is not the models' state (a bug) is left as it is, for the 500 path.
   */
  private failed(error: unknown, routingUri: string, registry?: ModelRegistry): unknown {
    if (toApiError(error)?.status !== 503) return error;
    const message = (error as Error).message;
    this.options.log?.error(`rerank models (${routingUri}) cannot be used: ${message}`);
    const visible = new ApiError(503, 'unavailable', publicModelMessage(message, routingUri, registry));
    this.options.health?.modelsAccessed(visible);
    return visible;
  }
}
