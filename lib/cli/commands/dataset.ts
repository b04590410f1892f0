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
import { parseCommandArgs, requireString } from '../args.js';
import { UsageError } from '../errors.js';

export const DATASET_USAGE =
  'xlir dataset convert --out DIR (--format miracl --lang xx --corpus FILE [--corpus FILE2 …] --topics FILE --qrels FILE | --format mmarco --lang xx --collection FILE --queries FILE [--qrels FILE] | --format xquad-r --data DIR [--langs ar,de,en,es,ru,zh])';

export async function datasetCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'convert')
    throw new UsageError(`unknown dataset command "${sub ?? ''}"; usage: ${DATASET_USAGE}`);
  const args = parseCommandArgs(
    rest,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      topics: { type: 'string' },
      qrels: { type: 'string' },
      collection: { type: 'string' },
      queries: { type: 'string' },
      data: { type: 'string' },
      langs: { type: 'string' },
    },
    DATASET_USAGE,
  );
  const out = requireString(args.out, '--out', DATASET_USAGE);
  const format = requireString(args.format, '--format', DATASET_USAGE);
  const lang = () => canonicalLanguage(requireString(args.lang, '--lang', DATASET_USAGE));
  await mkdir(out, { recursive: true });
  if (format === 'xquad-r') {
    const langs = args.langs?.split(',').filter(Boolean) ?? XQUAD_R_LANGUAGES;
    const data = await readXquadR(requireString(args.data, '--data', DATASET_USAGE), langs);
    await writeXquadR(out, data);
    console.log(
      `wrote ${data.map((d) => `${d.lang}: ${d.docs.length} sentences, ${d.topics.size} questions`).join('; ')} to ${out}`,
    );
    return;
  }
  if (format === 'miracl') {
    if (!args.corpus?.length)
      throw new UsageError(`--format miracl needs --corpus FILE; usage: ${DATASET_USAGE}`);
    const docs = await writeCorpus(join(out, 'corpus.jsonl'), readMiraclCorpus(args.corpus ?? [], lang()));
    const topics = await readMiraclTopics(requireString(args.topics, '--topics', DATASET_USAGE));
    await writeTopics(join(out, 'topics.tsv'), topics);
    await writeQrels(
      join(out, 'qrels.txt'),
      await readMiraclQrels(requireString(args.qrels, '--qrels', DATASET_USAGE)),
    );
    console.log(`wrote ${docs} passages and ${topics.size} topics to ${out}`);
    return;
  }
  if (format === 'mmarco') {
    const collection = requireString(args.collection, '--collection', DATASET_USAGE);
    const docs = await writeCorpus(join(out, 'corpus.jsonl'), readMmarcoCollection(collection, lang()));
    const topics = await readMmarcoQueries(requireString(args.queries, '--queries', DATASET_USAGE));
    await writeTopics(join(out, 'topics.tsv'), topics);
    if (args.qrels !== undefined) await writeQrels(join(out, 'qrels.txt'), await readMmarcoQrels(args.qrels));
    console.log(`wrote ${docs} passages and ${topics.size} queries to ${out}`);
    return;
  }
  throw new UsageError(`unknown --format "${format}"; use miracl, mmarco or xquad-r`);
}
