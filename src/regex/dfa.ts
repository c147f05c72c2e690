// Lazily built DFA for unanchored search ("does the pattern occur anywhere in the subject?").
// Linear time in the subject: every byte costs one table lookup once the state is cached; new states are
// built on demand from NFA state sets (subset construction) over byte classes; when the cache is full the
// search continues by NFA simulation (no flush, no thrashing).

import type { Nfa } from './nfa.js';

const UNKNOWN = -1;

/** Compact NFA tables. */
interface Tables {
  n: number;
  /** 0 bytes, 1 any, 2 split, 3 eps, 4 bol, 5 eol, 6 match */
  kind: Uint8Array;
  out: Int32Array;
  out2: Int32Array;
  /** per 'bytes' state: 256-entry membership bitmap (32 bytes), else null */
  sets: Array<Uint8Array | null>;
  start: number;
}

function tablesOf(nfa: Nfa): Tables {
  const n = nfa.states.length;
  const kind = new Uint8Array(n);
  const out = new Int32Array(n).fill(-1);
  const out2 = new Int32Array(n).fill(-1);
  const sets: Array<Uint8Array | null> = new Array(n).fill(null);
  nfa.states.forEach((s, i) => {
    switch (s.kind) {
      case 'bytes': {
        kind[i] = 0;
        out[i] = s.out;
        const bm = new Uint8Array(256);
        for (const [lo, hi] of s.ranges) for (let b = lo; b <= hi; b++) bm[b] = 1;
        if (s.negated) for (let b = 0; b < 256; b++) bm[b] ^= 1;
        sets[i] = bm;
        break;
      }
      case 'any':
        kind[i] = 1;
        out[i] = s.out;
        break;
      case 'split':
        kind[i] = 2;
        out[i] = s.out;
        out2[i] = s.out2;
        break;
      case 'eps':
        kind[i] = 3;
        out[i] = s.out;
        break;
      case 'bol':
        kind[i] = 4;
        out[i] = s.out;
        break;
      case 'eol':
        kind[i] = 5;
        out[i] = s.out;
        break;
      case 'match':
        kind[i] = 6;
        break;
    }
  });
  return { n, kind, out, out2, sets, start: nfa.start };
}

export interface DfaStats {
  states: number;
  /** Steps simulated on NFA state sets because the cache was full. */
  simulated: number;
  /** Byte classes (bytes every NFA state treats alike share one table column). */
  classes: number;
}

/** Fewest DFA states the cache holds, whatever the number of byte classes. */
export const DFA_CACHE_LIMIT = 2048;
/** Most cached transitions (states × byte classes): 8 MB of table. */
export const DFA_TABLE_LIMIT = 1 << 21;

/**
 * Byte classes of the NFA: bytes that every byte-set state accepts or rejects together get one class, so the
 * table has one column per class instead of 256 (a pattern over a few letters has a handful of columns and
 * the cache holds that many times more states).
 */
function byteClasses(t: Tables): { of: Uint8Array; count: number } {
  const distinct = new Map<string, Uint8Array>();
  for (const bm of t.sets) if (bm) distinct.set(bm.join(''), bm);
  const maps = [...distinct.values()];
  const of = new Uint8Array(256);
  const ids = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    let sig = '';
    for (const m of maps) sig += m[b];
    let id = ids.get(sig);
    if (id === undefined) ids.set(sig, (id = ids.size));
    of[b] = id;
  }
  return { of, count: ids.size };
}

/** `accepting` of a state with no NFA state left. */
const DEAD = 2;

/** The state id of a set that was not cached (the cache is full): its successors are simulated. */
const TRANSIENT = 0;

export interface LazyDfaOptions {
  /** Cache at most this many states (default: DFA_TABLE_LIMIT / byte classes, at least DFA_CACHE_LIMIT). */
  maxStates?: number;
  /**
   * Several patterns in one automaton (regex/multi.ts): the pattern number of each NFA match state (other
   * entries unused). firstMatch() then says the smallest number whose pattern occurs. Default: all 0.
   */
  owners?: Int32Array;
}

/**
 * When the cache is full, new state sets are not cached and the cache is not flushed: the search goes on
 * by NFA simulation (one subset step per byte) from such a set and returns to cached states when it meets
 * one. The states built first (those near the start) stay cached, and a state explosion costs one subset
 * step per byte instead of rebuilding the cache over and over.
 */
