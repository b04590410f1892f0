/**
 * `xlir index gc`: deletes the builds of an index that nothing needs any more (lib/index/gc.ts
 * says which and why), so the storage of an index that is rebuilt daily stops growing by a whole
 * index a day. Prints every build with what happened to it and the bytes freed.
 */
import { collectGarbage, DEFAULT_GC_GRACE_HOURS, type GcBuild } from '../../index/node.js';
import { openStore } from '../../storage/node.js';
import { parseNumber } from '../args.js';
import { type CommandArgs, commandSpec } from '../spec.js';

export const INDEX_GC = commandSpec({
  name: 'index gc',
  summary: 'delete the builds of an index that no manifest names, after a grace period',
  options: {
    index: {
      type: 'string',
      value: 'URI',
      required: true,
      description: 'the index: a folder, file:///abs/dir or s3://bucket/prefix',
    },
    keep: {
      type: 'string',
      value: 'N',
      required: true,
      description: 'published builds kept, most recent first (the current build is always kept)',
    },
    'grace-hours': {
      type: 'string',
      value: 'H',
      default: String(DEFAULT_GC_GRACE_HOURS),
      description: 'delete a build only once nothing has named it for this long',
    },
    'dry-run': { type: 'boolean', description: 'print what would be deleted; delete and write nothing' },
  },
  notes: [
    'readers pinned to an older build keep working for the grace period; so does a build still being written',
    'a build that was never published is dated by the first gc run that sees it, and deleted by a later one',
  ],
  examples: [
    'xlir index gc --index ./my-index --keep 2 --dry-run',
    'xlir index gc --index s3://bucket/indexes/default --keep 3 --grace-hours 48',
  ],
});

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function sizeOf(build: GcBuild): string {
  const unsized = build.unsizedObjects > 0 ? ` + ${build.unsizedObjects} of unknown size` : '';
  return `${build.objects} objects, ${formatBytes(build.bytes)}${unsized}`;
}

export async function indexGcCommand(args: CommandArgs<typeof INDEX_GC.options>): Promise<void> {
  const keep = parseNumber(args.keep, '--keep', { integer: true, min: 0 })!;
  const graceHours = parseNumber(args['grace-hours'], '--grace-hours', { min: 0 });
  const dryRun = args['dry-run'] === true;
  const store = openStore(args.index);
  const report = await collectGarbage(store, {
    keep,
    dryRun,
    ...(graceHours !== undefined ? { graceHours } : {}),
  });
  const verb = dryRun ? 'would remove' : 'removed';
  const width = Math.max(...report.builds.map((b) => b.buildId.length), 0);
  console.log(`index ${store.uri}: current build ${report.currentBuildId}`);
  for (const build of report.builds) {
    const what = build.action === 'removed' ? verb.padEnd(12) : 'kept'.padEnd(12);
    const size = build.action === 'removed' ? `  (${sizeOf(build)})` : '';
    console.log(`  ${what} ${build.buildId.padEnd(width)}  ${build.reason}${size}`);
  }
  const removed = report.builds.filter((b) => b.action === 'removed').length;
  const unsized =
    report.unsizedObjectsRemoved > 0 ? ` (+ ${report.unsizedObjectsRemoved} objects of unknown size)` : '';
  console.log(
    `${dryRun ? 'dry run: would free' : 'freed'} ${formatBytes(report.bytesFreed)}${unsized} in ${report.removedObjects} objects of ${removed} build(s); kept ${report.builds.length - removed}`,
  );
}
