// State elimination: automaton tables -> a regular expression (the Re algebra of re.ts).

import type { ByteRange } from './ast.js';
import { RegexCodeError } from './errors.js';
import { ANY, BOL, cat, EOL, EPS, listRe, setRe, star, type Re } from './re.js';
import { K_ANY, K_BOL, K_EOL, K_EPS, K_MATCH, K_SET, K_SPLIT, type AutomatonTables } from './tables.js';

/** Give up when the expressions on the edges grow past this many nodes in all. */
const MAX_EXPR = 200_000;

/**
 * State elimination (GNFA) over an NFA with states 0..n-1, start S = n and accept A = n+1.
 *
 * The text depends on the order edges are visited, so the lists keep the order a map and a set would: each
 * state's out-edges in insertion order (a merged edge keeps its place, a new one goes last, a deleted one
 * leaves the rest in order) and its in-edges in creation order. Edges are only deleted when one of their ends is
 * eliminated, so a (from, to) pair is created at most once while both ends live: for a live source, its entry in
 * the in-list is the live edge itself. All edges sit in one typed array of links (no per-state lists).
 */
export class Eliminator {
  private readonly S: number;
  private readonly A: number;
  /** Edge e is E[5e ..]: from, to, next out-edge of from, previous out-edge of from, next edge into to. */
  private E: Int32Array; // replaced by a larger copy when full: loops read it through `this`
  private readonly eRe: Re[] = [];
  private edges = 0;
  /** Per state, in blocks of W = n + 2: first out-edge, last out-edge, first in-edge, last in-edge, alive. */
  private readonly V: Int32Array;
  private readonly W: number;
  /** Interned ids: sets by their ranges, composites by (kind, part ids) under a hash (compositeId). */
  private readonly setIds = new Map<string, number>();
  private readonly head = new Map<number, number>();
  private readonly chain: number[] = [];
  private readonly sig: number[] = [];
  private readonly sigAt: number[] = [];
  private nextId = 4;
  /** Per state: live edges in from other live states (or S), live edges out to other live states (or A). */
  private readonly inDeg: Int32Array;
  private readonly outDeg: Int32Array;
  /** One node per byte for char states (nodes are per call: they memoize their id). */
  private readonly byteSets: Array<Re | undefined> = new Array(256);
  private total = 0;

  constructor(private readonly n: number) {
    this.S = n;
    this.A = n + 1;
    this.W = n + 2;
    this.E = new Int32Array(5 * (2 * n + 8));
    this.V = new Int32Array(5 * this.W).fill(-1, 0, 4 * this.W).fill(1, 4 * this.W, 4 * this.W + n);
    this.inDeg = new Int32Array(this.W);
    this.outDeg = new Int32Array(this.W);
  }

  /** Structural id (atoms fixed, the rest interned by kind and the ids of their parts). */
  private id(r: Re): number {
    switch (r.t) {
      case 'eps':
        return 0;
      case 'any':
        return 1;
      case 'bol':
        return 2;
      case 'eol':
        return 3;
    }
    if (r.id >= 0) return r.id;
    let v: number;
    if (r.t === 'set') {
      let k = '';
      for (const [a, b] of r.ranges) k += `${a}-${b},`;
      v = this.setIds.get(k) ?? -1;
      if (v < 0) this.setIds.set(k, (v = this.nextId++));
    } else v = this.compositeId(r);
    r.id = v;
    return v;
  }

