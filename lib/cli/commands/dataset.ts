/** `xlir dataset convert`: public test collections into xlir's corpus JSONL, topics TSV and qrels. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  readMiraclCorpus,
  readMiraclQrels,
  readMiraclTopics,
  readMmarcoCollection,
  readMmarcoQrels,
  readMmarcoQueries,
  readXquadR,
  writeCorpus,
  writeXquadR,
  XQUAD_R_LANGUAGES,
} from '../../datasets/index.js';
import { writeQrels, writeTopics } from '../../eval/index.js';
import { canonicalLanguage } from '../../text/index.js';
import { requireString } from '../args.js';
import { UsageError } from '../errors.js';
import { languageList } from '../languages.js';
import { type CommandArgs, commandSpec, usageLine } from '../spec.js';

const FORMATS = ['miracl', 'mmarco', 'xquad-r'] as const;

export const DATASET_CONVERT = commandSpec({
  name: 'dataset convert',
  summary: "convert MIRACL, mMARCO or XQuAD-R into xlir's corpus JSONL, topics TSV and qrels",
  options: {
    format: { type: 'string', value: FORMATS.join('|'), required: true, description: 'the collection read' },
    out: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'folder for corpus.jsonl, topics.tsv and qrels.txt',
    },
    lang: {
      type: 'string',
      value: 'xx',
      language: 'tag',
      description: 'language of the passages (miracl and mmarco need it)',
    },
    corpus: {
      type: 'string',
      value: 'FILE',
      multiple: true,
      description: 'miracl: a corpus JSONL file (.gz too); give each file of the corpus',
    },
    topics: { type: 'string', value: 'FILE', description: 'miracl: the topics TSV (needed)' },
    qrels: { type: 'string', value: 'FILE', description: 'miracl (needed) or mmarco (optional): the qrels' },
    collection: {
      type: 'string',
      value: 'FILE',
      description: 'mmarco: collection TSV, id<TAB>passage (needed)',
    },
    queries: { type: 'string', value: 'FILE', description: 'mmarco: queries TSV, id<TAB>query (needed)' },
    data: {
      type: 'string',
      value: 'DIR',
      description: "xquad-r: folder of XQuAD-R's <lang>.json files (needed)",
    },
    langs: {
      type: 'string',
      value: 'xx,yy',
      language: 'list',
      default: XQUAD_R_LANGUAGES.join(','),
      description: 'xquad-r: the languages converted',
    },
  },
  examples: [
    'xlir dataset convert --format miracl --lang de --corpus docs-0.jsonl.gz --topics topics.miracl-v1.0-de-dev.tsv --qrels qrels.miracl-v1.0-de-dev.tsv --out miracl-de',
    'xlir dataset convert --format mmarco --lang es --collection collection.tsv --queries queries.dev.tsv --out mmarco-es',
    'xlir dataset convert --format xquad-r --data ../shared/data/xquad-r --langs en,de --out xquad-r',
  ],
});

export async function datasetConvertCommand(
  args: CommandArgs<typeof DATASET_CONVERT.options>,
): Promise<void> {
  const usage = usageLine(DATASET_CONVERT);
  const { out, format } = args;
  const lang = () => canonicalLanguage(requireString(args.lang, '--lang', usage));
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}"; use ${FORMATS.join(', ')}`);
  }
  await mkdir(out, { recursive: true });
  if (format === 'xquad-r') {
    const langs = args.langs !== undefined ? languageList(args.langs) : XQUAD_R_LANGUAGES;
    const data = await readXquadR(requireString(args.data, '--data', usage), langs);
    await writeXquadR(out, data);
    console.log(
      `wrote ${data.map((d) => `${d.lang}: ${d.docs.length} sentences, ${d.topics.size} questions`).join('; ')} to ${out}`,
    );
    return;
  }
  if (format === 'miracl') {
    if (!args.corpus?.length) throw new UsageError(`--format miracl needs --corpus FILE; usage: ${usage}`);
    const docs = await writeCorpus(join(out, 'corpus.jsonl'), readMiraclCorpus(args.corpus ?? [], lang()));
    const topics = await readMiraclTopics(requireString(args.topics, '--topics', usage));
    await writeTopics(join(out, 'topics.tsv'), topics);
    await writeQrels(
      join(out, 'qrels.txt'),
      await readMiraclQrels(requireString(args.qrels, '--qrels', usage)),
    );
    console.log(`wrote ${docs} passages and ${topics.size} topics to ${out}`);
    return;
  }
  if (format === 'mmarco') {
    const collection = requireString(args.collection, '--collection', usage);
    const docs = await writeCorpus(join(out, 'corpus.jsonl'), readMmarcoCollection(collection, lang()));
    const topics = await readMmarcoQueries(requireString(args.queries, '--queries', usage));
    await writeTopics(join(out, 'topics.tsv'), topics);
    if (args.qrels !== undefined) await writeQrels(join(out, 'qrels.txt'), await readMmarcoQrels(args.qrels));
    console.log(`wrote ${docs} passages and ${topics.size} queries to ${out}`);
  }
}
