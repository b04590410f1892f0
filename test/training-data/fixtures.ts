/**
 * Training-data fixtures in each real input format (SQuAD v1.1 JSON, MS MARCO triples TSV,
 * sentence-transformers JSONL), written to a temporary directory per test.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export { withTempDir } from '../helpers/corpus.js';

/** A question of the fixture: its answer is located in the context by text, or by an explicit offset. */
interface FixtureQuestion {
  id: string;
  question: string;
  answer: string;
  /** Overrides the offset (to place an answer between two sentences). */
  start?: number;
}

interface FixtureParagraph {
  context: string;
  qas: FixtureQuestion[];
}

const BETWEEN_CONTEXT = 'Mobile phones arrived much later. They use radio waves instead of wires.';

/** Four articles; some answers recur in other sentences, one paragraph is short, one answer is unplaceable. */
export const SQUAD_ARTICLES: Array<{ title: string; paragraphs: FixtureParagraph[] }> = [
  {
    title: 'Telephone',
    paragraphs: [
      {
        context:
          'Alexander Graham Bell patented the telephone in 1876. Bell was born in Edinburgh in 1847. ' +
          'The telephone changed how people talked. Early telephones needed copper wires. ' +
          'Edinburgh is the capital of Scotland. Bell later worked on the photophone.',
        qas: [
          { id: 'tel-born', question: 'Where was Bell born?', answer: 'Edinburgh' },
          { id: 'tel-patent', question: 'When did Bell patent the telephone?', answer: '1876' },
        ],
      },
      {
        context: 'Exchanges connected whole cities. Operators switched the calls by hand.',
        qas: [{ id: 'tel-operators', question: 'Who switched telephone calls?', answer: 'Operators' }],
      },
      {
        context: BETWEEN_CONTEXT,
        qas: [
          {
            id: 'tel-between',
            question: 'What came later?',
            answer: ' They',
            start: BETWEEN_CONTEXT.indexOf(' They'),
          },
        ],
      },
    ],
  },
  {
    title: 'Coffee',
    paragraphs: [
      {
        context:
          'Coffee is brewed from roasted coffee beans. The beans are the seeds of Coffea plants. ' +
          'Ethiopia is often called the home of coffee. Coffee contains caffeine, a stimulant. ' +
          'Many people drink coffee in the morning.',
        qas: [
          { id: 'cof-contains', question: 'What stimulant does coffee contain?', answer: 'caffeine' },
          { id: 'cof-home', question: 'Which country is the home of coffee?', answer: 'Ethiopia' },
        ],
      },
      {
        context:
          'Espresso is a concentrated coffee. It is brewed under high pressure. ' +
          'Baristas prepare espresso drinks in cafes. A latte adds steamed milk to espresso.',
        qas: [{ id: 'cof-espresso', question: 'How is espresso brewed?', answer: 'under high pressure' }],
      },
    ],
  },
  {
    title: 'Tea',
    paragraphs: [
      {
        context:
          'Tea is made from the leaves of Camellia sinensis. Green tea leaves are not oxidised. ' +
          'Black tea leaves are fully oxidised. Tea drinking began in China thousands of years ago. ' +
          'People in Britain drink tea with milk.',
        qas: [
          { id: 'tea-origin', question: 'Where did tea drinking begin?', answer: 'China' },
          { id: 'tea-plant', question: 'Which plant gives tea leaves?', answer: 'Camellia sinensis' },
        ],
      },
      {
        context:
          'Tea ceremonies are common in Japan. Matcha is a powdered green tea. ' +
          'Matcha is whisked with hot water. Japanese tea rooms are quiet places.',
        qas: [{ id: 'tea-matcha', question: 'What is matcha?', answer: 'a powdered green tea' }],
      },
    ],
  },
  {
    title: 'Printing',
    paragraphs: [
      {
        context:
          'Johannes Gutenberg built a printing press around 1440. His press used movable metal type. ' +
          'The Gutenberg Bible was printed in Mainz. Printing made books cheaper. ' +
          'Printed books spread ideas across Europe.',
        qas: [
          { id: 'print-who', question: 'Who built the printing press?', answer: 'Johannes Gutenberg' },
          { id: 'print-where', question: 'Where was the Gutenberg Bible printed?', answer: 'Mainz' },
        ],
      },
    ],
  },
];

/** The fixture as SQuAD v1.1 JSON, with answer offsets found in each context. */
export function squadJson(): string {
  return JSON.stringify({
    data: SQUAD_ARTICLES.map((article) => ({
      title: article.title,
      paragraphs: article.paragraphs.map((p) => ({
        context: p.context,
        qas: p.qas.map((q) => ({
          id: q.id,
          question: q.question,
          answers: [{ answer_start: q.start ?? p.context.indexOf(q.answer), text: q.answer }],
        })),
      })),
    })),
    version: '1.1',
  });
}

/** Every fixture question with its paragraph context, answer and answer offset. */
export function squadQuestions(): Map<
  string,
  { title: string; context: string; answer: string; start: number }
> {
  const out = new Map<string, { title: string; context: string; answer: string; start: number }>();
  for (const article of SQUAD_ARTICLES) {
    for (const p of article.paragraphs) {
      for (const q of p.qas) {
        out.set(q.id, {
          title: article.title,
          context: p.context,
          answer: q.answer,
          start: q.start ?? p.context.indexOf(q.answer),
        });
      }
    }
  }
  return out;
}

/** MS MARCO triples: q1 twice in a row (one example), then q2, then q1 again (a new example). */
export const TRIPLES = [
  ['what is espresso', 'Espresso is a concentrated coffee.', 'Tea is made from leaves.'],
  ['what is espresso', 'Espresso is a concentrated coffee.', 'The house is big.'],
  ['who built the printing press', 'Gutenberg built a printing press.', 'The dog is in the house.'],
  ['what is espresso', 'A latte adds milk to espresso.', 'The big dog.'],
];

export function triplesTsv(lines = TRIPLES, eol = '\n'): string {
  return lines.map((fields) => fields.join('\t')).join(eol) + eol;
}

export const JSONL_RECORDS = [
  { query: 'the big house', pos: ['the house is big'], neg: ['the dog'], id: 'r1', source: 'unit' },
  { query: 'the dog', pos: 'a big dog' },
];

export function jsonl(records: readonly unknown[] = JSONL_RECORDS): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export async function writeFixture(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
