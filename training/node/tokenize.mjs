// Encodes (query, passage) pairs with @huggingface/tokenizers, the library the reranker uses:
// tokenizer.json path as argument, JSON [[query, passage], ...] on stdin, JSON ids on stdout.
// The Python tests compare these ids with the recipe's own encoder.
import { Tokenizer } from '@huggingface/tokenizers';
import { readFileSync } from 'node:fs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pairs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const tokenizer = new Tokenizer(JSON.parse(readFileSync(process.argv[2], 'utf8')), {});
const ids = pairs.map(([query, passage]) => tokenizer.encode(query, { text_pair: passage }).ids);
process.stdout.write(JSON.stringify(ids));
