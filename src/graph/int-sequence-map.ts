// A hash map from short sequences of integers to numbers, for hash-consing graph nodes by their fields
// (filter id, edges, interned test ids) without building a key string per node: the keys are copied into one
// growing Int32Array, the slots are an open-addressing Int32Array, so an insert allocates nothing once both
// have grown (the lowering's node keys were a large share of what it kept alive, and so of its collection time).

export class IntSequenceMap {
  /** Entry index + 1 per slot (0 = free); the length is a power of two, at most half full. */
  private slots = new Int32Array(256);
  /** The keys back to back; entry e's key is pool[start[e], start[e] + length[e]). */
  private pool = new Int32Array(1024);
  private poolEnd = 0;
  private readonly start: number[] = [];
  private readonly length: number[] = [];
  private readonly hashes: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The value stored for key[0, n), or -1 (`key` may be longer: a caller's reusable buffer). */
  get(key: ArrayLike<number>, n: number): number {
    const h = hashOf(key, n);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.sameKey(e, key, n)) return this.values[e];
    }
  }

  /** Store `value` for key[0, n) (a key not yet in the map). */
  set(key: ArrayLike<number>, n: number, value: number): void {
    if (2 * (this.values.length + 1) > this.slots.length) this.grow();
    if (this.poolEnd + n > this.pool.length) {
      const pool = new Int32Array(Math.max(2 * this.pool.length, this.poolEnd + n));
      pool.set(this.pool.subarray(0, this.poolEnd));
      this.pool = pool;
    }
    const e = this.values.length;
    for (let i = 0; i < n; i++) this.pool[this.poolEnd + i] = key[i];
    this.start.push(this.poolEnd);
    this.length.push(n);
    this.poolEnd += n;
    const h = hashOf(key, n);
    this.hashes.push(h);
    this.values.push(value);
    this.place(e, h);
  }

  private sameKey(e: number, key: ArrayLike<number>, n: number): boolean {
    if (this.length[e] !== n) return false;
    const at = this.start[e];
    for (let i = 0; i < n; i++) if (this.pool[at + i] !== key[i]) return false;
    return true;
  }

  private place(e: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    for (let e = 0; e < this.values.length; e++) this.place(e, this.hashes[e]);
  }
}

/**
 * FNV-1a over the integers, then a final mix so the low bits (the slot) depend on every input bit; 30 bits, so
 * the hash is a small integer to the engine (never a boxed number).
 */
function hashOf(key: ArrayLike<number>, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ key[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x3fffffff;
}
