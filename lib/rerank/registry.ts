/**
 * The model registry: routing.json plus every model's xlir-model.json, read at open (a few
 * small GETs) so routing can consult the languages each variant was trained on and a typo in
 * a model path fails before any request. The ONNX files are only fetched when a model is used.
 */
import path from 'node:path';
import { ObjectNotFoundError } from '../storage/index.js';
import { openStore, parseStoreUri } from '../storage/node.js';
import { ROUTING_FILE } from './constants.js';
import { RerankRequestError, RoutingError } from './errors.js';
import type { ModelManifest } from './manifest.js';
import { openModelStore, readManifest } from './model-files.js';
import {
  parseRoutingTable,
  resolveModelName,
  resolveRoute,
  type RouteResolution,
  type RoutingTable,
} from './routing.js';

export interface RegisteredModel {
  id: string;
  /** Absolute URI of the model directory. */
  uri: string;
  manifest: ModelManifest;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/** routing.json's folder (a store URI) and file name; a URI without ".json" is the folder. */
export function splitRoutingUri(uri: string): { dirUri: string; file: string } {
  const parsed = parseStoreUri(uri);
  if (parsed.kind === 'file') {
    return parsed.path.endsWith('.json')
      ? { dirUri: path.dirname(parsed.path), file: path.basename(parsed.path) }
      : { dirUri: parsed.path, file: ROUTING_FILE };
  }
  if (!parsed.prefix.endsWith('.json')) return { dirUri: uri.replace(/\/+$/, ''), file: ROUTING_FILE };
  const slash = parsed.prefix.lastIndexOf('/');
  const dir = slash < 0 ? '' : parsed.prefix.slice(0, slash);
  return { dirUri: `s3://${parsed.bucket}${dir ? `/${dir}` : ''}`, file: parsed.prefix.slice(slash + 1) };
}

/** A model directory from routing.json: a URI or absolute path as is, else relative to routing.json. */
export function resolveModelUri(dirUri: string, ref: string): string {
  if (SCHEME.test(ref) || path.isAbsolute(ref)) {
    const parsed = parseStoreUri(ref);
    return parsed.kind === 'file' ? parsed.path : ref.replace(/\/+$/, '');
  }
  const base = parseStoreUri(dirUri);
  if (base.kind === 'file') return path.resolve(base.path, ref);
  const joined = path.posix.normalize(path.posix.join(base.prefix, ref)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../') || joined === '.') {
    throw new RoutingError(
      `model directory ${JSON.stringify(ref)} is outside s3://${base.bucket}/${base.prefix}`,
    );
  }
  return `s3://${base.bucket}/${joined}`;
}

export class ModelRegistry {
  private constructor(
    /** Where routing.json was read from. */
    readonly uri: string,
    readonly table: RoutingTable,
    private readonly models: Map<string, RegisteredModel>,
  ) {}

  static async open(routingUri: string): Promise<ModelRegistry> {
    const { dirUri, file } = splitRoutingUri(routingUri);
    let text: string;
    try {
      text = new TextDecoder().decode(await openStore(dirUri, { memoryCacheBytes: 0 }).get(file));
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        throw new RoutingError(
          `no model routing table at ${routingUri} (expected ${file}); pass --models URI`,
        );
      }
      throw error;
    }
    const table = parseRoutingTable(text, routingUri);
    const entries = await Promise.all(
      Object.entries(table.models).map(async ([id, ref]): Promise<RegisteredModel> => {
        const uri = resolveModelUri(dirUri, ref);
        const { manifest } = await readManifest(openModelStore(uri), uri);
        return { id, uri, manifest };
      }),
    );
    return new ModelRegistry(routingUri, table, new Map(entries.map((e) => [e.id, e])));
  }

  ids(): string[] {
    return [...this.models.keys()];
  }

  model(id: string): RegisteredModel {
    const found = this.models.get(id);
    if (!found)
      throw new RerankRequestError(`unknown model "${id}"; routing.json defines ${this.ids().join(', ')}`);
    return found;
  }

  /** A requested model name as "auto" or a model id, aliases followed; undefined if unknown. */
  resolveName(name: string | undefined): string | undefined {
    return resolveModelName(this.table, name);
  }

  resolve(queryLang: string, docLang: string): RouteResolution {
    return resolveRoute(this.table, queryLang, docLang, (id) => this.models.get(id)?.manifest.languages);
  }
}
