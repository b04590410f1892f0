/**
 * Index-build publish: runs once every worker has written its shard. Merges
 * the per-shard statistics into the manifest (N, total length, languages) and
 * writes it last, so readers switch to the new build in one PUT or not at all.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { publishParts } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { BUILD_STORE_OPTIONS, INDEX_BUILD_SERVICE } from '../constants.js';
import { parsePublishEvent, type BuildCounts } from './events.js';

export interface PublishResult extends BuildCounts {
  shards: number;
}

const logger = new Logger({ serviceName: INDEX_BUILD_SERVICE });

export async function handler(event: unknown, context?: Context): Promise<PublishResult> {
  if (context) logger.addContext(context);
  const request = parsePublishEvent(event);
  logger.appendKeys({ buildId: request.buildId, index: request.index });
  try {
    const report = await publishParts(openStore(request.index, BUILD_STORE_OPTIONS), {
      buildId: request.buildId,
      k1: request.k1,
      b: request.b,
      expectedShards: request.expectedShards,
    });
    const { manifest } = report;
    const result: PublishResult = {
      buildId: manifest.buildId,
      shards: manifest.shards.length,
      docCount: manifest.docCount,
      totalTerms: manifest.totalTerms,
      languages: manifest.languages,
      duplicatesSkipped: report.duplicatesSkipped,
      detectedLanguageDocs: report.detectedLanguageDocs,
    };
    logger.info('index published', { ...result });
    return result;
  } finally {
    logger.resetKeys();
  }
}
