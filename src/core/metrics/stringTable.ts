// An open-addressing hash set of strings over typed arrays. A million commit SHAs through a
// Map<string, ...> costs several hundred milliseconds on a small machine; this costs a
// fraction, because it hashes a bounded part of each key and stores only numbers. The
// caller keeps the strings and tells the table how to find the key of a stored value, so
// equality is always checked on the full string: a weak hash costs speed, never correctness.

const EMPTY = 0;
const HEAD = 8;
const TAIL = 4;
const SHA_LIKE = 32;
const FILTER_BITS = 24;

/**
 * A non-zero 32-bit hash of a bounded part of `key`: made for commit SHAs, which are
 * random throughout. Keys that differ only where it does not look collide, which costs
 * time, never correctness.
 */
export function hashKey(key: string): number {
  const len = key.length;
  let h = 0x811c9dc5 ^ len;
  const head = len < HEAD ? len : HEAD;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  // Long keys are SHAs (or UUIDs), random from the first character: the head is enough.
  // Shorter ids ("deploy-000123") differ in their tail.
  if (len < SHA_LIKE) for (let i = len - TAIL > head ? len - TAIL : head; i < len; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return mix(h);
}

/** A non-zero 32-bit hash of all of `key`: for ids, which often share long prefixes. */
export function hashFull(key: string): number {
  let h = 0x811c9dc5 ^ key.length;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return mix(h);
}

function mix(h: number): number {
  // FNV's low bits depend only on the keys' low bits; the final mix spreads every bit,
  // since the table indexes by low bits and the filter by high bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 1;
}

/**
 * Which hashes occur more than once, in two small bit sets (2 MB each, so they stay in the
 * CPU cache). Keys whose hash occurs once are certainly unique and never need the table.
 */
export class RepeatFilter {
  private readonly _seen = new Uint32Array(1 << (FILTER_BITS - 5));
  private readonly _repeated = new Uint32Array(1 << (FILTER_BITS - 5));

  add(h: number): void {
    const b = (h >>> (32 - FILTER_BITS)) | 0;
    const w = b >>> 5;
    const bit = 1 << (b & 31);
    if (this._seen[w]! & bit) this._repeated[w]! |= bit;
    else this._seen[w]! |= bit;
  }

  /** False when `h` was added at most once. */
  mayRepeat(h: number): boolean {
    const b = (h >>> (32 - FILTER_BITS)) | 0;
    return (this._repeated[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}

export class StringTable {
  // [hash, value] pairs side by side: one cache miss per probe instead of two.
  private readonly _slots: Int32Array;
  private readonly _mask: number;
  private _size = 0;

  /** `keyOf(value)` returns the key stored with a value (values are >= 0). */
  constructor(
    expected: number,
    private readonly _keyOf: (value: number) => string,
    private readonly _hash: (key: string) => number = hashKey,
  ) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this._slots = new Int32Array(size * 2);
    this._mask = size - 1;
  }

  get size(): number {
    return this._size;
  }

  /** The value already stored for `key`; or stores `value` for it and returns -1. */
  getOrAdd(key: string, value: number): number {
    return this.getOrAddHashed(key, this._hash(key), value);
  }

  /** getOrAdd with the hash computed by the caller (with this table's hash function). */
  getOrAddHashed(key: string, h: number, value: number): number {
    const mask = this._mask;
    const slots = this._slots;
    let p = h & mask;
    for (;;) {
      const stored = slots[p * 2]!;
      if (stored === EMPTY) {
        if (this._size * 2 > mask) throw new Error('StringTable is full: construct it with a larger expected size');
        slots[p * 2] = h;
        slots[p * 2 + 1] = value;
        this._size++;
        return -1;
      }
      if (stored === h) {
        const v = slots[p * 2 + 1]!;
        if (this._keyOf(v) === key) return v;
      }
      p = (p + 1) & mask;
    }
  }
}
