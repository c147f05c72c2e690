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

/** A window of stores (misses) with fewer hits than window / HIT_RATIO did not pay for its probes. */
const HIT_RATIO = 8;
/** Probes skipped after the first unprofitable window, in windows; doubled per further one up to the max. */
const SKIP_FIRST = 4;
const SKIP_MAX = 64;

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
  private table: Record<string, V> = Object.create(null) as Record<string, V>;
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
    const v = this.table[key];
    if (v !== undefined) this.hits++;
    return v;
  }

  /** Store after a miss (`get` gave undefined): the count assumes the key is new. */
  set(key: string, value: V): void {
    if (this.skip > 0) return;
    if (this.count++ >= this.limit) {
      this.table = Object.create(null) as Record<string, V>;
      this.count = 1;
      if (!this.paid(this.limit)) {
        this.count = 0;
        return;
      }
    }
    this.table[key] = value;
  }
}
