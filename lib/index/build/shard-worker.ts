/** Worker-thread entry: builds the shards the main thread sends it. */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../storage/node.js';
import { buildShard, type ShardJob } from './shard-builder.js';

const store = openStore((workerData as { storeUri: string }).storeUri, { memoryCacheBytes: 0 });

parentPort!.on('message', (job: ShardJob) => {
  buildShard(job, store).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (error: unknown) => {
      const { name, message, stack } = error as Error;
      parentPort!.postMessage({ ok: false, name, message, stack });
    },
  );
});
