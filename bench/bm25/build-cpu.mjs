/**
 * CPU per document of one index build, for comparing two versions of the build code
 * (docs/benchmarks.md, "Build CPU"). It builds with the compiled package in the folder it is
 * given, so an old and a new version (each `npx tsc -p tsconfig.build.json --outDir <folder>`)
 * can run alternately on a loaded machine, where only CPU time compares. Plain JavaScript: the
 * TypeScript loader would add its own memory to the peak RSS.
 *
 *   node bench/bm25/build-cpu.mjs <compiled folder> <corpus.jsonl> <scratch index folder> [hash]
 *
 * One worker (`workers: 1`), shards of SHARD_DOCS (default 100,000) documents, a fixed clock. With
 * `hash`, it prints a sha-256 over every shard and doc-store file and the manifest less its build
 * id and checksum: equal hashes mean byte-identical indexes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [dist, corpusPath, out, hash] = process.argv.slice(2);
if (!dist || !corpusPath || !out) {
  console.error(
    'usage: node bench/bm25/build-cpu.mjs <compiled folder> <corpus.jsonl> <scratch index folder> [hash]',
  );
  process.exit(2);
}
const load = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { buildIndex, openCorpusFile } = await load('lib/index/node.js');
const { openStore } = await load('lib/storage/node.js');

function indexHash(folder) {
  const digest = createHash('sha256');
  for (const build of readdirSync(`${folder}/builds`)) {
    for (const file of readdirSync(`${folder}/builds/${build}`).sort()) {
      if (file === 'manifest.json') continue;
      digest.update(file);
      digest.update(readFileSync(`${folder}/builds/${build}/${file}`));
    }
  }
  const manifest = JSON.parse(readFileSync(`${folder}/manifest.json`, 'utf8'));
  // Object keys name the build (its id is the clock plus a random part): keep their file names.
  const withoutBuild = (key, value) =>
    key === 'key' && typeof value === 'string' ? value.split('/').pop() : value;
  digest.update(JSON.stringify({ ...manifest, buildId: '', checksum: '' }, withoutBuild));
  return digest.digest('hex').slice(0, 16);
}

/** Bytes of every file under a folder. */
function folderBytes(folder) {
  return readdirSync(folder, { recursive: true })
    .map((file) => statSync(`${folder}/${file}`))
    .reduce((sum, stat) => sum + (stat.isFile() ? stat.size : 0), 0);
}

rmSync(out, { recursive: true, force: true });
const corpus = await openCorpusFile(corpusPath);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const { manifest } = await buildIndex(corpus.records, openStore(out), {
  shardDocs: Number(process.env.SHARD_DOCS ?? 100_000),
  workers: 1,
  now: () => new Date(0),
});
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const result = {
  dist,
  docs: manifest.docCount,
  wallSeconds: +((performance.now() - started) / 1000).toFixed(2),
  cpuSeconds: +cpuSeconds.toFixed(2),
  userSeconds: +(cpu.user / 1e6).toFixed(2),
  systemSeconds: +(cpu.system / 1e6).toFixed(2),
  docsPerCpuSecond: Math.round(manifest.docCount / cpuSeconds),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  bytes: folderBytes(out),
};
if (hash === 'hash') result.sha256 = indexHash(out);
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify(result));
