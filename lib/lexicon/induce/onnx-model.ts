/**
 * ONNX graphs that score one block of query rows against one chunk of key rows and keep each query's
 * best keys. Written by hand (see protobuf.ts) so onnxruntime's multithreaded GEMM and TopK do the
 * O(rows × cols × dim) work, while no model file ships with xlir.
 *
 * Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, ...); only the fields
 * these graphs use are written.
 */
import { ProtoWriter } from './protobuf.js';

const IR_VERSION = 8;
const OPSET = 17;
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

/** Graph input and output names, shared with the code that feeds and reads the session. */
export const QUERIES = 'queries';
export const KEYS = 'keys';
export const PENALTY = 'penalty';
/** TopK's k is an input, not baked into the model, so one session serves a narrow last chunk too. */
export const TOP_K = 'k';
export const TOP_NEIGHBOURS = 'neighbours';
export const BEST_SCORES = 'best_scores';
export const BEST_IDS = 'best_ids';
export const NEIGHBOUR_SCORES = 'neighbour_scores';
export const NEIGHBOUR_IDS = 'neighbour_ids';

export interface ScoreGraph {
  /** Subtract a per-key `penalty` input from every score before ranking. */
  penalty: boolean;
  /**
   * Also output the best plain dot products per query row (unpenalised), so one GEMM gives both
   * CSLS's ranking and its r_T neighbourhood.
   */
  neighbours: boolean;
}

function shape(dims: readonly string[]): ProtoWriter {
  const out = new ProtoWriter();
  for (const name of dims) out.message(1, new ProtoWriter().string(2, name));
  return out;
}

/** ValueInfoProto of a tensor whose dimensions are all symbolic (`dim_param`). */
function tensorInfo(name: string, elemType: number, dims: readonly string[]): ProtoWriter {
  const tensorType = new ProtoWriter().int(1, elemType).message(2, shape(dims));
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  ints: Record<string, number> = {},
): ProtoWriter {
  const out = new ProtoWriter();
  for (const input of inputs) out.string(1, input);
  for (const output of outputs) out.string(2, output);
  out.string(3, `${op}_${outputs[0]}`).string(4, op);
  for (const [name, value] of Object.entries(ints)) {
    out.message(5, new ProtoWriter().string(1, name).int(3, value).int(20, ATTRIBUTE_INT));
  }
  return out;
}

/**
 * scores = queries · keysᵀ (− penalty); best_scores, best_ids = TopK(scores, k) per row, best first
 * (onnxruntime breaks ties by the lower index). With `neighbours`, neighbour_scores and
 * neighbour_ids = TopK(queries · keysᵀ, neighbours) as well. Inputs: queries [rows, dim], keys
 * [cols, dim] (row-major, so a chunk of an embedding table is a zero-copy view), penalty [cols],
 * k and neighbours [1] int64. Ids index the chunk's rows.
 */
export function scoreModel(graph: ScoreGraph): Uint8Array {
  const nodes: ProtoWriter[] = [node('Gemm', [QUERIES, KEYS], ['dots'], { transB: 1 })];
  let ranked = 'dots';
  if (graph.penalty) {
    nodes.push(node('Sub', ['dots', PENALTY], ['penalised']));
    ranked = 'penalised';
  }
  nodes.push(node('TopK', [ranked, TOP_K], [BEST_SCORES, BEST_IDS]));
  const inputs = [
    tensorInfo(QUERIES, FLOAT, ['rows', 'dim']),
    tensorInfo(KEYS, FLOAT, ['cols', 'dim']),
    tensorInfo(TOP_K, INT64, ['one']),
  ];
  if (graph.penalty) inputs.push(tensorInfo(PENALTY, FLOAT, ['cols']));
  const outputs = [tensorInfo(BEST_SCORES, FLOAT, ['rows', 'k']), tensorInfo(BEST_IDS, INT64, ['rows', 'k'])];
  if (graph.neighbours) {
    nodes.push(node('TopK', ['dots', TOP_NEIGHBOURS], [NEIGHBOUR_SCORES, NEIGHBOUR_IDS]));
    inputs.push(tensorInfo(TOP_NEIGHBOURS, INT64, ['one']));
    outputs.push(tensorInfo(NEIGHBOUR_SCORES, FLOAT, ['rows', 'neighbours']));
    outputs.push(tensorInfo(NEIGHBOUR_IDS, INT64, ['rows', 'neighbours']));
  }

  const body = new ProtoWriter();
  for (const n of nodes) body.message(1, n);
  body.string(2, 'xlir_score');
  for (const input of inputs) body.message(11, input);
  for (const output of outputs) body.message(12, output);
  return new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'xlir')
    .message(7, body)
    .message(8, new ProtoWriter().string(1, '').int(2, OPSET))
    .finish();
}
