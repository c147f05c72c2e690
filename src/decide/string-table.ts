// A bounded table keyed by strings, for the decision caches on the hot path. A null-prototype object rather
// than a Map: V8 internalises a string the first time it is used as a property key (the string object then
// points at its internalised copy), so a later look-up with the same string object compares pointers instead
// of hashing and comparing characters; about 2× a Map.get on the decision bench (docs/performance.md).
// Every string is a distinct property key (canonical numeric strings become element indexes, still one per
// string), and a null prototype leaves no inherited key such as `__proto__` or `constructor` to collide with.

export class StringTable<V> {
  private table: Record<string, V> = Object.create(null) as Record<string, V>;
  private count = 0;

  /** @param limit entries kept before the table is emptied (a bound for batches of distinct keys) */
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.table[key];
  }

  /** Store after a miss (`get` gave undefined): the count assumes the key is new. */
  set(key: string, value: V): void {
    if (this.count++ >= this.limit) {
      this.table = Object.create(null) as Record<string, V>;
      this.count = 1;
    }
    this.table[key] = value;
  }
}