  /**
   * The id of a star, cat or alt: its kind and its parts' ids, looked up by hash and compared in full. Signatures
   * sit in one flat list (kind, part count, part ids) and same-hash ids are chained: no object per node.
   */
  private compositeId(r: Re): number {
    const kind = r.t === 'star' ? 1 : r.t === 'cat' ? 2 : 3;
    const kids = r.t === 'star' ? null : r.items!;
    const count = kids === null ? 1 : kids.length;
    let h = kind;
    if (kids === null) h = (Math.imul(h, 31) + this.id(r.item!)) | 0;
    else for (const x of kids) h = (Math.imul(h, 31) + this.id(x)) | 0;
    const sig = this.sig;
    const first = this.head.get(h) ?? -1;
    for (let c = first; c >= 0; c = this.chain[c]) {
      const at = this.sigAt[c];
      if (sig[at] !== kind || sig[at + 1] !== count) continue;
      let same = true;
      for (let i = 0; i < count && same; i++) same = sig[at + 2 + i] === this.id(kids === null ? r.item! : kids[i]);
      if (same) return c;
    }
    const id = this.nextId++;
    this.sigAt[id] = sig.length;
    sig.push(kind, count);
    if (kids === null) sig.push(this.id(r.item!));
    else for (const x of kids) sig.push(this.id(x));
    this.chain[id] = first;
    this.head.set(h, id);
    return id;
  }

  /** a | b, flattening alternations and dropping structurally equal branches (first one kept). */
  private alt(a: Re, b: Re): Re {
    const items: Re[] = [];
    const seen = new Set<number>();
    this.altItems(a, items, seen);
    this.altItems(b, items, seen);
    return items.length === 1 ? items[0] : listRe('alt', items);
  }

  private altItems(p: Re, items: Re[], seen: Set<number>): void {
    if (p.t !== 'alt') {
      const k = this.id(p);
      if (!seen.has(k)) {
        seen.add(k);
        items.push(p);
      }
      return;
    }
    for (const x of p.items) {
      const k = this.id(x);
      if (!seen.has(k)) {
        seen.add(k);
        items.push(x);
      }
    }
  }

  private setOf(ranges: readonly ByteRange[]): Re {
    if (ranges.length !== 1 || ranges[0][0] !== ranges[0][1]) return setRe(ranges);
    const b = ranges[0][0];
    return (this.byteSets[b] ??= setRe(ranges));
  }

  private outEdge(from: number, to: number): number {
    const E = this.E;
    for (let e = this.V[from]; e >= 0; e = E[5 * e + 2]) if (E[5 * e + 1] === to) return e;
    return -1;
  }

  private add(from: number, to: number, r: Re): void {
    const at = this.outEdge(from, to);
    if (at >= 0) {
      const cur = this.eRe[at];
      const next = this.alt(cur, r);
      this.total += next.size - cur.size;
      if (this.total > MAX_EXPR) throw new RegexCodeError('regex automaton too complex to write back as text', 0);
      this.eRe[at] = next;
      return;
    }
    this.total += r.size;
    if (this.total > MAX_EXPR) throw new RegexCodeError('regex automaton too complex to write back as text', 0);
    if (from !== to) {
      this.outDeg[from]++;
      this.inDeg[to]++;
    }
    if (5 * this.edges === this.E.length) {
      const more = new Int32Array(2 * this.E.length);
      more.set(this.E);
      this.E = more;
    }
    const { E, V, W } = this;
    const e = this.edges++;
    const tail = V[W + from];
    const b = 5 * e;
    // from, to, next out-edge (none yet), previous out-edge, next in-edge (none yet)
    E[b] = from;
    E[b + 1] = to;
    E[b + 2] = -1;
    E[b + 3] = tail;
    E[b + 4] = -1;
    this.eRe.push(r);
    // last in from's out-list
    if (tail >= 0) E[5 * tail + 2] = e;
    else V[from] = e;
    V[W + from] = e;
    // last in to's in-list
    const inTail = V[3 * W + to];
    if (inTail >= 0) E[5 * inTail + 4] = e;
    else V[2 * W + to] = e;
    V[3 * W + to] = e;
  }

  /** Take edge e out of its source's out-list (the rest keep their order). */
  private unlink(e: number): void {
    const { E, V, W } = this;
    const from = E[5 * e];
    const prev = E[5 * e + 3];
    const next = E[5 * e + 2];
    if (prev >= 0) E[5 * prev + 2] = next;
    else V[from] = next;
    if (next >= 0) E[5 * next + 3] = prev;
    else V[W + from] = prev;
  }

  private isAlive(k: number): boolean {
    return this.V[4 * this.W + k] === 1;
  }

  private liveSource(i: number): boolean {
    return i === this.S || (i < this.n && this.isAlive(i));
  }

