/** Worker-thread entry: builds the shards and segments, and merges the segments, the main thread sends it. */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../storage/node.js';
import { runIndexJob, type IndexJob } from './jobs.js';

const store = openStore((workerData as { storeUri: string }).storeUri, { memoryCacheBytes: 0 });

parentPort!.on('message', (job: IndexJob) => {
  runIndexJob(job, store).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) => {
      const { name, message, stack } = error as Error;
      parentPort!.postMessage({ ok: false, name, message, stack });
    },
  );
});
