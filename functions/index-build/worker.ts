/**
 * Index-build worker: one input part in, one shard out. Reads a JSONL(.gz)
 * object, builds shard `shard` of build `buildId` with lib/index and writes
 * the shard, its doc store and its statistics object. It never writes a
 * manifest; publish does that once every part is built.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { buildPartShard, readCorpus } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { BUILD_STORE_OPTIONS, INDEX_BUILD_SERVICE } from '../constants.js';
import { parseWorkerEvent, splitObjectUri, type BuildCounts } from './events.js';

export interface WorkerResult extends BuildCounts {
  shard: number;
}

const logger = new Logger({ serviceName: INDEX_BUILD_SERVICE });

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export async function handler(event: unknown, context?: Context): Promise<WorkerResult> {
  if (context) logger.addContext(context);
  const request = parseWorkerEvent(event);
  logger.appendKeys({ buildId: request.buildId, shard: request.shard, input: request.input });
  try {
    const { storeUri, key } = splitObjectUri(request.input);
    // A part is one shard, and the shard builder holds the whole part anyway: one GET is enough.
    const bytes = await openStore(storeUri, BUILD_STORE_OPTIONS).get(key);
    const stats = await buildPartShard(
      readCorpus(once(bytes)),
      openStore(request.index, BUILD_STORE_OPTIONS),
      {
        buildId: request.buildId,
        shardIndex: request.shard,
        lang: request.lang,
        skipDuplicates: request.skipDuplicates,
      },
    );
    const result: WorkerResult = {
      buildId: request.buildId,
      shard: request.shard,
      docCount: stats.entry.docCount,
      totalTerms: stats.totalTerms,
      languages: Object.keys(stats.langDocCounts),
      duplicatesSkipped: stats.duplicatesSkipped,
      detectedLanguageDocs: stats.detectedLanguageDocs,
    };
    logger.info('shard built', { inputBytes: bytes.length, shardBytes: stats.entry.bytes, ...result });
    return result;
  } finally {
    logger.resetKeys();
  }
}
