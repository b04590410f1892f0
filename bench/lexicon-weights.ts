/**
 * `npm run bench:lexicon-weights [-- --data DIR --langs en,de,… --dictd DIR --apertium DIR]`: the merge
 * weight of each dictionary source kind of `xlir lexicon build` (SOURCE_WEIGHTS in
 * lib/lexicon/build/constants.ts), measured against the held-out xling TEST dictionaries
 * (yacle.test.freq.2k.*), never against a retrieval test collection. Every source that has a test
 * dictionary for its direction (or the reverse one, read backwards) is scored P@1 and P@5 over the
 * test words it covers; a kind's weight is the mean of (P@1 + P@5) / 2 over its directions with at
 * least WEIGHT_MIN_COVERED covered words. Prints a markdown table for docs/lexicons.md.
 */
import { parseArgs } from 'node:util';
import { measureSourceWeights, SOURCE_KINDS, SOURCE_WEIGHTS } from '../lib/lexicon/node.js';
import { canonicalLanguage } from '../lib/text/index.js';

const DEFAULT_LANGS = 'en,de,es,ru,ar,zh,fr,it,nl,el,hi,tr,vi,th';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/lexicons' },
    langs: { type: 'string', default: DEFAULT_LANGS },
    dictd: { type: 'string' },
    apertium: { type: 'string' },
  },
});

const started = performance.now();
const measurement = await measureSourceWeights({
  langs: (values.langs ?? DEFAULT_LANGS).split(',').map((l) => canonicalLanguage(l.trim())),
  dataDir: values.data ?? '../shared/data/lexicons',
  ...(values.dictd !== undefined ? { dictdDir: values.dictd } : {}),
  ...(values.apertium !== undefined ? { apertiumDir: values.apertium } : {}),
  onSource: (id) => process.stderr.write(`scoring ${id}\n`),
});

console.log('| source | direction | test words | covered | P@1 | P@5 |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const row of measurement.rows) {
  console.log(
    `| ${row.id} | ${row.direction} | ${row.testWords} | ${row.covered} | ${row.precisionAt1.toFixed(3)} | ${row.precisionAt5.toFixed(3)} |`,
  );
}
console.log('\n| kind | measured weight | directions counted | SOURCE_WEIGHTS now |');
console.log('| --- | ---: | ---: | ---: |');
for (const kind of SOURCE_KINDS) {
  const weight = measurement.weights[kind];
  console.log(
    `| ${kind} | ${weight === undefined ? 'not measured' : weight.toFixed(3)} | ${measurement.counted[kind] ?? 0} | ${SOURCE_WEIGHTS[kind]} |`,
  );
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
