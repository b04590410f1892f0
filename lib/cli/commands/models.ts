import {
  DEFAULT_ROUTING_URI,
  describeCalibration,
  modelRoles,
  ModelRegistry,
  Reranker,
} from '../../rerank/index.js';
import { parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';

export const MODELS_USAGE =
  'xlir models list [--models URI] [--check] | xlir models route --query-lang xx --doc-lang yy [--models URI]';

async function listModels(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    { models: { type: 'string' }, check: { type: 'boolean' } },
    MODELS_USAGE,
  );
  const registry = await ModelRegistry.open(args.models ?? DEFAULT_ROUTING_URI);
  // --check loads every model as a request would: files, tokenizer, session, probe batch.
  if (args.check === true) await new Reranker(registry).warm();
  const lines = registry.ids().map((id) => {
    const { uri, manifest } = registry.model(id);
    return [
      id,
      uri,
      `languages ${manifest.languages?.join(',') ?? 'any'}`,
      `max_length ${manifest.maxLength ?? 'from tokenizer'}`,
      `calibration ${describeCalibration(manifest.calibration)}`,
      `used as ${modelRoles(registry.table, id).join(', ') || 'nothing (only by --model)'}`,
    ].join('  ');
  });
  console.log(`models in ${registry.uri}${args.check === true ? ' (all loaded and checked)' : ''}:`);
  for (const line of lines) console.log(`  ${line}`);
}

async function routeModel(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    { models: { type: 'string' }, 'query-lang': { type: 'string' }, 'doc-lang': { type: 'string' } },
    MODELS_USAGE,
  );
  const queryLang = requireString(args['query-lang'], '--query-lang', MODELS_USAGE);
  const docLang = requireString(args['doc-lang'], '--doc-lang', MODELS_USAGE);
  const registry = await ModelRegistry.open(args.models ?? DEFAULT_ROUTING_URI);
  const route = registry.resolve(queryLang, docLang);
  console.log(`variant: ${route.model}`);
  console.log(`uri: ${registry.model(route.model).uri}`);
  console.log(`rule: ${route.rule}`);
  console.log(`why: ${route.reason}`);
}

export async function modelsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listModels(rest);
  if (sub === 'route') return routeModel(rest);
  throw new UsageError(`unknown models command "${sub ?? ''}"; usage: ${MODELS_USAGE}`);
}
