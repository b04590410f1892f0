/**
 * Builds the benchmark index in its own process so its peak RSS is the builder's alone, from the
 * compiled package (`npm run build`) as `xlir index build` runs it: from TypeScript sources every
 * worker thread would also carry the TypeScript loader (~100 MB each).
 */
import { xlirIndexNode, xlirStorageNode } from './dist.js';
import { peakRssMb } from './stats.js';

const { buildIndex, defaultBuildWorkers, openCorpusFile } = xlirIndexNode;
const { openStore } = xlirStorageNode;

const [input, out, shardDocs] = process.argv.slice(2) as [string, string, string];
const corpus = await openCorpusFile(input);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { manifest } = await buildIndex(corpus.records, openStore(out), {
  shardDocs: Number(shardDocs),
  workers: defaultBuildWorkers(),
});
const seconds = (performance.now() - started) / 1000;
// Every thread of the process: the workers' CPU counts too.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const bytes = manifest.shards.reduce((s, e) => s + e.bytes + e.docs.reduce((d, p) => d + p.bytes, 0), 0);
const postingsBytes = manifest.shards.reduce((s, e) => s + e.bytes, 0);
process.stdout.write(
  `${JSON.stringify({
    docs: manifest.docCount,
    seconds,
    cpuSeconds,
    docsPerSecond: manifest.docCount / seconds,
    docsPerCpuSecond: manifest.docCount / cpuSeconds,
    bytes,
    postingsBytes,
    // What answers queries (shard heads and postings), without the stored text, as the peers' index bytes.
    indexBytes: postingsBytes,
    peakRssMb: peakRssMb(),
  })}\n`,
);
