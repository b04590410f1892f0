/** A store wrapper the index-build tests watch writes through. */
import type { ObjectStore } from '../../lib/storage/index.js';

export interface WatchedStore extends ObjectStore {
  /** Keys written, in the order their puts finished. */
  puts: string[];
  /** Every read (`get KEY`, ranged or not) and finished write (`put KEY`), in order. */
  events: string[];
}

/**
 * `inner`, recording reads and writes; `corrupt` picks keys whose whole-object reads come back
 * with their last byte flipped.
 */
export function watchedStore(inner: ObjectStore, corrupt?: (key: string) => boolean): WatchedStore {
  const puts: string[] = [];
  const events: string[] = [];
  return {
    uri: inner.uri,
    puts,
    events,
    get: async (k) => {
      events.push(`get ${k}`);
      const bytes = await inner.get(k);
      if (!corrupt?.(k)) return bytes;
      const flipped = bytes.slice();
      flipped[flipped.length - 1]! ^= 0xff;
      return flipped;
    },
    getRange: (k, s, e) => (events.push(`get ${k}`), inner.getRange(k, s, e)),
    list: (p) => inner.list(p),
    delete: (k) => inner.delete(k),
    put: async (k, body) => {
      await inner.put(k, body);
      puts.push(k);
      events.push(`put ${k}`);
    },
  };
}
