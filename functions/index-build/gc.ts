/**
 * Index-build housekeeping: runs after publish, so every build that replaced another also deletes
 * what no reader needs any more (lib/index's collectGarbage: builds unreferenced for longer than
 * the grace period, beyond the `keep` most recent). Returns the counts Step Functions records and
 * logs every build's verdict. A failure here never unpublishes anything: the new build is live
 * before this runs, and the state machine catches a failed gc instead of failing the build.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { collectGarbage } from '../../lib/index/node.js';
import { openStore } from '../../lib/storage/node.js';
import { BUILD_STORE_OPTIONS, INDEX_BUILD_SERVICE } from '../constants.js';
import { parseGcEvent } from './events.js';

export interface GcResult {
  currentBuildId: string;
  removed: string[];
  kept: number;
  removedObjects: number;
  bytesFreed: number;
}

const logger = new Logger({ serviceName: INDEX_BUILD_SERVICE });

export async function handler(event: unknown, context?: Context): Promise<GcResult> {
  if (context) logger.addContext(context);
  const request = parseGcEvent(event);
  logger.appendKeys({ index: request.index, ...(request.buildId ? { buildId: request.buildId } : {}) });
  try {
    const report = await collectGarbage(openStore(request.index, BUILD_STORE_OPTIONS), {
      keep: request.keep,
      ...(request.graceHours !== undefined ? { graceHours: request.graceHours } : {}),
    });
    for (const build of report.builds) {
      logger.info(`gc ${build.action} ${build.buildId}`, {
        reason: build.reason,
        objects: build.objects,
        bytes: build.bytes,
      });
    }
    const removed = report.builds.filter((b) => b.action === 'removed').map((b) => b.buildId);
    const result: GcResult = {
      currentBuildId: report.currentBuildId,
      removed,
      kept: report.builds.length - removed.length,
      removedObjects: report.removedObjects,
      bytesFreed: report.bytesFreed,
    };
    logger.info('index gc done', { ...result });
    return result;
  } finally {
    logger.resetKeys();
  }
}