  private liveTarget(j: number): boolean {
    return j === this.A || (j < this.n && this.isAlive(j));
  }

  private eliminate(k: number): void {
    this.V[4 * this.W + k] = 0;
    const self = this.outEdge(k, k);
    const loop = self < 0 ? EPS : star(this.eRe[self]);
    for (let ein = this.V[2 * this.W + k]; ein >= 0; ein = this.E[5 * ein + 4]) {
      const i = this.E[5 * ein];
      if (i === k || !this.liveSource(i)) continue;
      // a live source's in-list entry is its live edge i -> k
      const rik = this.eRe[ein];
      for (let eout = this.V[k]; eout >= 0; eout = this.E[5 * eout + 2]) {
        const j = this.E[5 * eout + 1];
        if (j === k || !this.liveTarget(j)) continue;
        this.add(i, j, cat(rik, loop, this.eRe[eout]));
      }
      this.total -= rik.size;
      this.unlink(ein);
      this.outDeg[i]--;
    }
    // k's own edges go with it (the lists of a dead state are never read again)
    for (let e = this.V[k]; e >= 0; e = this.E[5 * e + 2]) {
      this.total -= this.eRe[e].size;
      const j = this.E[5 * e + 1];
      if (j !== k && this.liveTarget(j)) this.inDeg[j]--;
    }
  }

  run(t: AutomatonTables): Re | null {
    const { n, S, A } = this;
    this.add(S, t.start, EPS);
    for (let i = 0; i < n; i++) {
      switch (t.kind[i]) {
        case K_SET: {
          const ranges = t.sets[i];
          if (ranges !== null) this.add(i, t.out[i], this.setOf(ranges));
          break;
        }
        case K_ANY:
          this.add(i, t.out[i], ANY);
          break;
        case K_BOL:
          this.add(i, t.out[i], BOL);
          break;
        case K_EOL:
          this.add(i, t.out[i], EOL);
          break;
        case K_SPLIT:
          this.add(i, t.out[i], EPS);
          this.add(i, t.out2[i], EPS);
          break;
        case K_EPS:
          this.add(i, t.out[i], EPS);
          break;
        case K_MATCH:
          this.add(i, A, EPS);
          break;
      }
    }
    let left = n;
    // pass 1: states on a simple path (one way in, one way out, no loop) cost nothing to remove; removing one
    // can make its neighbours simple, so they go back on the work list
    const work: number[] = [];
    for (let k = n - 1; k >= 0; k--) work.push(k);
    while (work.length > 0) {
      const k = work.pop()!;
      if (!this.isAlive(k)) continue;
      if (this.outEdge(k, k) >= 0 || this.inDeg[k] > 1 || this.outDeg[k] > 1) continue;
      // neighbours, sources first (every source it ever had), before the elimination
      const E = this.E;
      for (let e = this.V[2 * this.W + k]; e >= 0; e = E[5 * e + 4]) {
        const x = E[5 * e];
        if (x < n && x !== k && this.isAlive(x)) work.push(x);
      }
      for (let e = this.V[k]; e >= 0; e = E[5 * e + 2]) {
        const x = E[5 * e + 1];
        if (x < n && x !== k && this.isAlive(x)) work.push(x);
      }
      this.eliminate(k);
      left--;
    }
    // pass 2: the rest, fewest paths through first (ties: lowest state), scanning only the live states
    const alive: number[] = [];
    for (let k = 0; k < n && alive.length < left; k++) if (this.isAlive(k)) alive.push(k);
    while (alive.length > 0) {
      let best = -1;
      let bestCost = Infinity;
      for (let x = 0; x < alive.length; x++) {
        const k = alive[x];
        const cost = this.inDeg[k] * this.outDeg[k];
        if (cost < bestCost) {
          bestCost = cost;
          best = x;
          if (cost <= 1) break;
        }
      }
      this.eliminate(alive[best]);
      alive.splice(best, 1);
    }
    const at = this.outEdge(S, A);
    return at < 0 ? null : this.eRe[at];
  }
}
