/**
 * The worker thread that holds the process's onnxruntime sessions. onnxruntime-node runs
 * `session.run` synchronously on the thread that calls it (inside a setImmediate), so on a
 * server's main thread every batch stalled every other request for as long as it ran. Here it
 * stalls only this thread; the host (inference-host.ts) tokenises, plans batches and deadlines,
 * and sends each batch's feeds over with their buffers transferred.
 *
 * Messages are taken one at a time in the order they arrive, so `runMs` is one batch's cost,
 * not two batches' interleaved, and batches of different requests and models take turns as they
 * did on the main thread. Imports nothing from lib/ at run time (the protocol is types only):
 * the Lambda package bundles this file on its own (infra/functions.ts).
 */
import { parentPort } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import type {
  BatchFeeds,
  HostMessage,
  OutputTensor,
  SessionMetadata,
  WorkerMessage,
} from './inference-protocol.js';

type Runtime = typeof ort;

const port = parentPort!;
const sessions = new Map<number, ort.InferenceSession>();
/** onnxruntime's native binding, loaded with the first model. */
let runtime: Promise<Runtime> | undefined;

function send(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** The first line of an error: onnxruntime's messages carry native stack lines after it. */
function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).split('\n')[0]!;
}

function metadataOf(session: ort.InferenceSession): SessionMetadata {
  // Copied into plain objects: what crosses threads is cloned, and getters may not clone.
  const plain = (list: readonly ort.InferenceSession.ValueMetadata[]) =>
    list.map((m) =>
      m.isTensor
        ? { name: m.name, isTensor: true as const, type: m.type, shape: [...m.shape] }
        : { name: m.name, isTensor: false as const },
    );
  return {
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    inputMetadata: plain(session.inputMetadata),
    outputMetadata: plain(session.outputMetadata),
  };
}

function tensorsOf(Tensor: Runtime['Tensor'], feeds: BatchFeeds): Record<string, ort.Tensor> {
  const tensors: Record<string, ort.Tensor> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    const dims = [...feed.dims];
    // Typed by the array, which is what onnxruntime's overloads pair each type with.
    const { data } = feed;
    tensors[name] =
      data instanceof BigInt64Array
        ? new Tensor('int64', data, dims)
        : data instanceof Int32Array
          ? new Tensor('int32', data, dims)
          : new Tensor('float32', data, dims);
  }
  return tensors;
}

/** The output's values in a buffer of their own, which is transferred back. */
function outputOf(tensor: ort.Tensor): OutputTensor {
  const data = tensor.data;
  const copy = data instanceof Float64Array ? new Float64Array(data) : new Float32Array(data as Float32Array);
  return { dims: [...tensor.dims], data: copy };
}

async function handle(message: HostMessage): Promise<void> {
  switch (message.kind) {
    case 'load': {
      try {
        runtime ??= import('onnxruntime-node');
        const { InferenceSession } = await runtime;
        sessions.set(
          message.session,
          await InferenceSession.create(message.modelPath, message.sessionOptions),
        );
        send({
          kind: 'loaded',
          session: message.session,
          metadata: metadataOf(sessions.get(message.session)!),
        });
      } catch (error) {
        send({ kind: 'load-failed', session: message.session, message: firstLine(error) });
      }
      return;
    }
    case 'run': {
      try {
        const session = sessions.get(message.session);
        if (!session) throw new Error(`session ${message.session} is not loaded`);
        const { Tensor } = await runtime!;
        const began = performance.now();
        const outputs = await session.run(tensorsOf(Tensor, message.feeds), [message.output]);
        const runMs = performance.now() - began;
        const output = outputOf(outputs[message.output]!);
        send({ kind: 'scored', id: message.id, output, runMs }, [output.data.buffer as ArrayBuffer]);
      } catch (error) {
        send({ kind: 'run-failed', id: message.id, message: firstLine(error) });
      }
      return;
    }
    case 'release': {
      await sessions
        .get(message.session)
        ?.release()
        .catch(() => undefined);
      sessions.delete(message.session);
      send({ kind: 'released', session: message.session });
      return;
    }
    case 'close': {
      await Promise.all([...sessions.values()].map((s) => s.release().catch(() => undefined)));
      sessions.clear();
      port.close();
      return;
    }
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: HostMessage) => {
  queue = queue.then(() => handle(message));
});
