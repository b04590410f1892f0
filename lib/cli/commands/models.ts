/** `xlir models list|route`: the rerank models a routing table names, and which one a language pair gets. */
import {
  DEFAULT_LAMBDA,
  DEFAULT_ROUTING_URI,
  describeCalibration,
  modelRoles,
  ModelRegistry,
  Reranker,
} from '../../rerank/index.js';
import { UsageError } from '../errors.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { addRoute } from './models-hub.js';

const MODELS_OPTION = {
  type: 'string',
  value: 'URI',
  default: DEFAULT_ROUTING_URI,
  description: 'model routing table (routing.json): a path or s3:// URI',
} as const;

export const MODELS_LIST = commandSpec({
  name: 'models list',
  summary: 'list the rerank models of a routing table and what each is used for',
  options: {
    models: MODELS_OPTION,
    check: { type: 'boolean', description: 'load every model and score a probe batch, as a request would' },
  },
  examples: ['xlir models list', 'xlir models list --models s3://bucket/models/routing.json --check'],
});

export const MODELS_ROUTE = commandSpec({
  name: 'models route',
  summary: 'say which rerank model a query and document language pair is routed to, and why',
  options: {
    'query-lang': {
      type: 'string',
      value: 'xx',
      required: true,
      language: 'tag',
      description: 'language of the query',
    },
    'doc-lang': {
      type: 'string',
      value: 'yy',
      required: true,
      language: 'tag',
      description: 'language of the documents',
    },
    models: MODELS_OPTION,
    add: {
      type: 'string',
      value: 'ID',
      description: 'append a route for this pair to model ID in the (local) routing.json, then show it',
    },
    dir: {
      type: 'string',
      value: 'DIR',
      description: "with --add: the model's directory, when routing.json does not name ID yet",
    },
  },
  examples: [
    'xlir models route --query-lang en --doc-lang de',
    'xlir models route --query-lang en --doc-lang de --add mminilm --dir models/mminilm',
  ],
});

export async function modelsListCommand(args: CommandArgs<typeof MODELS_LIST.options>): Promise<void> {
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
      `fusion λ ${manifest.fusionLambda ?? `${DEFAULT_LAMBDA} (default)`}`,
      `used as ${modelRoles(registry.table, id).join(', ') || 'nothing (only by --model)'}`,
    ].join('  ');
  });
  console.log(`models in ${registry.uri}${args.check === true ? ' (all loaded and checked)' : ''}:`);
  for (const line of lines) console.log(`  ${line}`);
}

export async function modelsRouteCommand(args: CommandArgs<typeof MODELS_ROUTE.options>): Promise<void> {
  const { 'query-lang': queryLang, 'doc-lang': docLang } = args;
  if (args.dir !== undefined && args.add === undefined) throw new UsageError('--dir goes with --add ID');
  if (args.add !== undefined) {
    const { file, created } = await addRoute({
      ...(args.models !== undefined ? { models: args.models } : {}),
      queryLang,
      docLang,
      model: args.add,
      ...(args.dir !== undefined ? { dir: args.dir } : {}),
    });
    console.log(`added ${queryLang}→${docLang} → ${args.add} to ${file}`);
    if (created)
      console.log(`created ${file}: ${args.add} also serves every other pair (multilingual, zero_shot)`);
  }
  const registry = await ModelRegistry.open(args.models ?? DEFAULT_ROUTING_URI);
  const route = registry.resolve(queryLang, docLang);
  console.log(`variant: ${route.model}`);
  console.log(`uri: ${registry.model(route.model).uri}`);
  console.log(`rule: ${route.rule}`);
  console.log(`why: ${route.reason}`);
}
