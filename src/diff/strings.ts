// The string side of a diff: every string test of one datum (literal, prefix, subpath, regex) as one union
// automaton over bytes, explored breadth first. A state of the exploration is a state of the product automaton
// of all the tests: the live NFA states of each test (regexes keep their unanchored re-entry, as the lazy DFA
// of regex/dfa.ts does), the tests already matched (a search that reached a match state matches whatever
// follows), and where the string stands in its domain (absolute kernel paths have no `//`, `.`, `..` or
// trailing slash). The caller decides at each state whether the outcome can still change; strings come out
// shortest first, with readable bytes preferred, so the first string that reaches a state is its witness.

import type { StringMatch } from '../sbpl/profile.js';
import { subpathValue, type MatchEnv } from '../decide/match.js';
import type { Nfa } from '../regex/index.js';

const K_BYTES = 0;
const K_ANY = 1;
const K_SPLIT = 2;
const K_EPS = 3;
const K_BOL = 4;
const K_EOL = 5;
const K_MATCH = 6;

/** Printable ASCII only: witnesses must be plain JSON strings a user can read and retype. */
const LO = 0x20;
const HI = 0x7e;

/** Preferred bytes for a witness, best first: `/Users/x` reads better than `/Users/!`. */
const PREFERENCE = "xyzwvutsrqponmlkjihgfedcba0123456789XYZWVUTSRQPONMLKJIHGFEDCBA_-.~+@,=:%#&'!$()*;<>?[]^`{|}\"\\/ ";
const RANK = /* @__PURE__ */ (() => {
  const rank = new Uint8Array(256).fill(255);
  for (let i = 0; i < PREFERENCE.length; i++) rank[PREFERENCE.charCodeAt(i)] = i;
  return rank;
})();

/** What strings the datum can be: a kernel path (absolute, clean) or a non-empty name. */
export type StringDomain = 'path' | 'name';

// domain states
const D_SLASH = 0; // just after '/'
const D_DOT = 1; // component so far is "."
const D_DOTDOT = 2; // component so far is ".."
const D_WORD = 3; // inside an ordinary component / a non-empty name
const D_BOUNDARY = 4; // after a forced prefix: only '/' or the end may follow
const D_EMPTY = 5; // name domain, nothing yet

export interface StringState {
  /** The shortest string reaching this state. */
  text: string;
  /** NFA kernel states alive (consuming and `$` states), sorted. */
  set: Int32Array;
  /** Atoms (tests) already matched, sorted: they match every extension. */
  matched: number[];
  dom: number;
}

export interface StringAtomSpec {
  atom: number;
  match: StringMatch;
}

export interface ExploreResult {
  states: number;
  /** The state budget ran out before the space was covered. */
  exhausted: boolean;
}

const encoder = new TextEncoder();

export class StringAutomaton {
  private readonly kind: Uint8Array;
  private readonly out: Int32Array;
  private readonly out2: Int32Array;
  private readonly atomOf: Int32Array;
  /** Membership ranges of byte states (negation applied), over 0..255. */
  private readonly ranges: Array<Array<[number, number]> | null>;
  private readonly starts: number[];
  private readonly reentry: Int32Array;
  private readonly mark: Uint32Array;
  private gen = 1;
  private readonly stack: Int32Array;
  /** Scratch for closures and successor seeds. */
  private readonly kernel: Int32Array;
  private readonly seeds: Int32Array;
  private readonly eolAtoms = new Map<number, number[]>();
  private readonly atomStamp: Uint32Array;
  private atomGen = 1;

