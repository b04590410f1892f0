/**
 * The two kinds of work a build hands to a thread: analyse a batch of records into a shard or
 * segment, or merge a shard's segments. One dispatcher for the calling thread and the workers.
 */
import type { ObjectStore } from '../../storage/index.js';
import { mergeSegments, type MergeJob } from './merge.js';
import { buildShard, type ShardJob, type ShardResult } from './shard-builder.js';

export type IndexJob = ShardJob | MergeJob;

export function runIndexJob(job: IndexJob, store: ObjectStore): Promise<ShardResult> {
  return 'segments' in job ? mergeSegments(job, store) : buildShard(job, store);
}
