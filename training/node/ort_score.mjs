// Runs an exported cross-encoder with onnxruntime-node: JSON batch on stdin, logits on stdout.
// Used by the Python recipe to check ONNX parity against PyTorch.
import * as ort from 'onnxruntime-node';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const session = await ort.InferenceSession.create(process.argv[2]);
const feeds = {};
for (const name of session.inputNames) {
  const rows = batch[name];
  const data = BigInt64Array.from(rows.flat(), (v) => BigInt(v));
  feeds[name] = new ort.Tensor('int64', data, [rows.length, rows[0].length]);
}
const output = await session.run(feeds);
const logits = output[session.outputNames[0]];
const width = logits.dims[1] ?? 1;
const values = Array.from(logits.data);
const rows = [];
for (let i = 0; i < logits.dims[0]; i++) rows.push(values.slice(i * width, (i + 1) * width));
process.stdout.write(JSON.stringify({ logits: rows, dims: logits.dims }));