export class LazyDfa {
  private readonly t: Tables;
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  private readonly maxStates: number;
  /** DFA state -> sorted NFA "kernel" states (consuming, eol and match states after closure); 0 is TRANSIENT. */
  private sets: Int32Array[] = [new Int32Array(0)];
  private index = new Map<string, number>();
  /** transitions[state * classes + class] = next state or UNKNOWN (the TRANSIENT row stays UNKNOWN). */
  private trans: Int32Array;
  /** 1 when the state already contains the match state, DEAD when it holds no NFA state at all, else 0. */
  private accepting = new Uint8Array(8);
  /** Smallest owner among the state's match states, -1 when none. */
  private firstOwner = new Int32Array(8).fill(-1);
  /** Smallest owner reachable at end of subject; -2 unknown. */
  private endOwner = new Int32Array(8).fill(-2);
  private readonly owners: Int32Array | undefined;
  private initial = -1;
  /** closure of the start state away from the subject start (unanchored re-entry), sorted. */
  private reentry: Int32Array;
  private simulated = 0;
  /** Scratch for closure computation. */
  private mark: Uint32Array;
  private gen = 1;
  private stack: Int32Array;

  constructor(nfa: Nfa, options: LazyDfaOptions = {}) {
    this.t = tablesOf(nfa);
    const bc = byteClasses(this.t);
    this.classOf = bc.of;
    this.classes = bc.count;
    this.owners = options.owners;
    this.maxStates = options.maxStates ?? Math.max(DFA_CACHE_LIMIT, Math.floor(DFA_TABLE_LIMIT / bc.count));
    this.trans = new Int32Array(bc.count * 8).fill(UNKNOWN);
    this.mark = new Uint32Array(this.t.n);
    this.stack = new Int32Array(this.t.n * 2 + 4);
    this.reentry = this.closure([this.t.start], false);
    this.initial = this.intern(this.closure([this.t.start], true));
  }

  get stats(): DfaStats {
    return { states: this.sets.length - 1, simulated: this.simulated, classes: this.classes };
  }

