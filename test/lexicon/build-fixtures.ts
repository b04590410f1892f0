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

/** One transition of an AT&T transducer: from, to, input symbol, output symbol (`ε` for none). */
type Arc = readonly [number, number, string, string];

/** A transducer section as lt-print prints it: transitions, then final states, weights 0. */
function attSection(arcs: readonly Arc[], finals: readonly number[]): string[] {
  return [
    ...arcs.map(([from, to, input, output]) => `${from}\t${to}\t${input}\t${output}\t0.000000\t`),
    ...finals.map((state) => `${state}\t0.000000`),
  ];
}

/** Levels of the fixture's pattern section: 2^20 paths, over twice the default step budget. */
export const PATTERN_LEVELS = 20;

/**
 * lt-print text of a small eng-spa.autobil.bin, letters paired arbitrarily as a minimised transducer
 * pairs them. Section 0 reads house<n><sg|pl> → casa<n><f><sg|pl>, house<n> → hogar<n>,
 * take# off<vblex> → quitar<vblex> (a multiword), sheep<n> → oveja<n> (with a cycle back to a state
 * on the path and a self-loop), I<prn><p1> → yo<prn><p1> (a tag with a digit), and paths no walk may
 * take: a digit on the input (1st), on the output (one → 1), a dollar sign ($usd → dólar), and
 * z<n> → <n> (no lemma on the right). Section 1 restarts at state 0 with table<n> → mesa<n>.
 * Section 2 is a pattern section: PATTERN_LEVELS levels of a|b, 2^PATTERN_LEVELS paths.
 */
export const ENG_SPA_LT_PRINT = [
  ...attSection(
    [
      [0, 1, 'h', 'c'],
      [1, 2, 'o', 'a'],
      [2, 3, 'u', 's'],
      [3, 4, 's', 'a'],
      [4, 5, 'e', 'ε'],
      [5, 6, '<n>', '<n>'],
      [6, 7, 'ε', '<f>'],
      [7, 8, '<sg>', '<sg>'],
      [7, 8, '<pl>', '<pl>'],
      [0, 30, 'h', 'h'],
      [30, 31, 'o', 'o'],
      [31, 32, 'u', 'g'],
      [32, 33, 's', 'a'],
      [33, 34, 'e', 'r'],
      [34, 8, '<n>', '<n>'],
      [0, 10, 't', 'q'],
      [10, 11, 'a', 'u'],
      [11, 12, 'k', 'i'],
      [12, 13, 'e', 't'],
      [13, 14, '#', 'a'],
      [14, 15, ' ', 'r'],
      [15, 16, 'o', '<vblex>'],
      [16, 17, 'f', 'ε'],
      [17, 18, 'f', 'ε'],
      [18, 8, '<vblex>', 'ε'],
      [0, 40, 's', 'o'],
      [40, 41, 'h', 'v'],
      [41, 42, 'e', 'e'],
      [42, 40, 'x', 'x'],
      [42, 43, 'e', 'j'],
      [43, 43, 'e', 'e'],
      [43, 44, 'p', 'a'],
      [44, 8, '<n>', '<n>'],
      [0, 70, 'I', 'y'],
      [70, 71, 'ε', 'o'],
      [71, 72, '<prn>', '<prn>'],
      [72, 8, '<p1>', '<p1>'],
      [0, 50, '1', '1'],
      [50, 51, 's', 's'],
      [51, 52, 't', 't'],
      [52, 8, '<num>', '<num>'],
      [0, 60, 'o', '1'],
      [60, 61, 'n', 'ε'],
      [61, 62, 'e', 'ε'],
      [62, 8, '<num>', '<num>'],
      [0, 53, '$', 'ε'],
      [53, 54, 'u', 'd'],
      [54, 55, 's', 'ó'],
      [55, 56, 'd', 'l'],
      [56, 57, 'ε', 'a'],
      [57, 58, 'ε', 'r'],
      [58, 8, '<n>', '<n>'],
      [0, 80, 'z', '<n>'],
      [80, 8, '<n>', 'ε'],
    ],
    [8],
  ),
  '--',
  ...attSection(
    [
      [0, 1, 't', 'm'],
      [1, 2, 'a', 'e'],
      [2, 3, 'b', 's'],
      [3, 4, 'l', 'a'],
      [4, 5, 'e', '<n>'],
      [5, 6, '<n>', 'ε'],
    ],
    [6],
  ),
  '--',
  ...attSection(
    Array.from({ length: PATTERN_LEVELS }, (_, level): Arc[] => [
      [level, level + 1, 'a', 'a'],
      [level, level + 1, 'b', 'b'],
    ]).flat(),
    [PATTERN_LEVELS],
  ),
  '',
].join('\n');

/** lt-print text of a small spa-eng.autobil.bin: perro<n><m> → dog<n>. */
export const SPA_ENG_LT_PRINT = [
  ...attSection(
    [
      [0, 1, 'p', 'd'],
      [1, 2, 'e', 'o'],
      [2, 3, 'r', 'g'],
      [3, 4, 'r', 'ε'],
      [4, 5, 'o', 'ε'],
      [5, 6, '<n>', '<n>'],
      [6, 7, '<m>', 'ε'],
    ],
    [7],
  ),
  '',
].join('\n');

/**
 * A stand-in for lt-print: prints the canned AT&T text of the transducer it is given (known by its
 * placeholder bytes, see writeApertiumPair), and fails on anything else as lt-print does.
 */
export async function writeFakeLtPrint(dir: string): Promise<string> {
  const path = join(dir, 'fake-lt-print');
  const script = [
    '#!/bin/sh',
    'case "$(cat "$1")" in',
    "  eng-spa) cat <<'ATT'",
    ENG_SPA_LT_PRINT.trimEnd(),
    'ATT',
    '  ;;',
    "  spa-eng) cat <<'ATT'",
    SPA_ENG_LT_PRINT.trimEnd(),
    'ATT',
    '  ;;',
    '  *) echo "Error: Transducer file is not valid" >&2; exit 1 ;;',
    'esac',
    '',
  ].join('\n');
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
}
