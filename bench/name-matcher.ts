/**
 * What name matching (lib/search/names.ts) costs on the first query that needs it: the skeleton
 * table over an index vocabulary, built from the shard heads' term lists. Synthetic Latin terms
 * (random letters, 4–11 long, made unique), so the figure is the table's, not a corpus's.
 * Prints build time and retained heap per vocabulary size; NAME_MAX_VOCABULARY is chosen from it.
 *
 * Run: npm run bench:names   (node --expose-gc, so the heap figure is after a collection)
 */
import { NAME_MAX_VOCABULARY, NameMatcher } from '../lib/search/index.js';
import { mulberry32 } from '../lib/eval/index.js';

const LETTERS = 'abcdefghiklmnoprstuvwyz';
const LATIN_RE = /^\p{Script=Latin}+$/u;
/** Up to twice the cap, to show what the cap avoids. */
const SIZES = [50_000, 100_000, NAME_MAX_VOCABULARY, 2 * NAME_MAX_VOCABULARY];

function vocabulary(size: number): string[] {
  const random = mulberry32(1);
  const pick = () => LETTERS[Math.floor((random() / 2 ** 32) * LETTERS.length)]!;
  const terms: string[] = [];
  for (let i = 0; i < size; i++) {
    let word = '';
    const length = 4 + Math.floor((random() / 2 ** 32) * 8);
    for (let j = 0; j < length; j++) word += pick();
    // A suffix of letters from the index makes every term unique without digits (which no
    // Latin-script test passes).
    let rest = i;
    do {
      word += LETTERS[rest % LETTERS.length];
      rest = Math.floor(rest / LETTERS.length);
    } while (rest > 0);
    terms.push(word);
  }
  return terms;
}

const gc = (globalThis as { gc?: () => void }).gc;
console.log('| terms | build | retained heap |');
console.log('| ---: | ---: | ---: |');
for (const size of SIZES) {
  const terms = vocabulary(size);
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  // fromTerms, as fromHeads does below the cap (past it, fromHeads builds nothing).
  const matcher = NameMatcher.fromTerms(terms.filter((t) => LATIN_RE.test(t)));
  const ms = performance.now() - started;
  gc?.();
  const mb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (!matcher.has(terms[0]!)) throw new Error('the matcher lost a term');
  console.log(`| ${size.toLocaleString('en')} | ${ms.toFixed(0)} ms | ${mb.toFixed(0)} MiB |`);
}
