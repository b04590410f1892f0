/**
 * The measured half of bench/induce.ts, run in its own process: reads both `.vec` files, induces
 * with each method, and prints wall time, peak RSS so far and BLI precision (word wi translates vi).
 * Arguments: SRC.vec TGT.vec VOCAB METHODS BACKEND.
 */
import { availableParallelism } from 'node:os';
import { evaluateBli, induce, type InduceBackend, type InduceMethod, readVec } from '../lib/lexicon/node.js';

const [srcPath, tgtPath, vocabText, methodsText, backendText] = process.argv.slice(2);
const vocab = Number(vocabText);
const backend = backendText as InduceBackend;

function peakRssMb(): string {
  // maxRSS is in kilobytes and covers the whole process lifetime so far.
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(28)} ${seconds.toFixed(1).padStart(7)} s   peak RSS ${peakRssMb()}`);
  return result;
}

console.log(`${vocab} words × ${backend} backend, ${availableParallelism()} core(s)`);
const [src, tgt] = await timed('readVec (both sides)', () =>
  Promise.all([readVec(srcPath!), readVec(tgtPath!)]),
);
const skipped = src.skipped.noLetter + tgt.skipped.noLetter;
console.log(
  `  kept ${src.embeddings.words.length} + ${tgt.embeddings.words.length} words, skipped ${skipped} junk tokens`,
);
const gold = new Map(src.embeddings.words.map((w) => [w, new Set([`v${w.slice(1)}`])]));
for (const method of methodsText!.split(',') as InduceMethod[]) {
  const lexicon = await timed(`induce ${method}`, () =>
    induce(src.embeddings, tgt.embeddings, { srcLang: 'en', tgtLang: 'de', id: 'bench', method, backend }),
  );
  const { precisionAt1, precisionAt5 } = evaluateBli(lexicon, gold);
  console.log(`  P@1 ${precisionAt1.toFixed(4)}  P@5 ${precisionAt5.toFixed(4)}`);
}