  constructor(atoms: readonly StringAtomSpec[], env: MatchEnv, atomCount: number) {
    const kind: number[] = [];
    const out: number[] = [];
    const out2: number[] = [];
    const atomOf: number[] = [];
    const ranges: Array<Array<[number, number]> | null> = [];
    const starts: number[] = [];
    const add = (k: number, o: number, o2: number, atom: number, r: Array<[number, number]> | null = null): number => {
      kind.push(k);
      out.push(o);
      out2.push(o2);
      atomOf.push(atom);
      ranges.push(r);
      return kind.length - 1;
    };
    const appendNfa = (nfa: Nfa, atom: number): number => {
      const base = kind.length;
      for (const s of nfa.states) {
        switch (s.kind) {
          case 'bytes':
            add(K_BYTES, base + s.out, -1, atom, s.negated ? complement(s.ranges) : s.ranges.map(([a, b]) => [a, b] as [number, number]));
            break;
          case 'any':
            add(K_ANY, base + s.out, -1, atom);
            break;
          case 'split':
            add(K_SPLIT, base + s.out, base + s.out2, atom);
            break;
          case 'eps':
            add(K_EPS, base + s.out, -1, atom);
            break;
          case 'bol':
            add(K_BOL, base + s.out, -1, atom);
            break;
          case 'eol':
            add(K_EOL, base + s.out, -1, atom);
            break;
          case 'match':
            add(K_MATCH, -1, -1, atom);
            break;
        }
      }
      return base + nfa.start;
    };
    // literal / prefix / subpath as anchored byte chains (built back to front)
    const chain = (bytes: Uint8Array, next: number, atom: number): number => {
      let entry = next;
      for (let i = bytes.length - 1; i >= 0; i--) entry = add(K_BYTES, entry, -1, atom, [[bytes[i], bytes[i]]]);
      return entry;
    };
    for (const { atom, match } of atoms) {
      let start: number;
      switch (match.kind) {
        case 'regex':
          start = appendNfa(env.regexes.get(match.source).nfa, atom);
          break;
        case 'literal': {
          const m = add(K_MATCH, -1, -1, atom);
          const eol = add(K_EOL, m, -1, atom);
          start = add(K_BOL, chain(encoder.encode(match.value), eol, atom), -1, atom);
          break;
        }
        case 'prefix': {
          const m = add(K_MATCH, -1, -1, atom);
          start = add(K_BOL, chain(encoder.encode(match.value), m, atom), -1, atom);
          break;
        }
        case 'subpath': {
          const v = subpathValue(match.value, env);
          const m = add(K_MATCH, -1, -1, atom);
          if (v === '/') {
            start = add(K_BOL, chain(encoder.encode('/'), m, atom), -1, atom);
          } else {
            const eol = add(K_EOL, m, -1, atom);
            const slash = add(K_BYTES, m, -1, atom, [[0x2f, 0x2f]]);
            const fork = add(K_SPLIT, eol, slash, atom);
            start = add(K_BOL, chain(encoder.encode(v), fork, atom), -1, atom);
          }
          break;
        }
      }
      starts.push(start);
    }
    this.kind = Uint8Array.from(kind);
    this.out = Int32Array.from(out);
    this.out2 = Int32Array.from(out2);
    this.atomOf = Int32Array.from(atomOf);
    this.ranges = ranges;
    this.starts = starts;
    this.mark = new Uint32Array(kind.length);
    this.stack = new Int32Array(kind.length * 2 + 4);
    this.kernel = new Int32Array(kind.length + 1);
    this.seeds = new Int32Array(kind.length * 2 + 4);
    this.atomStamp = new Uint32Array(Math.max(atomCount, 1));
    this.reentry = this.closure(starts, false);
  }

