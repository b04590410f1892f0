// Runs an exported cross-encoder with onnxruntime-node: JSON batch on stdin, logits on stdout.
// Used by the Python recipe to check ONNX parity against PyTorch. The request holds one
// [batch, sequence] array of ints per token input (int64), and for a model trained to read the
// first-stage score also `first_stage`, [batch, 2] of [present, value] (float32, as
// lib/rerank/first-stage.ts feeds it). The session's inputs decide what is fed: a `first_stage`
// the model has no input for is left out (torch.onnx drops an input the graph does not use), and
// an input the request lacks is an error on stderr's last line, which the recipe reports.
import * as ort from 'onnxruntime-node';

const FIRST_STAGE = 'first_stage';

function tensor(name, rows) {
  const dims = [rows.length, rows[0].length];
  if (name === FIRST_STAGE) return new ort.Tensor('float32', Float32Array.from(rows.flat()), dims);
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
    dims,
  );
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const session = await ort.InferenceSession.create(process.argv[2]);
const feeds = {};
for (const name of session.inputNames) {
  if (batch[name] === undefined) {
    process.stderr.write(
      `the model's inputs are [${session.inputNames.join(', ')}]; the request has no ${name}\n`,
    );
    process.exit(1);
  }
  feeds[name] = tensor(name, batch[name]);
}
const output = await session.run(feeds);
const logits = output[session.outputNames[0]];
const width = logits.dims[1] ?? 1;
const values = Array.from(logits.data);
const rows = [];
for (let i = 0; i < logits.dims[0]; i++) rows.push(values.slice(i * width, (i + 1) * width));
process.stdout.write(JSON.stringify({ logits: rows, dims: logits.dims }));
