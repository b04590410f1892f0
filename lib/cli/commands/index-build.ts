/** `xlir index build`: a corpus JSONL file as a sharded BM25 index in a folder or bucket. */
import {
  buildIndex,
  DEFAULT_B,
  DEFAULT_K1,
  DEFAULT_SHARD_DOCS,
  defaultBuildWorkers,
  openCorpusFile,
} from '../../index/node.js';
import { openStore } from '../../storage/node.js';
import { parseNumber } from '../args.js';
import { progressBar } from '../progress.js';
import { type CommandArgs, commandSpec } from '../spec.js';

export const INDEX_BUILD = commandSpec({
  name: 'index build',
  summary: 'build a sharded BM25 index from a corpus JSONL file',
  options: {
    input: {
      type: 'string',
      value: 'FILE',
      required: true,
      description:
        'corpus JSONL, gzipped or not: one {"id"|"docid", "text"|"contents", "title"?, "lang"?} per line',
    },
    out: {
      type: 'string',
      value: 'URI',
      required: true,
      description: 'where the index goes: a folder, file:///abs/dir or s3://bucket/prefix',
    },
    lang: {
      type: 'string',
      value: 'xx',
      language: 'tag',
      description: 'language of records without their own "lang" (else detected per record)',
    },
    'shard-docs': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_SHARD_DOCS),
      description: 'documents per shard; more than 100000 are built in segments of at most that and merged',
    },
    k1: {
      type: 'string',
      value: 'K',
      default: String(DEFAULT_K1),
      description: 'BM25 term-frequency saturation',
    },
    b: {
      type: 'string',
      value: 'B',
      default: String(DEFAULT_B),
      description: 'BM25 length normalisation, 0 to 1',
    },
    workers: {
      type: 'string',
      value: 'N',
      default: 'one per CPU but one',
      description: 'worker threads analysing and writing shards, 1 to 64; 1 builds on the reading thread',
    },
    'skip-duplicates': {
      type: 'boolean',
      description: 'keep the first record of a repeated id and warn, instead of failing',
    },
  },
  examples: [
    'xlir index build --input corpus.jsonl.gz --out ./my-index --lang de',
    'xlir index build --input corpus.jsonl --out s3://bucket/prefix --shard-docs 50000 --workers 4',
  ],
});

export async function indexBuildCommand(args: CommandArgs<typeof INDEX_BUILD.options>): Promise<void> {
  const { input, out } = args;
  const shardDocs = parseNumber(args['shard-docs'], '--shard-docs', { integer: true, min: 1 });
  const k1 = parseNumber(args.k1, '--k1', { min: 0 });
  const b = parseNumber(args.b, '--b', { min: 0, max: 1 });
  const workers =
    parseNumber(args.workers, '--workers', { integer: true, min: 1, max: 64 }) ?? defaultBuildWorkers();
  const store = openStore(out);
  const corpus = await openCorpusFile(input);
  const bar = progressBar('indexing');
  const report = await buildIndex(corpus.records, store, {
    ...(typeof args.lang === 'string' ? { lang: args.lang } : {}),
    ...(shardDocs !== undefined ? { shardDocs } : {}),
    ...(k1 !== undefined ? { k1 } : {}),
    ...(b !== undefined ? { b } : {}),
    skipDuplicates: args['skip-duplicates'] === true,
    workers,
    onProgress: (p) => {
      if (p.phase === 'finishing') {
        // Reading is done; the workers still write the last shards (seconds on a large corpus).
        bar.update(p.shardsWritten, p.shards, `writing shards: ${p.shardsWritten} of ${p.shards} done`);
        return;
      }
      const rate = p.elapsedMs > 0 ? Math.round((p.docs / p.elapsedMs) * 1000) : 0;
      bar.update(
        corpus.bytesRead(),
        corpus.totalBytes,
        `${p.docs.toLocaleString('en')} docs, ${rate} docs/s`,
      );
    },
  });
  bar.finish();
  const m = report.manifest;
  const langs = Object.entries(m.langDocCounts)
    .map(([lang, n]) => `${lang}:${n}`)
    .join(' ');
  console.log(
    `indexed ${m.docCount} documents into ${m.shards.length} shard(s) at ${store.uri} (build ${m.buildId}; ${langs || 'no documents'})`,
  );
  if (m.docCount === 0) console.error('warning: the input had no documents; the index is empty');
  if (report.duplicatesSkipped > 0)
    console.error(`warning: skipped ${report.duplicatesSkipped} duplicate id(s)`);
  if (report.detectedLanguageDocs > 0) {
    console.error(
      `note: ${report.detectedLanguageDocs} document(s) had no "lang" and no --lang; their language was detected`,
    );
  }
}
