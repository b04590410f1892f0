/**
 * Tiny dictionary sources for the `xlir lexicon build` tests, written into a temp dir in the layouts the
 * build discovers (../shared/data/lexicons, /usr/share/dictd, /usr/share/apertium), so the tests need
 * neither the shared data nor installed packages.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** dictd base64, written independently of the decoder under test. */
export function encodeDictdNumber(value: number): string {
  let out = '';
  let rest = value;
  do {
    out = DIGITS[rest % 64] + out;
    rest = Math.floor(rest / 64);
  } while (rest > 0);
  return out;
}

/** Writes `<base>.index` and a gzipped `<base>.dict.dz` holding the entries, in order. */
export async function writeDictd(
  dir: string,
  base: string,
  entries: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const parts: Buffer[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const [headword, text] of entries) {
    const bytes = Buffer.from(text, 'utf8');
    lines.push(`${headword}\t${encodeDictdNumber(offset)}\t${encodeDictdNumber(bytes.length)}`);
    parts.push(bytes);
    offset += bytes.length;
  }
  await writeFile(join(dir, `${base}.index`), `${lines.join('\n')}\n`);
  await writeFile(join(dir, `${base}.dict.dz`), gzipSync(Buffer.concat(parts)));
}

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

export interface FixtureDirs {
  data: string;
  dictd: string;
  apertium: string;
}

/**
 * en/de/ru sources: OMW en-de and en-ru (with Wiktionary markup), xling en-de train and test splits,
 * FreeDict eng-deu and deu-eng, Ding german-english. FreeDict eng-rus is deliberately not installed.
 */
export async function writeFixtureSources(root: string): Promise<FixtureDirs> {
  const data = join(root, 'data');
  const dictd = join(root, 'dictd');
  const apertium = join(root, 'apertium');
  await mkdir(apertium, { recursive: true });
  const omw = join(data, 'omw-wikt');
  await put(
    join(omw, 'wn-wikt-eng.tab'),
    [
      '# Wiktionary\teng\thttp://wiktionary.org/\tCC BY-SA',
      "02963159-n\teng:lemma\t'''cardigan'''",
      '02963159-n\teng:lemma\tcardi',
      '03544360-n\teng:lemma\thouse',
      '08078020-n\teng:lemma\thouse',
      '02084071-n\teng:lemma\tdog',
      '',
    ].join('\n'),
  );
  await put(
    join(omw, 'wn-wikt-deu.tab'),
    [
      '02963159-n\tdeu:lemma\tStrickjacke',
      '03544360-n\tdeu:lemma\tHaus',
      '08078020-n\tdeu:lemma\tHaus',
      '08078020-n\tdeu:lemma\t[[Familie]]',
      '02084071-n\tdeu:lemma\tHund',
      '',
    ].join('\n'),
  );
  await put(join(omw, 'wn-wikt-rus.tab'), '02084071-n\trus:lemma\tсобака\n');
  const xling = join(data, 'xling', 'en-de');
  await put(join(xling, 'yacle.train.freq.5k.en-de.tsv'), 'house\thaus\ntree\tBaum\n');
  await put(join(xling, 'yacle.train.freq.1k.en-de.tsv'), 'small\tklein\n');
  await put(join(xling, 'yacle.test.freq.2k.en-de.tsv'), 'heldout\tzurückgehalten\n');
  await writeDictd(dictd, 'freedict-eng-deu', [
    ['00-database-info', '00-database-info\nA test dictionary.\n'],
    ['house', 'house /haʊs/ <n>\n1. Haus <neut>\n2. Gebäude &amp; Bau\n'],
    ['dog', 'dog <n>\nHund\n'],
  ]);
  await writeDictd(dictd, 'freedict-deu-eng', [['Hund', 'Hund <masc>\ndog\n']]);
  await writeDictd(dictd, 'german-english', [
    ['00-database-short', '00-database-short\n     German - English\n'],
    ['aufgeben', 'aufgeben\n {vt}\n   to give up sth.; to abandon\n'],
  ]);
  return { data, dictd, apertium };
}

/** An apertium eng-spa folder with both bilingual transducers (placeholder bytes). */
export async function writeApertiumPair(apertium: string): Promise<void> {
  const dir = join(apertium, 'apertium-eng-spa');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'eng-spa.autobil.bin'), 'eng-spa');
  await writeFile(join(dir, 'spa-eng.autobil.bin'), 'spa-eng');
}

/**
 * A stand-in for lt-expand: prints canned entries for the transducer it is given (by its bytes), as
 * lttoolbox's lt-expand prints them.
 */
export async function writeFakeLtExpand(dir: string): Promise<string> {
  const path = join(dir, 'fake-lt-expand');
  const script = [
    '#!/bin/sh',
    'case "$(cat "$1")" in',
    '  eng-spa) printf "house<n><sg>:casa<n><f><sg>\\nhouse<n><pl>:casa<n><f><pl>\\ntake<vblex># off:quitar<vblex>\\ndog<n>:<:perro<n>\\n" ;;',
    '  spa-eng) printf "perro<n><m>:dog<n>\\n" ;;',
    'esac',
    '',
  ].join('\n');
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
}