  /** Epsilon closure: the kernel states (consuming, `$`, match) reached, sorted. `atStart` lets `^` pass. */
  private closure(seeds: ArrayLike<number>, atStart: boolean, count = seeds.length): Int32Array {
    const { kind, out, out2, mark, stack, kernel } = this;
    if (++this.gen === 0xffffffff) {
      mark.fill(0);
      this.gen = 1;
    }
    const g = this.gen;
    let sp = 0;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const s = seeds[i];
      if (mark[s] !== g) {
        mark[s] = g;
        stack[sp++] = s;
      }
    }
    while (sp > 0) {
      const s = stack[--sp];
      const k = kind[s];
      if (k === K_BYTES || k === K_ANY || k === K_EOL || k === K_MATCH) {
        kernel[n++] = s;
        continue;
      }
      if (k === K_BOL && !atStart) continue;
      const a = out[s];
      if (mark[a] !== g) {
        mark[a] = g;
        stack[sp++] = a;
      }
      if (k === K_SPLIT) {
        const b = out2[s];
        if (mark[b] !== g) {
          mark[b] = g;
          stack[sp++] = b;
        }
      }
    }
    return kernel.slice(0, n).sort();
  }


  /** Split a closure into live states and newly matched atoms. */
  private settle(closed: Int32Array, matched: number[]): { set: Int32Array; matched: number[] } {
    let hits: number[] | null = null;
    let live = 0;
    for (let i = 0; i < closed.length; i++) {
      if (this.kind[closed[i]] === K_MATCH) (hits ??= []).push(this.atomOf[closed[i]]);
      else live++;
    }
    if (hits === null) return { set: closed, matched };
    const set = new Int32Array(live);
    let j = 0;
    for (let i = 0; i < closed.length; i++) if (this.kind[closed[i]] !== K_MATCH) set[j++] = closed[i];
    return { set, matched: mergeSorted(matched, hits) };
  }

  private contains(s: number, b: number): boolean {
    if (this.kind[s] === K_ANY) return true;
    const r = this.ranges[s];
    if (!r) return false;
    for (const [lo, hi] of r) if (b >= lo && b <= hi) return true;
    return false;
  }

  private stepSet(set: Int32Array, b: number): Int32Array {
    const seeds = this.seeds;
    let n = 0;
    for (let i = 0; i < set.length; i++) {
      const s = set[i];
      const k = this.kind[s];
      if ((k === K_BYTES || k === K_ANY) && this.contains(s, b)) seeds[n++] = this.out[s];
    }
    for (let i = 0; i < this.reentry.length; i++) seeds[n++] = this.reentry[i];
    return this.closure(seeds, false, n);
  }

  /** The state after `text` (no domain checks): for a forced prefix. */
  private feed(state: StringState, text: string, dom: number): StringState {
    let { set, matched } = state;
    for (const b of encoder.encode(text)) ({ set, matched } = this.settle(this.stepSet(set, b), matched));
    return { text: state.text + text, set, matched, dom };
  }

  private initial(domain: StringDomain): StringState {
    const { set, matched } = this.settle(this.closure(this.starts, true), []);
    const empty: StringState = { text: '', set, matched, dom: D_EMPTY };
    return domain === 'path' ? this.feed(empty, '/', D_SLASH) : empty;
  }

  /** The atoms a non-empty string matches, read through the automaton (the exploration's own steps). */
  atomsMatching(text: string): number[] {
    return this.endAtoms(this.feed(this.initial('name'), text, D_WORD));
  }

  /** Atoms with a live state that have not matched yet (their outcome depends on what follows). */
  liveAtoms(s: StringState): number[] {
    if (++this.atomGen === 0xffffffff) {
      this.atomStamp.fill(0);
      this.atomGen = 1;
    }
    const g = this.atomGen;
    for (const a of s.matched) this.atomStamp[a] = g;
    const out: number[] = [];
    for (let i = 0; i < s.set.length; i++) {
      const a = this.atomOf[s.set[i]];
      if (this.atomStamp[a] !== g) {
        this.atomStamp[a] = g;
        out.push(a);
      }
    }
    return out;
  }

  /** Atoms that match the string `s.text` itself (matched ones, and those whose `$` holds at the end), sorted. */
  endAtoms(s: StringState): number[] {
    let extra: number[] | null = null;
    for (let i = 0; i < s.set.length; i++) {
      const st = s.set[i];
      if (this.kind[st] !== K_EOL) continue;
      for (const a of this.eolAtomsOf(st)) (extra ??= []).push(a);
    }
    return extra === null ? s.matched : mergeSorted(s.matched, extra);
  }

  private eolAtomsOf(st: number): number[] {
    const hit = this.eolAtoms.get(st);
    if (hit) return hit;
    const atoms = new Set<number>();
    const seen = new Set<number>();
    let frontier = [this.out[st]];
    while (frontier.length) {
      const closed = this.closure(frontier, false);
      frontier = [];
      for (const k of closed) {
        if (seen.has(k)) continue;
        seen.add(k);
        if (this.kind[k] === K_MATCH) atoms.add(this.atomOf[k]);
        else if (this.kind[k] === K_EOL) frontier.push(this.out[k]);
      }
    }
    const list = [...atoms].sort((a, b) => a - b);
    this.eolAtoms.set(st, list);
    return list;
  }

  /** May the string end here (a clean absolute path, a non-empty name)? */
  endValid(s: StringState): boolean {
    return s.dom === D_WORD || s.dom === D_BOUNDARY || (s.dom === D_SLASH && s.text === '/');
  }

  /** The shortest valid string starting with `s.text` (for a state whose every extension decides alike). */
  completion(s: StringState): string {
    return this.endValid(s) ? s.text : s.text + 'x';
  }

  /**
   * Breadth-first exploration. `visit` returns true to explore the state's successors. With `prefix`, only
   * strings equal to it or continuing it with '/' are explored (paths below a directory).
   */
  explore(domain: StringDomain, visit: (s: StringState) => boolean, limit: number, prefix?: string): ExploreResult {
    let start = this.initial(domain);
    if (prefix !== undefined && domain === 'path' && prefix !== '/') start = this.feed(start, prefix.slice(1), D_BOUNDARY);
    const seen = new Set<string>([keyOf(start)]);
    let queue: StringState[] = [start];
    let states = 1;
    const bound = new Uint8Array(HI + 2);
    const intervalOf = new Uint8Array(HI + 1);
    const seeds: number[][] = [];
    const tried = new Set<string>();
    const scratch = this.seeds;
    while (queue.length) {
      const next: StringState[] = [];
      for (const s of queue) {
        if (!visit(s)) continue;
        // the bytes that tell the live states apart, one representative per interval, most readable first
        bound.fill(0);
        bound[LO] = 1;
        bound[HI + 1] = 1;
        bound[0x2e] = bound[0x2f] = bound[0x30] = 1;
        for (let i = 0; i < s.set.length; i++) {
          const r = this.ranges[s.set[i]];
          if (!r) continue;
          for (const [lo, hi] of r) {
            if (hi < LO || lo > HI) continue;
            bound[Math.max(lo, LO)] = 1;
            bound[Math.min(hi, HI) + 1] = 1;
          }
        }
        // intervals between boundaries, each with its most readable byte
        const reps: number[] = [];
        let best = -1;
        for (let b = LO; b <= HI + 1; b++) {
          if (bound[b] && b > LO) {
            reps.push(best);
            best = -1;
          }
          if (b <= HI) {
            intervalOf[b] = reps.length;
            if (best < 0 || RANK[b] < RANK[best]) best = b;
          }
        }
        // the successor seeds of each interval, in one pass over the live states
        for (let j = 0; j < reps.length; j++) (seeds[j] ??= []).length = 0;
        for (let i = 0; i < s.set.length; i++) {
          const st = s.set[i];
          const k = this.kind[st];
          if (k === K_ANY) {
            for (const list of seeds) list.push(this.out[st]);
            continue;
          }
          if (k !== K_BYTES) continue;
          for (const [lo, hi] of this.ranges[st]!) {
            if (hi < LO || lo > HI) continue;
            const j1 = intervalOf[Math.min(hi, HI)];
            for (let j = intervalOf[Math.max(lo, LO)]; j <= j1; j++) seeds[j].push(this.out[st]);
          }
        }
        const order = reps.map((_, j) => j).sort((x, y) => RANK[reps[x]] - RANK[reps[y]]);
        // bytes every live state treats alike (and the domain too) lead to the same state: step once
        tried.clear();
        for (const j of order) {
          const b = reps[j];
          const dom = domStep(domain, s.dom, b);
          if (dom < 0) continue;
          const targets = seeds[j];
          const sig = `${dom}:${targets.join(',')}`;
          if (tried.has(sig)) continue;
          tried.add(sig);
          // the successor's key first; its arrays only when it is new
          let n = 0;
          for (let i = 0; i < targets.length; i++) scratch[n++] = targets[i];
          for (let i = 0; i < this.reentry.length; i++) scratch[n++] = this.reentry[i];
          const closed = this.closure(scratch, false, n);
          let hits: number[] | null = null;
          let liveKey = '';
          let live = 0;
          for (let i = 0; i < closed.length; i++) {
            const st = closed[i];
            if (this.kind[st] === K_MATCH) (hits ??= []).push(this.atomOf[st]);
            else {
              liveKey += live++ === 0 ? `${st}` : `,${st}`;
            }
          }
          const matched = hits === null ? s.matched : mergeSorted(s.matched, hits);
          const k = `${liveKey}|${matched.join(',')}|${dom}`;
          if (seen.has(k)) continue;
          seen.add(k);
          if (++states > limit) return { states, exhausted: true };
          let set = closed;
          if (hits !== null) {
            set = new Int32Array(live);
            let m = 0;
            for (let i = 0; i < closed.length; i++) if (this.kind[closed[i]] !== K_MATCH) set[m++] = closed[i];
          }
          next.push({ text: s.text + String.fromCharCode(b), set, matched, dom });
        }
      }
      queue = next;
    }
    return { states, exhausted: false };
  }
}

