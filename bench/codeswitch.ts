/**
 * `node --import tsx bench/codeswitch.ts [pairs]`: code-switching throughput in query–passage pairs
 * per second on one core (target ≥ 50k), on SQuAD (question, answer sentence) pairs with en→{de,es,ru}
 * lexicons built from the shared OMW Wiktionary and xling dictionaries. BL-CS switches both sides to
 * German; ML-CS both sides to all three languages; p = 0.5. Median of 5 timed runs after a warm-up,
 * in pairs per second of process CPU time, so a busy machine does not understate one core's rate.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { switchBilingual, switchMultilingual, type TextPair } from '../lib/codeswitch/index.js';
import { merge, type Lexicon } from '../lib/lexicon/index.js';
import { importOmw, importXling } from '../lib/lexicon/node.js';
import { readSquad } from '../lib/training-data/index.js';

const SHARED = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const TARGETS: Record<string, string> = { de: 'deu', es: 'spa', ru: 'rus' };
const RUNS = 5;
const P = 0.5;
const SEED = 1;
const TARGET_PAIRS_PER_SECOND = 50_000;

function shared(path: string): string {
  const full = `${SHARED}${path}`;
  if (!existsSync(full)) {
    console.error(`bench:codeswitch needs ../shared/data next to the repository; ${full} is missing`);
    process.exit(1);
  }
  return full;
}

async function buildLexicon(lang: string): Promise<Lexicon> {
  const options = { srcLang: 'en', tgtLang: lang };
  const code = TARGETS[lang] as string;
  const sources = [
    {
      lexicon: (
        await importOmw(
          shared('lexicons/omw-wikt/wn-wikt-eng.tab'),
          shared(`lexicons/omw-wikt/wn-wikt-${code}.tab`),
          {
            ...options,
            id: `omw-wikt:en-${lang}`,
          },
        )
      ).lexicon,
      weight: 1,
    },
  ];
  const xling = `${SHARED}lexicons/xling/en-${lang}/yacle.train.freq.5k.en-${lang}.tsv`;
  if (existsSync(xling)) {
    sources.push({
      lexicon: (await importXling(xling, { ...options, id: `xling:en-${lang}` })).lexicon,
      weight: 1,
    });
  }
  return merge(sources, { id: `bench:en-${lang}` });
}

async function squadPairs(limit: number): Promise<TextPair[]> {
  const pairs: TextPair[] = [];
  for await (const { example } of readSquad(shared('squad/train-v1.1.json'), {
    negatives: 0,
    bm25Negatives: 0,
  })) {
    pairs.push({ query: example.query, passage: example.pos[0] as string });
    if (pairs.length >= limit) break;
  }
  return pairs;
}

type PairSwitch = (pair: TextPair, exampleIndex: number) => number;

interface Pass {
  /** Pairs per second of process CPU time: throughput per core, whatever else the machine runs. */
  perCpuSecond: number;
  /** Pairs per wall-clock second, for comparison on an idle machine. */
  perSecond: number;
  tokens: number;
}

/** One pass over all pairs; the token count keeps the work from being optimised away. */
function pass(pairs: readonly TextPair[], run: PairSwitch): Pass {
  let tokens = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  pairs.forEach((pair, i) => (tokens += run(pair, i)));
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { perCpuSecond: pairs.length / cpuSeconds, perSecond: pairs.length / wall, tokens };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function measure(name: string, pairs: readonly TextPair[], run: PairSwitch): void {
  const { tokens } = pass(pairs, run);
  const passes = Array.from({ length: RUNS }, () => pass(pairs, run));
  const perCore = median(passes.map((p) => p.perCpuSecond));
  const verdict = perCore >= TARGET_PAIRS_PER_SECOND ? 'meets' : 'BELOW';
  console.log(
    `${name}: median ${format(perCore)} pairs per CPU-second (one core) over ${RUNS} runs ` +
      `[${passes.map((p) => format(p.perCpuSecond)).join(', ')}]; wall-clock median ${format(median(passes.map((p) => p.perSecond)))} pairs/s; ` +
      `${(tokens / pairs.length).toFixed(1)} words a pair; ${verdict} the ${format(TARGET_PAIRS_PER_SECOND)} target`,
  );
}

const limit = Number(process.argv[2] ?? 50_000);
const started = performance.now();
const lexicons = await Promise.all(Object.keys(TARGETS).map(buildLexicon));
const pairs = await squadPairs(limit);
console.log(
  `${pairs.length.toLocaleString('en')} SQuAD (question, answer sentence) pairs; lexicons ${lexicons.map((l) => `en→${l.tgtLang} ${l.size.toLocaleString('en')}`).join(', ')} (setup ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
const [german] = lexicons as [Lexicon];
// Option literals of one shape, as a pipeline would build them: spreading per call is far slower.
measure('BL-CS en→de', pairs, (pair, i) => {
  const q = switchBilingual(pair.query, {
    lexicon: german,
    p: P,
    seed: SEED,
    exampleIndex: i,
    side: 'query',
  });
  const d = switchBilingual(pair.passage, {
    lexicon: german,
    p: P,
    seed: SEED,
    exampleIndex: i,
    side: 'passage',
  });
  return q.tokens + d.tokens;
});
measure('ML-CS en→{de,es,ru}', pairs, (pair, i) => {
  const q = switchMultilingual(pair.query, { lexicons, p: P, seed: SEED, exampleIndex: i, side: 'query' });
  const d = switchMultilingual(pair.passage, {
    lexicons,
    p: P,
    seed: SEED,
    exampleIndex: i,
    side: 'passage',
  });
  return q.tokens + d.tokens;
});
