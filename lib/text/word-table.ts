/**
 * The analyzer's memo of word → term number, keyed by a range of a string rather than a string.
 * The tokenizer finds most words as ranges of the folded text; a Map would need each as a string
 * of its own (an allocation per token) and then hashes it and follows pointers through its entries
 * and keys. Here a lookup hashes the range in place and reads one 16-byte slot (hash, value, where
 * the word's characters are in a flat pool, length), comparing characters only when the hashes
 * match. On bench/bm25's corpus this halved the time of the memo's lookups against a Map (the
 * build's largest item, docs/benchmarks.md).
 *
 * The hash is seeded per table, so which words collide cannot be known in advance from the input.
 */

/** Words per table before it first grows: the vocabulary of a few documents. */
const INITIAL_SLOTS_LOG2 = 12;
/** The table doubles when more than half its slots are full, so probe runs stay short. */
const MAX_LOAD = 0.5;
/** Int32 fields per slot: hash (0 marks an empty slot), value, pool offset, length. */
const SLOT_FIELDS = 4;
const FNV_PRIME = 0x01000193;

export class WordTable {
  private slots = new Int32Array(SLOT_FIELDS << INITIAL_SLOTS_LOG2);
  private mask = (1 << INITIAL_SLOTS_LOG2) - 1;
  /** The words' UTF-16 code units, one after another. */
  private pool = new Uint16Array(8 << INITIAL_SLOTS_LOG2);
  private poolLength = 0;
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0;
  size = 0;

  /** The value stored for text[start, end), or undefined. */
  get(text: string, start: number, end: number): number | undefined {
    const hash = this.hash(text, start, end);
    const { slots, pool, mask } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_FIELDS;
      const slotHash = slots[at]!;
      if (slotHash === 0) return undefined;
      if (slotHash === hash && slots[at + 3] === length) {
        let p = slots[at + 2]!;
        let i = start;
        while (i < end && pool[p] === text.charCodeAt(i)) {
          i++;
          p++;
        }
        if (i === end) return slots[at + 1];
      }
    }
  }

  /** Stores `value` for text[start, end), which must not be in the table yet. */
  set(text: string, start: number, end: number, value: number): void {
    if (this.size + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
    const length = end - start;
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.poolLength + length, this.pool.length * 2));
      pool.set(this.pool.subarray(0, this.poolLength));
      this.pool = pool;
    }
    const offset = this.poolLength;
    for (let i = start; i < end; i++) this.pool[this.poolLength++] = text.charCodeAt(i);
    this.place(this.hash(text, start, end), value, offset, length);
    this.size++;
  }

  /** Empties the table and gives back what it had grown to. */
  clear(): void {
    this.slots = new Int32Array(SLOT_FIELDS << INITIAL_SLOTS_LOG2);
    this.mask = (1 << INITIAL_SLOTS_LOG2) - 1;
    this.pool = new Uint16Array(8 << INITIAL_SLOTS_LOG2);
    this.poolLength = 0;
    this.size = 0;
  }

  /** FNV-1a over the code units from a seeded start, then a finalizer so the low bits (the slot) mix. */
  private hash(text: string, start: number, end: number): number {
    let h = this.seed;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h | 1;
  }

  private place(hash: number, value: number, offset: number, length: number): void {
    const { slots, mask } = this;
    let slot = hash & mask;
    while (slots[slot * SLOT_FIELDS] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT_FIELDS;
    slots[at] = hash;
    slots[at + 1] = value;
    slots[at + 2] = offset;
    slots[at + 3] = length;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += SLOT_FIELDS) {
      if (old[at] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}
