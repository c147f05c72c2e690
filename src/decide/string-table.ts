// A bounded table keyed by strings, for the decision caches on the hot path. A null-prototype object rather
// than a Map: V8 internalises a string the first time it is used as a property key (the string object then
// points at its internalised copy), so a later look-up with the same string object compares pointers instead
// of hashing and comparing characters; about 2× a Map.get on the decision bench (docs/performance.md).
// Every string is a distinct property key (canonical numeric strings become element indexes, still one per
// string), and a null prototype leaves no inherited key such as `__proto__` or `constructor` to collide with.
//
// On a stream of data never seen before every probe misses, and a miss costs a probe and an insert on top of
// the work it was meant to save. So the table counts its hits: when it fills up with fewer than one hit per
// HIT_RATIO misses it stops probing and storing for a while (`get` answers undefined at once, `set` does
// nothing), then samples again. The callers' caches are pure, so this changes what is computed, never a result.
//
// A key never seen before is dearer as a property key than in a Map: V8 looks it up in its string table and
// internalises it on the store (measured on fresh 60-character paths: miss + store ≈ 700 ns as a property,
// ≈ 195 ns in a Map; a hit ≈ 26 against 35 ns). So each window also picks the form of the next one: the
// object only after a window with at least OBJECT_RATIO hits per store, a Map otherwise (the first window,
// before anything is known, is an object: most tables serve repeated data).

/** A window of stores (misses) with fewer hits than window / HIT_RATIO did not pay for its probes. */
const HIT_RATIO = 8;
/** Probes skipped after the first unprofitable window, in windows; doubled per further one up to the max. */
const SKIP_FIRST = 4;
const SKIP_MAX = 64;
/** Hits per store in a window from which a property-keyed object beats a Map for the next one (see above). */
const OBJECT_RATIO = 32;

/** The hit-rate policy of a pure cache (this table, the verdict memo): skip probing while it does not pay. */
export class ProbeBudget {
  /** Probes left to skip (> 0: the cache is bypassed: no probe, no store). */
  protected skip = 0;
  protected hits = 0;
  private skipNext = SKIP_FIRST;

  /** Whether to skip this probe (and the store after it). */
  skipping(): boolean {
    if (this.skip > 0) {
      this.skip--;
      return true;
    }
    return false;
  }

  /** At the end of a window of `window` stores: whether it paid; if not, the next probes are skipped. */
  protected paid(window: number): boolean {
    const ok = this.hits * HIT_RATIO >= window;
    this.hits = 0;
    if (ok) {
      this.skipNext = SKIP_FIRST;
      return true;
    }
    this.skip = window * this.skipNext;
    this.skipNext = Math.min(this.skipNext * 2, SKIP_MAX);
    return false;
  }

  /** Whether probes are being skipped (for tests). */
  get bypassed(): boolean {
    return this.skip > 0;
  }
}

export class StringTable<V> extends ProbeBudget {
  /** the table while it is an object, else null and `map` holds it */
  private table: Record<string, V> | null = Object.create(null) as Record<string, V>;
  private map: Map<string, V> | null = null;
  private count = 0;

  /** @param limit entries kept before the table is emptied (a bound for batches of distinct keys) */
  constructor(private readonly limit: number) {
    super();
  }

  get(key: string): V | undefined {
    if (this.skip > 0) {
      this.skip--;
      return undefined;
    }
    const v = this.table !== null ? this.table[key] : this.map!.get(key);
    if (v !== undefined) this.hits++;
    return v;
  }

  /** Store after a miss (`get` gave undefined): the count assumes the key is new. */
  set(key: string, value: V): void {
    if (this.skip > 0) return;
    if (this.count++ >= this.limit) {
      const asObject = this.hits >= this.limit * OBJECT_RATIO;
      this.table = asObject ? (Object.create(null) as Record<string, V>) : null;
      this.map = asObject ? null : new Map();
      this.count = 1;
      if (!this.paid(this.limit)) {
        this.count = 0;
        return;
      }
    }
    if (this.table !== null) this.table[key] = value;
    else this.map!.set(key, value);
  }
}