  /** Epsilon closure of `seeds`; `atStart` allows `^` edges. Returns sorted kernel states. */
  private closure(seeds: ArrayLike<number>, atStart: boolean): Int32Array {
    const { kind, out, out2 } = this.t;
    const g = ++this.gen === 0xffffffff ? this.resetMarks() : this.gen;
    const mark = this.mark;
    const stack = this.stack;
    let sp = 0;
    const kernel: number[] = [];
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i];
      if (mark[s] !== g) {
        mark[s] = g;
        stack[sp++] = s;
      }
    }
    while (sp > 0) {
      const s = stack[--sp];
      switch (kind[s]) {
        case 0:
        case 1:
        case 5:
        case 6:
          kernel.push(s);
          break;
        case 2: {
          const a = out[s];
          const b = out2[s];
          if (mark[b] !== g) {
            mark[b] = g;
            stack[sp++] = b;
          }
          if (mark[a] !== g) {
            mark[a] = g;
            stack[sp++] = a;
          }
          break;
        }
        case 3: {
          const a = out[s];
          if (mark[a] !== g) {
            mark[a] = g;
            stack[sp++] = a;
          }
          break;
        }
        case 4:
          if (atStart) {
            const a = out[s];
            if (mark[a] !== g) {
              mark[a] = g;
              stack[sp++] = a;
            }
          }
          break;
      }
    }
    kernel.sort((x, y) => x - y);
    return Int32Array.from(kernel);
  }

  private resetMarks(): number {
    this.mark.fill(0);
    this.gen = 1;
    return 1;
  }

  /** The cached id of `set`, caching it when there is room; TRANSIENT (holding `set`) when the cache is full. */
  private intern(set: Int32Array): number {
    const key = set.join(',');
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    const kind = this.t.kind;
    let accepts = set.length === 0 ? DEAD : 0;
    let owner = -1;
    for (let i = 0; i < set.length; i++) {
      if (kind[set[i]] !== 6) continue;
      accepts = 1;
      const o = this.owners ? this.owners[set[i]] : 0;
      if (owner < 0 || o < owner) owner = o;
    }
    if (this.sets.length > this.maxStates) {
      this.simulated++;
      this.sets[TRANSIENT] = set;
      this.accepting[TRANSIENT] = accepts;
      this.firstOwner[TRANSIENT] = owner;
      this.endOwner[TRANSIENT] = -2;
      return TRANSIENT;
    }
    const id = this.sets.length;
    if ((id + 1) * this.classes > this.trans.length) {
      this.trans = doubled(this.trans, UNKNOWN);
      this.accepting = doubled(this.accepting, 0);
      this.firstOwner = doubled(this.firstOwner, -1);
      this.endOwner = doubled(this.endOwner, -2);
    }
    this.sets.push(set);
    this.index.set(key, id);
    this.accepting[id] = accepts;
    this.firstOwner[id] = owner;
    return id;
  }

  /** Compute the successor of `state` on `byte`, cached when both ends are cached states. */
  private step(state: number, byte: number): number {
    const set = this.sets[state];
    const { kind, out, sets } = this.t;
    const next: number[] = [];
    for (let i = 0; i < set.length; i++) {
      const s = set[i];
      const k = kind[s];
      if (k === 1 || (k === 0 && sets[s]![byte] === 1)) next.push(out[s]);
    }
    // unanchored search: the pattern may also start at the next position
    for (let i = 0; i < this.reentry.length; i++) next.push(this.reentry[i]);
    const id = this.intern(this.closure(next, false));
    if (state !== TRANSIENT && id !== TRANSIENT) this.trans[state * this.classes + this.classOf[byte]] = id;
    return id;
  }

  /** Smallest owner of a match state reachable through `$` edges (and epsilons after them) from `state`, or -1. */
  private endFirst(state: number, atStart: boolean): number {
    const cached = atStart ? -2 : this.endOwner[state];
    if (cached !== -2) return cached;
    const set = this.sets[state];
    const { kind, out } = this.t;
    const seeds: number[] = [];
    for (let i = 0; i < set.length; i++) if (kind[set[i]] === 5) seeds.push(out[set[i]]);
    let best = -1;
    let frontier = seeds;
    const seen = new Set<number>();
    while (frontier.length > 0) {
      const closed = this.closure(frontier, atStart);
      frontier = [];
      for (let i = 0; i < closed.length; i++) {
        const s = closed[i];
        if (seen.has(s)) continue;
        seen.add(s);
        if (kind[s] === 6) {
          const o = this.owners ? this.owners[s] : 0;
          if (best < 0 || o < best) best = o;
        } else if (kind[s] === 5) frontier.push(out[s]);
      }
      if (best === 0) break;
    }
    if (!atStart) this.endOwner[state] = best;
    return best;
  }

  /**
   * The smallest owner (LazyDfaOptions.owners) whose pattern occurs in `subject` (UTF-8 bytes), or -1: the
   * whole subject is read, since a smaller-numbered pattern may still occur after a larger one matched.
   */
  firstMatch(subject: string): number {
    let state = this.initial;
    let best = this.firstOwner[state];
    if (subject.length === 0) return minOwner(best, this.endFirst(state, true));
    for (let i = 0; i < subject.length && best !== 0; i++) {
      const c = subject.charCodeAt(i);
      // non-ASCII: start over on the UTF-8 bytes (rare in paths and names)
      if (c >= 0x80) return this.firstMatchBytes(new TextEncoder().encode(subject));
      let next = this.trans[state * this.classes + this.classOf[c]];
      if (next === UNKNOWN) next = this.step(state, c);
      state = next;
      best = minOwner(best, this.firstOwner[state]);
      // no NFA state left (every pattern anchored and failed): nothing more can match
      if (this.accepting[state] === DEAD) return best;
    }
    return best === 0 ? 0 : minOwner(best, this.endFirst(state, false));
  }

  private firstMatchBytes(bytes: Uint8Array): number {
    let state = this.initial;
    let best = this.firstOwner[state];
    if (bytes.length === 0) return minOwner(best, this.endFirst(state, true));
    for (let i = 0; i < bytes.length && best !== 0; i++) {
      const b = bytes[i];
      let next = this.trans[state * this.classes + this.classOf[b]];
      if (next === UNKNOWN) next = this.step(state, b);
      state = next;
      best = minOwner(best, this.firstOwner[state]);
      if (this.accepting[state] === DEAD) return best;
    }
    return best === 0 ? 0 : minOwner(best, this.endFirst(state, false));
  }

  /** Unanchored search over a JavaScript string, matched as its UTF-8 bytes. */
  test(subject: string): boolean {
    let state = this.initial;
    if (this.accepting[state] === 1) return true;
    const len = subject.length;
    // the subject is empty: `^` still holds after `$`
    if (len === 0) return this.endFirst(state, true) >= 0;
    for (let i = 0; i < len; i++) {
      const c = subject.charCodeAt(i);
      // non-ASCII: start over on the UTF-8 bytes (rare in paths and names)
      if (c >= 0x80) return this.testBytes(new TextEncoder().encode(subject));
      let next = this.trans[state * this.classes + this.classOf[c]];
      if (next === UNKNOWN) next = this.step(state, c);
      state = next;
      // accepting, or no NFA state left (an anchored pattern failed): the rest of the subject changes nothing
      const a = this.accepting[state];
      if (a !== 0) return a === 1;
    }
    return this.endFirst(state, false) >= 0;
  }

  /** Unanchored search over raw bytes. */
  testBytes(bytes: Uint8Array): boolean {
    return this.firstMatchBytes(bytes) >= 0;
  }
}

/** `a` at twice its length, the new half filled with `fill`. */
function doubled<A extends Int32Array | Uint8Array>(a: A, fill: number): A {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2);
  b.fill(fill);
  b.set(a);
  return b;
}

function minOwner(a: number, b: number): number {
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}
