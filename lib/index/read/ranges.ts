/**
 * Grouping byte ranges into ranged GETs. Object storage charges a round trip per
 * request, so close ranges are read together; how close is a policy of the caller.
 */
export interface ByteRange {
  start: number;
  end: number;
}

/** Decides whether `next` may extend a group that currently spans [groupStart, groupEnd). */
export type JoinPolicy = (groupStart: number, groupEnd: number, next: ByteRange) => boolean;

/** Ranges sorted by start, grouped greedily: each joins the current group if the policy allows. */
export function groupRanges<T extends ByteRange>(ranges: readonly T[], joins: JoinPolicy): T[][] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const groups: T[][] = [];
  let groupStart = 0;
  let groupEnd = 0;
  for (const range of sorted) {
    const group = groups[groups.length - 1];
    if (group && joins(groupStart, groupEnd, range)) {
      group.push(range);
      groupEnd = Math.max(groupEnd, range.end);
    } else {
      groups.push([range]);
      groupStart = range.start;
      groupEnd = range.end;
    }
  }
  return groups;
}

/** Joins ranges separated by at most `gapBytes` unread bytes. */
export function withinGap(gapBytes: number): JoinPolicy {
  return (_start, end, next) => next.start - end <= gapBytes;
}

/** [start, end) of a non-empty group. */
export function groupSpan(group: readonly ByteRange[]): ByteRange {
  return { start: group[0]!.start, end: Math.max(...group.map((r) => r.end)) };
}
