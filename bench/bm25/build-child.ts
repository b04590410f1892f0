/** Builds the benchmark index in its own process so its peak RSS is the builder's alone. */
import { availableParallelism } from 'node:os';
import { buildIndex, openCorpusFile } from '../../lib/index/index.js';
import { openStore } from '../../lib/storage/index.js';
import { peakRssMb } from './stats.js';

const [input, out, shardDocs] = process.argv.slice(2) as [string, string, string];
const corpus = await openCorpusFile(input);
const started = performance.now();
const { manifest } = await buildIndex(corpus.records, openStore(out), {
  shardDocs: Number(shardDocs),
  workers: availableParallelism(),
});
const seconds = (performance.now() - started) / 1000;
const bytes = manifest.shards.reduce((s, e) => s + e.bytes + e.docsBytes, 0);
const postingsBytes = manifest.shards.reduce((s, e) => s + e.bytes, 0);
process.stdout.write(
  `${JSON.stringify({ docs: manifest.docCount, seconds, docsPerSecond: manifest.docCount / seconds, bytes, postingsBytes, peakRssMb: peakRssMb() })}\n`,
);
