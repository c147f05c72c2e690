// Strings of one length (a rule list's literals or prefixes of that length), for finding which one starts a
// datum. A datum never seen before has no hash yet, and slicing it allocates a new string that must be hashed
// too: a few values are compared in place with startsWith (no slice, no hash), and only a length shared by
// many values (profiles of thousands of rules) goes through a hash map, so the cost stays flat with rule count.

/** Values compared in place before a length gets a map (measured: 3 startsWith ≈ 40 ns, 3 slice + get ≈ 150–230 ns on fresh strings). */
const SCAN_MAX = 4;

export interface SameLength {
  readonly len: number;
  values: string[];
  /** the number stored with each value (index-runs.ts: its slot) */
  ks: number[];
  /** null while there are at most SCAN_MAX values */
  map: Map<string, number> | null;
}

export function sameLength(len: number): SameLength {
  return { len, values: [], ks: [], map: null };
}

/** Add value `v` (of length `b.len`) with number `k`; a value added again keeps its first number. */
export function addSameLength(b: SameLength, v: string, k: number): void {
  if (b.map !== null) {
    if (!b.map.has(v)) b.map.set(v, k);
    return;
  }
  if (b.values.includes(v)) return;
  b.values.push(v);
  b.ks.push(k);
  if (b.values.length > SCAN_MAX) b.map = new Map(b.values.map((x, i) => [x, b.ks[i]]));
}

/** The entry of the value that `d` starts with (d.length ≥ b.len), or -1. At most one can: the values differ. */
export function sameLengthStart(b: SameLength, d: string): number {
  if (b.map !== null) return b.map.get(b.len === d.length ? d : d.slice(0, b.len)) ?? -1;
  const vs = b.values;
  for (let i = 0; i < vs.length; i++) if (d.startsWith(vs[i])) return b.ks[i];
  return -1;
}
