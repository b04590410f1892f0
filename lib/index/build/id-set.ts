/**
 * Remembers every document id seen during a build in 16–32 bytes per id (two
 * 32-bit hashes in an open-addressing table kept at most half full), so
 * duplicate detection does not make builder memory grow with string sizes.
 * Ids are reduced to two independent 32-bit hashes; a false "duplicate"
 * needs a 64-bit collision: a chance of about n²/2^65, some 3 in a million for
 * ten million ids.
 */
const EMPTY = 0;

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so nearby ids spread over the table.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class DocIdSet {
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the id; returns false if it was already present. */
  add(id: string): boolean {
    // Zero marks an empty slot, so a hash of zero is nudged to one.
    const a = fnv1a(id, 0x811c9dc5) || 1;
    const b = fnv1a(id, 0x9747b28c);
    if (!this.insert(a, b)) return false;
    this.count++;
    if (this.count * 2 > this.slots.length / 2) this.grow();
    return true;
  }

  private insert(a: number, b: number): boolean {
    const capacity = this.slots.length / 2;
    let slot = a & (capacity - 1);
    for (;;) {
      const existing = this.slots[slot * 2]!;
      if (existing === EMPTY) {
        this.slots[slot * 2] = a;
        this.slots[slot * 2 + 1] = b;
        return true;
      }
      if (existing === a && this.slots[slot * 2 + 1] === b) return false;
      slot = (slot + 1) & (capacity - 1);
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== EMPTY) this.insert(old[i]!, old[i + 1]!);
    }
  }
}
