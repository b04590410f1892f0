/**
 * `xlir models pull|add` and `xlir models route --add`: a real cross-encoder in two commands.
 * `pull` fetches an ONNX export and its tokenizer from a Hugging Face-style hub, `add` registers a
 * local export; both write xlir-model.json and load the model as the reranker will. `route --add`
 * then sends a language pair to it in routing.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_ONNX_FILE, pullModel, registerModel, type RegisteredModel } from '../../hub/index.js';
import { DEFAULT_ROUTING_URI, parseRoutingTable, ROUTING_FILE } from '../../rerank/index.js';
import { parseStoreUri } from '../../storage/node.js';
import { canonicalLanguage } from '../../text/index.js';
import { parseNumber } from '../args.js';
import { languageList } from '../languages.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';
import { UsageError } from '../errors.js';

const LANGS_OPTION = {
  type: 'string',
  value: 'xx,yy',
  language: 'list',
  description: 'languages the model was trained on, for routing (default: none declared, any pair)',
} as const;
const MAX_LENGTH_OPTION = {
  type: 'string',
  value: 'N',
  description: 'tokens per (query, passage) pair (default: tokenizer_config.json, else tokenizer.json)',
} as const;

export const MODELS_PULL = commandSpec({
  name: 'models pull',
  summary: 'download an ONNX cross-encoder and its tokenizer from the Hugging Face Hub and register it',
  positional: 'ref',
  options: {
    ref: {
      type: 'string',
      value: 'hf:ORG/NAME[@REV]',
      required: true,
      description: 'the Hub repo and revision',
    },
    out: { type: 'string', value: 'DIR', required: true, description: 'model directory to write' },
    file: {
      type: 'string',
      value: 'PATH',
      default: DEFAULT_ONNX_FILE,
      description: "the ONNX export's path in the repo",
    },
    langs: LANGS_OPTION,
    'max-length': MAX_LENGTH_OPTION,
  },
  notes: [
    'HF_ENDPOINT points at a mirror; HF_TOKEN is sent to the hub (never its CDN) for gated or private repos.',
    'An interrupted download resumes when the same command runs again.',
  ],
  examples: [
    'xlir models pull hf:cross-encoder/mmarco-mMiniLMv2-L12-H384-v1 --file onnx/model.onnx --out models/mminilm',
    'xlir models pull hf:jinaai/jina-reranker-v2-base-multilingual@main --file onnx/model_quantized.onnx --out models/jina-v2',
  ],
});

export const MODELS_ADD = commandSpec({
  name: 'models add',
  summary: 'register a local ONNX cross-encoder export (writes xlir-model.json after loading it)',
  positional: 'dir',
  options: {
    dir: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'directory with the ONNX model and tokenizer.json',
    },
    'model-file': {
      type: 'string',
      value: 'NAME',
      description: 'the ONNX file in DIR (default: model.onnx)',
    },
    langs: LANGS_OPTION,
    'max-length': MAX_LENGTH_OPTION,
  },
  examples: ['xlir models add ./my-export --langs en,de --max-length 256'],
});

/** Tokens per pair: from a sentence pair's worth to the longest context an ONNX export plausibly has. */
function parseMaxLength(text: string | undefined): number | undefined {
  return parseNumber(text, '--max-length', { integer: true, min: 8, max: 32_768 });
}

function parseLangs(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : languageList(text);
}

function report(dir: string, model: RegisteredModel): void {
  const files = Object.entries(model.files).map(
    ([name, d]) => `${name} ${(d.bytes / 2 ** 20).toFixed(1)} MB`,
  );
  console.log(
    `registered ${dir}: ${files.join(', ')}; inputs ${model.inputs.join(', ')}; max_length ${model.maxLength}`,
  );
  console.log(`route a pair to it: xlir models route --query-lang xx --doc-lang yy --add ID --dir ${dir}`);
}

export async function modelsPullCommand(args: CommandArgs<typeof MODELS_PULL.options>): Promise<void> {
  const bar = progressBar('downloading');
  const maxLength = parseMaxLength(args['max-length']);
  const languages = parseLangs(args.langs);
  const pulled = await pullModel({
    ref: args.ref,
    out: args.out,
    ...(args.file !== undefined ? { file: args.file } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(languages !== undefined ? { languages } : {}),
    onProgress: (file, done, total) =>
      bar.update(done, total ?? done, `${file} ${(done / 2 ** 20).toFixed(1)} MB`),
  });
  bar.finish();
  const checked = pulled.verified.length > 0 ? `; sha256 checked: ${pulled.verified.join(', ')}` : '';
  console.log(
    `pulled hf:${pulled.repo}@${pulled.revision}${pulled.commit ? ` (commit ${pulled.commit})` : ''}${checked}`,
  );
  report(args.out, pulled);
}

export async function modelsAddCommand(args: CommandArgs<typeof MODELS_ADD.options>): Promise<void> {
  const maxLength = parseMaxLength(args['max-length']);
  const languages = parseLangs(args.langs);
  const registered = await registerModel(args.dir, {
    ...(args['model-file'] !== undefined ? { modelFile: args['model-file'] } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(languages !== undefined ? { languages } : {}),
  });
  report(args.dir, registered);
}

/** The local routing.json a --models value names (a file, or a folder holding routing.json). */
function localRoutingFile(uri: string): string {
  const parsed = parseStoreUri(uri);
  if (parsed.kind !== 'file') {
    throw new UsageError(`--add edits a local routing.json; copy ${uri} here, edit it, and upload it again`);
  }
  return parsed.path.endsWith('.json') ? parsed.path : path.join(parsed.path, ROUTING_FILE);
}

/** Appends {query_lang, doc_lang, model} (and the model's directory, when new) to routing.json. */
export async function addRoute(options: {
  models?: string;
  queryLang: string;
  docLang: string;
  model: string;
  dir?: string;
}): Promise<{ file: string; created: boolean }> {
  const file = localRoutingFile(options.models ?? DEFAULT_ROUTING_URI);
  const queryLang = canonicalLanguage(options.queryLang);
  const docLang = canonicalLanguage(options.docLang);
  let text: string;
  let created = false;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // No routing table yet: the new model is the only one, so it also serves every other pair.
    text = JSON.stringify({ version: 1, models: {}, routes: [] });
    created = true;
  }
  const json = JSON.parse(text) as {
    models?: Record<string, string>;
    routes?: unknown[];
    multilingual?: string;
    zero_shot?: string;
  };
  if (created) {
    json.multilingual = options.model;
    json.zero_shot = options.model;
  }
  const routes = created ? [] : parseRoutingTable(text, file).routes;
  const models = (json.models ??= {});
  if (!Object.hasOwn(models, options.model)) {
    if (options.dir === undefined) {
      throw new UsageError(`${file} has no model "${options.model}"; name its directory with --dir`);
    }
    const relative = path.relative(path.dirname(file), path.resolve(options.dir));
    models[options.model] = relative.startsWith('..') ? path.resolve(options.dir) : relative || '.';
  }
  const clash = routes.find((r) => r.queryLang === queryLang && r.docLang === docLang);
  if (clash) {
    throw new UsageError(
      `${file} already routes ${queryLang}→${docLang} to ${clash.model}; remove that route first`,
    );
  }
  (json.routes ??= []).push({ query_lang: queryLang, doc_lang: docLang, model: options.model });
  const updated = JSON.stringify(json, null, 2) + '\n';
  parseRoutingTable(updated, file);
  await writeFile(file, updated);
  return { file, created };
}
