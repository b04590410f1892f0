/**
 * `buildLexicons`: every source of every direction among a set of languages imported, cleaned of
 * markup and merged per direction with the measured weight of its source kind (constants.ts). Only
 * natural directions are built; inversion and pivoting through English happen at query time.
 */
import { LexiconError } from '../errors.js';
import { Lexicon } from '../lexicon.js';
import { type CleanScores, cleanScores } from './clean.js';
import { ONE_WAY_SOURCE_KINDS, SOURCE_WEIGHTS, type SourceKind } from './constants.js';
import { type DiscoverOptions, discoverSources, type SourceSpec } from './sources.js';

export interface BuildProgress {
  /** Sources imported so far, of `total`. */
  done: number;
  total: number;
  /** The source being imported now (or the last one, when done === total). */
  source: string;
}

export interface BuildOptions extends DiscoverOptions {
  /** Overrides of SOURCE_WEIGHTS (the weight bench measures sources one by one with these). */
  weights?: Partial<Record<SourceKind, number>>;
  /** Only these kinds of source are read; all when absent. */
  kinds?: readonly SourceKind[];
  onProgress?: (progress: BuildProgress) => void;
}

/** One source of a built direction, as the summary table and a lexicon pack record it. */
export interface BuiltSource {
  id: string;
  kind: SourceKind;
  weight: number;
  entries: number;
  pairs: number;
  /** Pairs markup cleaning dropped (nothing left, too long, wrong script). */
  dropped: number;
  seconds: number;
}

export interface BuiltDirection {
  srcLang: string;
  tgtLang: string;
  lexicon: Lexicon;
  sources: BuiltSource[];
  /** Built only from ONE_WAY_SOURCE_KINDS: not to be inverted. */
  oneWay: boolean;
}

export interface BuildResult {
  directions: BuiltDirection[];
  /** One line each: missing sources, sources that failed to import, directions with no source. */
  warnings: string[];
}

/** Directions among `langs` in --langs order, source language first. */
export function allDirections(langs: readonly string[]): Array<[string, string]> {
  return langs.flatMap((src) =>
    langs.filter((tgt) => tgt !== src).map((tgt): [string, string] => [src, tgt]),
  );
}

interface ImportedSource {
  scores: CleanScores;
  source: BuiltSource;
}

async function importSource(spec: SourceSpec, weight: number): Promise<ImportedSource> {
  const started = performance.now();
  const { scores, dropped } = cleanScores(await spec.load());
  let pairs = 0;
  for (const targets of scores.values()) pairs += targets.size;
  const source: BuiltSource = {
    id: spec.id,
    kind: spec.kind,
    weight,
    entries: scores.size,
    pairs,
    dropped,
    seconds: (performance.now() - started) / 1000,
  };
  return { scores, source };
}

/**
 * The parts of one direction as one lexicon: `merge`'s weighted sum of per-entry probabilities
 * (lib/lexicon/combine.ts), computed straight from the cleaned scores. A single source keeps its raw
 * scores, as an import would write them.
 */
function combine(srcLang: string, tgtLang: string, parts: readonly ImportedSource[]): Lexicon {
  const id = `build:${srcLang}-${tgtLang}(${parts.map((p) => `${p.source.id}*${p.source.weight}`).join(',')})`;
  const lexicon = new Lexicon({ srcLang, tgtLang, id });
  for (const { scores, source } of parts) {
    for (const [src, targets] of scores) {
      let total = 0;
      for (const score of targets.values()) total += score;
      const scale = parts.length === 1 ? 1 : source.weight / total;
      for (const [tgt, score] of targets) {
        const value = score * scale;
        if (value > 0) lexicon.add(src, tgt, value);
      }
    }
  }
  return lexicon;
}

/**
 * What a broken or unreadable dictionary throws (a format error, a system error such as EACCES, a
 * zlib error): the build warns and goes on. Anything else is a bug and propagates.
 */
function isSourceError(error: unknown): error is Error {
  return (
    error instanceof LexiconError ||
    (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string')
  );
}

export async function buildLexicons(options: BuildOptions): Promise<BuildResult> {
  const weights = { ...SOURCE_WEIGHTS, ...options.weights };
  for (const [kind, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new LexiconError(`weight of ${kind} sources must be a finite number > 0, got ${weight}`);
    }
  }
  const discovery = await discoverSources(options);
  const warnings = [...discovery.warnings];
  const wanted = discovery.sources.filter(
    (s) => options.kinds === undefined || options.kinds.includes(s.kind),
  );
  const order = allDirections(options.langs);
  const ofDirection = (srcLang: string, tgtLang: string): SourceSpec[] =>
    wanted.filter((s) => s.srcLang === srcLang && s.tgtLang === tgtLang);
  // Direction by direction, so each direction's parts can be merged and dropped before the next.
  const specs = order.flatMap(([src, tgt]) => ofDirection(src, tgt));
  const directions: BuiltDirection[] = [];
  const empty: string[] = [];
  let done = 0;
  for (const [srcLang, tgtLang] of order) {
    const parts: ImportedSource[] = [];
    for (const spec of ofDirection(srcLang, tgtLang)) {
      options.onProgress?.({ done, total: specs.length, source: spec.id });
      done += 1;
      try {
        const imported = await importSource(spec, weights[spec.kind]);
        if (imported.scores.size > 0) parts.push(imported);
        else warnings.push(`${spec.id}: no entries left after cleaning ${spec.files.join(' + ')}; skipped`);
      } catch (error) {
        if (!isSourceError(error)) throw error;
        warnings.push(`${spec.id}: ${error.message}; skipped`);
      }
    }
    if (parts.length === 0) {
      empty.push(`${srcLang}-${tgtLang}`);
      continue;
    }
    const lexicon = combine(srcLang, tgtLang, parts);
    const oneWay = parts.every((p) => ONE_WAY_SOURCE_KINDS.includes(p.source.kind));
    directions.push({ srcLang, tgtLang, lexicon, sources: parts.map((p) => p.source), oneWay });
  }
  options.onProgress?.({ done, total: specs.length, source: specs.at(-1)?.id ?? '' });
  if (empty.length > 0) {
    warnings.push(
      `no source for ${empty.length} direction(s), skipped (inverted or pivoted through English at query time): ${empty.join(' ')}`,
    );
  }
  return { directions, warnings };
}
