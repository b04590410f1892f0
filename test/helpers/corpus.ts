/** Small hand-written corpora and helpers shared by index and search tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../lib/eval/index.js';
import type { CorpusRecord } from '../../lib/index/node.js';

export const ENGLISH_DOCS: Array<Omit<CorpusRecord, 'line'>> = [
  {
    id: 'd01',
    lang: 'en',
    text: 'Alexander Graham Bell is credited with inventing the first practical telephone in 1876.',
  },
  {
    id: 'd02',
    lang: 'en',
    text: 'The telephone network grew quickly; telephone exchanges connected whole cities.',
  },
  {
    id: 'd03',
    lang: 'en',
    text: 'Photosynthesis converts light energy into chemical energy in plants and algae.',
  },
  {
    id: 'd04',
    lang: 'en',
    text: 'Plants need water, light and carbon dioxide. Light drives photosynthesis.',
  },
  {
    id: 'd05',
    lang: 'en',
    title: 'Mount Everest',
    text: 'Mount Everest is the highest mountain above sea level.',
  },
  {
    id: 'd06',
    lang: 'en',
    text: 'The Nile is a major river in north-eastern Africa, flowing into the Mediterranean Sea.',
  },
  {
    id: 'd07',
    lang: 'en',
    text: 'Coffee is brewed from roasted coffee beans, the seeds of berries of Coffea plants.',
  },
  {
    id: 'd08',
    lang: 'en',
    text: 'Tea is an aromatic beverage prepared by pouring hot water over cured tea leaves.',
  },
  {
    id: 'd09',
    lang: 'en',
    text: 'The printing press was invented by Johannes Gutenberg around 1440 in Mainz.',
  },
  {
    id: 'd10',
    lang: 'en',
    text: 'Penicillin was discovered by Alexander Fleming in 1928 at St Mary’s Hospital.',
  },
  {
    id: 'd11',
    lang: 'en',
    text: 'Volcanoes erupt when magma rises to the surface. Magma becomes lava above ground.',
  },
  {
    id: 'd12',
    lang: 'en',
    text: 'Honey bees live in colonies with a single queen, thousands of workers and drones.',
  },
  {
    id: 'd13',
    lang: 'en',
    text: 'Bell Labs researchers invented the transistor in 1947, transforming electronics.',
  },
  { id: 'd14', lang: 'en', text: 'The river Thames flows through London; the river is tidal in the city.' },
  {
    id: 'd15',
    lang: 'en',
    text: 'Chess is a board game for two players; the queen is the most powerful piece.',
  },
  {
    id: 'd16',
    lang: 'de',
    text: 'Das Telefon wurde 1876 von Alexander Graham Bell patentiert. Telefone veränderten die Welt.',
  },
  { id: 'd17', lang: 'de', text: 'Die Häuser am Fluss wurden im Mittelalter gebaut.' },
  { id: 'd18', lang: 'es', text: 'El teléfono fue inventado por Alexander Graham Bell en 1876.' },
];

export async function* asRecords(
  docs: ReadonlyArray<Omit<CorpusRecord, 'line'>>,
): AsyncGenerator<CorpusRecord> {
  let line = 0;
  for (const doc of docs) yield { ...doc, line: ++line };
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'xlir-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deterministic uniform [0, 1) draws for generated corpora: lib/eval's mulberry32, scaled. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
