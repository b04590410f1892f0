/**
 * `xlir lexicon pack --input DIR --out URI`: a folder of `src-tgt[.source].tsv` files (what
 * `xlir lexicon import` writes) as a lexicon pack in a folder or bucket, the form a deployment
 * reads from S3. The files of one direction become one lexicon, merged with equal weights exactly
 * as LexiconCatalog merges a folder's files, so the pack translates like the folder did.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromTsv, LexiconError, type Lexicon } from '../../lexicon/index.js';
import { writeLexiconPack, type LexiconPackInput } from '../../lexicon/node.js';
import { combineEqually, MissingLexiconError } from '../../search/index.js';
import { lexiconFilesByDirection } from '../../search/node.js';
import { openStore } from '../../storage/node.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';

export const LEXICON_PACK = commandSpec({
  name: 'lexicon pack',
  summary: 'turn a folder of src-tgt.tsv lexicons into a lexicon pack (what a deployment reads)',
  options: {
    input: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: "folder of src-tgt.tsv or src-tgt.SOURCE.tsv files (a direction's files merge equally)",
    },
    out: {
      type: 'string',
      value: 'URI',
      required: true,
      description: 'where the pack goes: a folder, file:///abs/dir or s3://bucket/prefix',
    },
  },
  examples: [
    'xlir lexicon pack --input samples/lexicons --out ./lexicon-pack',
    'xlir lexicon pack --input ./lexicons --out s3://bucket/lexicons',
  ],
});

/** Weight of each file of a direction: all equal, as in a folder read by LexiconCatalog. */
const FILE_WEIGHT = 1;

/**
 * Writes go straight to the backend (with retries): nothing is read back, so a byte cache would
 * only hold memory.
 */
const WRITE_STORE_OPTIONS = { memoryCacheBytes: 0 } as const;

/** The folder's lexicon files by direction; none is a usage error. */
async function lexiconFiles(dir: string): Promise<Map<string, string[]>> {
  let groups: Map<string, string[]>;
  try {
    groups = await lexiconFilesByDirection(dir);
  } catch (error) {
    if (error instanceof MissingLexiconError) throw new UsageError(error.message);
    throw error;
  }
  if (groups.size === 0) {
    throw new UsageError(`no lexicon files in ${dir}: expected src-tgt.tsv or src-tgt.<source>.tsv`);
  }
  return groups;
}

/** One direction's files read and merged; each file is recorded as a source of weight 1. */
async function directionInput(dir: string, key: string, names: readonly string[]): Promise<LexiconPackInput> {
  const [srcLang, tgtLang] = key.split('-') as [string, string];
  const lexicons: Lexicon[] = [];
  for (const name of names) {
    const lexicon = fromTsv(await readFile(join(dir, name), 'utf8'), { srcLang, tgtLang, id: name });
    if (lexicon.size === 0) throw new LexiconError(`lexicon ${name} is empty`);
    lexicons.push(lexicon);
  }
  const lexicon = combineEqually(lexicons, names.join('+'));
  return { lexicon, sources: names.map((id) => ({ id, weight: FILE_WEIGHT })) };
}

export async function lexiconPackCommand(args: CommandArgs<typeof LEXICON_PACK.options>): Promise<void> {
  const { input, out } = args;
  const store = openStore(out, WRITE_STORE_OPTIONS);
  const groups = await lexiconFiles(input);
  const inputs: LexiconPackInput[] = [];
  for (const [key, names] of groups) inputs.push(await directionInput(input, key, names));
  const bar = progressBar('packing');
  const manifest = await writeLexiconPack(store, inputs, {
    onProgress: (done, total) => bar.update(done, total, `${done}/${total} objects`),
  });
  bar.finish();
  for (const d of manifest.directions) {
    console.log(
      `${d.src}-${d.tgt}: ${d.entries} entries, ${d.pairs} pairs, ${d.bytes} bytes (${d.sources.map((s) => s.id).join(', ')})`,
    );
  }
  console.log(`wrote a lexicon pack of ${manifest.directions.length} direction(s) to ${store.uri}`);
}