function keyOf(s: StringState): string {
  return `${s.set.join(',')}|${s.matched.join(',')}|${s.dom}`;
}

function domStep(domain: StringDomain, dom: number, b: number): number {
  if (domain === 'name') return D_WORD;
  if (b === 0x2f) return dom === D_WORD || dom === D_BOUNDARY ? D_SLASH : -1;
  if (dom === D_BOUNDARY) return -1;
  if (b === 0x2e) return dom === D_SLASH ? D_DOT : dom === D_DOT ? D_DOTDOT : D_WORD;
  return D_WORD;
}

function complement(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 255) out.push([next, 255]);
  return out;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const all = [...a, ...b].sort((x, y) => x - y);
  const out: number[] = [];
  for (const x of all) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Cells: the distinct ways a set of string tests can come out, each with its shortest witness.

export interface StringCell {
  value: string;
  /** Atoms matching `value`, sorted. */
  atoms: number[];
}

/**
 * Every distinct combination of the tests' outcomes a string of the domain can produce, with a witness
 * for each (used for data that are not the operation's main target: xattr names, entitlement values ...).
 */
export function stringCells(
  automaton: StringAutomaton,
  domain: StringDomain,
  limit: number,
  /** Witnesses to prefer (paths the kernel can see); a cell keeps looking until it has one. */
  prefer?: (s: string) => boolean,
): { cells: StringCell[]; exhausted: boolean } {
  const cells = new Map<string, StringCell & { good: boolean }>();
  const r = automaton.explore(
    domain,
    (s) => {
      const dead = s.set.length === 0;
      if (automaton.endValid(s) || dead) {
        const atoms = dead ? s.matched : automaton.endAtoms(s);
        const k = atoms.join(',');
        const hit = cells.get(k);
        if (!hit || !hit.good) {
          const value = automaton.completion(s);
          const good = prefer ? prefer(value) : true;
          if (!hit || good) cells.set(k, { value, atoms, good });
        }
      }
      return !dead;
    },
    limit,
  );
  return { cells: [...cells.values()].filter((c) => c.good).map(({ value, atoms }) => ({ value, atoms })), exhausted: r.exhausted };
}
