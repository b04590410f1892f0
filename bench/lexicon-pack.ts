/**
 * `node --expose-gc --import tsx bench/lexicon-pack.ts [--entries 100000] [--directions 3]
 * [--latency-ms 60]`: what a cold API container pays for cross-lingual search with a lexicon pack
 * in S3. Writes two packs to an in-process s3rver, the demo lexicons (samples/lexicons) and
 * synthetic lexicons of a real dictionary's size (MUSE en-de: ~100k entries), then, through a
 * store that adds `--latency-ms` to every GET (S3's first-byte latency from Lambda), times
 * opening the pack and the first translation of a query term, and counts GETs. Memory is the
 * heap growth of one loaded direction, as a Lexicon and then with the analysed translation table
 * a translator adds, measured after a forced GC. Prints a markdown table.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fromTsv, Lexicon, openLexiconPack } from '../lib/lexicon/index.js';
import { writeLexiconPack, type LexiconPackInput } from '../lib/lexicon/node.js';
import { catalogFromPack, combineEqually } from '../lib/search/index.js';
import { lexiconFilesByDirection } from '../lib/search/node.js';
import { withLatency } from '../lib/storage/index.js';
import { openStore } from '../lib/storage/node.js';
import { seededRandom } from '../test/helpers/corpus.js';
import { startS3rver } from '../test/storage/s3rver-harness.js';

// The SDK's multi-line notice that its 2027 releases need Node 22 would bury the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    directions: { type: 'string', default: '3' },
    'latency-ms': { type: 'string', default: '60' },
  },
});
const ENTRIES = Number(values.entries);
const DIRECTIONS = Number(values.directions);
const LATENCY_MS = Number(values['latency-ms']);

/** Target languages of the synthetic pack, in order; `--directions` takes the first few. */
const SYNTHETIC_TARGETS = ['de', 'fr', 'ru', 'es', 'ar', 'zh'];
/** Translations per synthetic entry: 1 to this many, as in MUSE (1.3 on average) to OMW (~2.5). */
const MAX_TRANSLATIONS = 3;
const SAMPLES = fileURLToPath(new URL('../samples/lexicons/', import.meta.url));
/** No byte cache: the pack holds what it loads, and a cache would hide the GETs being counted. */
const STORE_OPTIONS = { memoryCacheBytes: 0 } as const;
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:lexicon-pack does)');

/** A pronounceable pseudo-word, 4–11 letters, so analyzers stem it like a word. */
function word(random: () => number): string {
  const consonants = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  const length = 4 + Math.floor(random() * 8);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    const letters = i % 2 === 0 ? consonants : vowels;
    out += letters[Math.floor(random() * letters.length)];
  }
  return out;
}

function synthetic(tgtLang: string, seed: number): Lexicon {
  const random = seededRandom(seed);
  const lexicon = new Lexicon({ srcLang: 'en', tgtLang, id: `synthetic-en-${tgtLang}` });
  while (lexicon.size < ENTRIES) {
    const src = word(random);
    const count = 1 + Math.floor(random() * MAX_TRANSLATIONS);
    for (let t = 0; t < count; t += 1) lexicon.add(src, word(random), 0.05 + random());
  }
  return lexicon;
}

/** The demo lexicons, each direction's files combined as a folder catalog combines them. */
async function samples(): Promise<LexiconPackInput[]> {
  const groups = await lexiconFilesByDirection(SAMPLES);
  return Promise.all(
    [...groups].map(async ([key, names]) => {
      const [srcLang, tgtLang] = key.split('-') as [string, string];
      const lexicons = await Promise.all(
        names.map(async (name) =>
          fromTsv(await readFile(`${SAMPLES}${name}`, 'utf8'), { srcLang, tgtLang, id: name }),
        ),
      );
      return { lexicon: combineEqually(lexicons) };
    }),
  );
}

function heapMb(): number {
  gc!();
  return process.memoryUsage().heapUsed / MB;
}

interface Row {
  pack: string;
  directions: number;
  entries: number;
  packKb: number;
  openMs: number;
  openGets: number;
  loadMs: number;
  firstMs: number;
  firstGets: number;
  lexiconMb: number;
  translatorMb: number;
}

async function measure(name: string, uri: string, inputs: LexiconPackInput[]): Promise<Row> {
  const manifest = await writeLexiconPack(openStore(uri, STORE_OPTIONS), inputs);
  const enDe = manifest.directions.find((d) => d.tgt === 'de')!;
  const key = [...inputs.find((i) => i.lexicon.tgtLang === 'de')!.lexicon.entries()][0]!.src;

  // Cold: a new store, pack and catalog, as in a new container. The first translation is the
  // direction's load (GET, checks, gunzip, TSV parse) and then the analysed table lib/search builds.
  const store = withLatency(openStore(uri, STORE_OPTIONS), LATENCY_MS);
  let started = performance.now();
  const cold = await openLexiconPack(store);
  const catalog = catalogFromPack(cold, uri);
  const openMs = performance.now() - started;
  const openGets = store.requestCount;
  started = performance.now();
  await cold.load('en', 'de');
  const loadMs = performance.now() - started;
  (await catalog.translator('en', 'de')).translate(key);
  const firstMs = performance.now() - started;
  const firstGets = store.requestCount - openGets;

  // Memory of one direction, without latency: the Lexicon, then its analysed table on top.
  const pack = await openLexiconPack(openStore(uri, STORE_OPTIONS));
  const before = heapMb();
  const lexicon = await pack.load('en', 'de');
  const withLexicon = heapMb();
  const translator = await catalogFromPack(pack, uri).translator('en', 'de');
  const withTranslator = heapMb();
  if (lexicon.size === 0 || translator.translate(key) === undefined) throw new Error('unreachable');

  return {
    pack: name,
    directions: manifest.directions.length,
    entries: enDe.entries,
    packKb: manifest.directions.reduce((sum, d) => sum + d.bytes, 0) / 1024,
    openMs,
    openGets,
    loadMs,
    firstMs,
    firstGets,
    lexiconMb: withLexicon - before,
    translatorMb: withTranslator - before,
  };
}

const s3 = await startS3rver('xlir-bench-lexicon-pack');
try {
  const targets = SYNTHETIC_TARGETS.slice(0, DIRECTIONS);
  const rows = [
    await measure('demo (samples/lexicons)', `s3://${s3.bucket}/demo`, await samples()),
    await measure(
      `synthetic ${ENTRIES} entries`,
      `s3://${s3.bucket}/synthetic`,
      targets.map((tgt, i) => ({ lexicon: synthetic(tgt, i + 1) })),
    ),
  ];
  console.log(
    `\nLexicon pack from s3:// (s3rver), ${LATENCY_MS} ms added per GET; first translation is en→de.\n`,
  );
  console.log(
    '| pack | directions | en-de entries | pack size | cold open | GETs | first translation (of which: load en-de) | GETs | heap: Lexicon | heap: + translator |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.pack} | ${r.directions} | ${r.entries} | ${r.packKb.toFixed(0)} KiB | ${r.openMs.toFixed(0)} ms | ${r.openGets} | ${r.firstMs.toFixed(0)} ms (${r.loadMs.toFixed(0)} ms) | ${r.firstGets} | ${r.lexiconMb.toFixed(1)} MB | ${r.translatorMb.toFixed(1)} MB |`,
    );
  }
} finally {
  await s3.stop();
}
