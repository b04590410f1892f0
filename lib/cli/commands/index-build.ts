import { availableParallelism } from 'node:os';
import { buildIndex, openCorpusFile } from '../../index/index.js';
import { openStore } from '../../storage/index.js';
import { parseCommandArgs, parseNumber, requireString } from '../args.js';
import { progressBar } from '../progress.js';

export const INDEX_BUILD_USAGE =
  'xlir index build --input FILE --out URI [--lang xx] [--shard-docs N] [--k1 K --b B] [--workers N] [--skip-duplicates]';

export async function indexBuildCommand(argv: string[]): Promise<void> {
  const args = parseCommandArgs(
    argv,
    {
      input: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      'shard-docs': { type: 'string' },
      k1: { type: 'string' },
      b: { type: 'string' },
      'skip-duplicates': { type: 'boolean' },
      workers: { type: 'string' },
    },
    INDEX_BUILD_USAGE,
  );
  const input = requireString(args.input, '--input', INDEX_BUILD_USAGE);
  const out = requireString(args.out, '--out', INDEX_BUILD_USAGE);
  const shardDocs = parseNumber(args['shard-docs'], '--shard-docs', { integer: true, min: 1 });
  const k1 = parseNumber(args.k1, '--k1', { min: 0 });
  const b = parseNumber(args.b, '--b', { min: 0, max: 1 });
  const workers =
    parseNumber(args.workers, '--workers', { integer: true, min: 1, max: 64 }) ?? availableParallelism();
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
