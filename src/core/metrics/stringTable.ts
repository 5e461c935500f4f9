// An open-addressing hash set of strings over typed arrays. A million commit SHAs through a
// Map<string, ...> costs several hundred milliseconds on a small machine; this costs a
// fraction, because it hashes a bounded part of each key and stores only numbers. The
// caller keeps the strings and tells the table how to find the key of a stored value, so
// equality is always checked on the full string: a weak hash costs speed, never correctness.

const EMPTY = 0;
const HEAD = 8;
const TAIL = 3;

export class StringTable {
  // [hash, value] pairs side by side: one cache miss per probe instead of two.
  private readonly _slots: Int32Array;
  private readonly _mask: number;
  private _size = 0;

  /** `keyOf(value)` returns the key stored with a value (values are >= 0). */
  constructor(
    expected: number,
    private readonly _keyOf: (value: number) => string,
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
    const len = key.length;
    let h = 0x811c9dc5 ^ len;
    const head = len < HEAD ? len : HEAD;
    for (let i = 0; i < head; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    // Ids that share a long prefix ("deploy-000001") still spread through their tail.
    for (let i = len - TAIL > head ? len - TAIL : head; i < len; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    h |= 1;
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
