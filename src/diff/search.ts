// The search for requests two decision lists answer differently, over one variant's request space.
//
// Both lists are evaluated in Kleene's three-valued logic while the request is only partly known: a list is
// *determined* when its first entry whose filter is not false is true (or every entry is false: its fallback
// decides). The main string datum is explored breadth first (strings.ts); a prefix after which both lists are
// determined is not extended. For each complete string, the other data are assigned one dimension at a time,
// always one the blocking entry reads, until both lists are determined. Every pair of deciders (rule of A,
// rule of B) with different actions is a *region*; its first witnesses are kept, shortest first.

import type { RequestFacts } from '../decide/request.js';
import type { PathResolver } from '../decide/path.js';
import type { Decider, FlatList } from './lists.js';
import { formulaAtoms, kleene, F, T, U, VariantSpace, writeDatum, type Dimension, type Formula } from './space.js';
import { StringAutomaton, type StringState } from './strings.js';

const FALLBACK = -1;
const UNDETERMINED = -2;

/** One list compiled to formulas over a variant's atoms. */
class ListEval {
  readonly formulas: Formula[];
  readonly deciders: Decider[];
  readonly fallback: Decider;
  /** Entries reading each atom. */
  readonly atomEntries = new Map<number, number[]>();
  /** Entries that are true when every atom is false (`require-not` forms). */
  readonly constTrue: number[] = [];
  /** The entry that stopped the last undetermined evaluation. */
  blocking = -1;
  private readonly stamp: Uint32Array;
  private gen = 1;
  private first = 0;

  constructor(list: FlatList, space: VariantSpace, formulas: Formula[]) {
    this.formulas = formulas;
    this.deciders = list.entries.map((e) => e.decider);
    this.fallback = list.fallback;
    const zero = new Uint8Array(space.atoms.length);
    formulas.forEach((f, i) => {
      for (const a of formulaAtoms(f)) {
        let l = this.atomEntries.get(a);
        if (!l) this.atomEntries.set(a, (l = []));
        l.push(i);
      }
      if (kleene(f, zero) === T) this.constTrue.push(i);
    });
    this.stamp = new Uint32Array(formulas.length);
  }

  decider(r: number): Decider {
    return r === FALLBACK ? this.fallback : this.deciders[r];
  }

  /**
   * Mark the entries whose value may differ from their all-false value, given the atoms that are not false
   * (plus `always`); `evaluate` then walks the marked entries in list order.
   */
  prepare(notFalse: readonly number[], always: readonly number[]): void {
    if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    const g = this.gen;
    const stamp = this.stamp;
    let min = this.constTrue.length ? this.constTrue[0] : stamp.length;
    for (let j = 0; j < notFalse.length; j++) {
      const list = this.atomEntries.get(notFalse[j]);
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        stamp[i] = g;
        if (i < min) min = i;
      }
    }
    for (let k = 0; k < always.length; k++) {
      stamp[always[k]] = g;
      if (always[k] < min) min = always[k];
    }
    for (let k = 0; k < this.constTrue.length; k++) stamp[this.constTrue[k]] = g;
    this.first = min;
  }

  /** Entries reading any of `atoms`, ascending. */
  entriesOf(atoms: readonly number[]): number[] {
    const out = new Set<number>();
    for (const a of atoms) for (const i of this.atomEntries.get(a) ?? []) out.add(i);
    return [...out].sort((x, y) => x - y);
  }

  /** The deciding entry among the marked ones (FALLBACK for the fallback), or UNDETERMINED with `blocking` set. */
  evaluate(v: Uint8Array): number {
    const g = this.gen;
    const stamp = this.stamp;
    for (let i = this.first; i < stamp.length; i++) {
      if (stamp[i] !== g) continue;
      const x = kleene(this.formulas[i], v);
      if (x === T) return i;
      if (x === U) {
        this.blocking = i;
        return UNDETERMINED;
      }
    }
    return FALLBACK;
  }
}

export interface Region {
  a: Decider;
  b: Decider;
  /** Witness requests (facts), shortest first; each one the kernel can see. */
  witnesses: RequestFacts[];
}

export interface SearchLimits {
  /** Automaton states explored on the main string datum. */
  states: number;
  /** Complete assignments tried. */
  leaves: number;
  /** Witnesses kept per region. */
  witnesses: number;
}

export interface SearchResult {
  regions: Map<string, Region>;
  /** Why the search may have missed differences, if it may have. */
  incomplete: string[];
  states: number;
}

export interface SearchInput {
  space: VariantSpace;
  a: FlatList;
  b: FlatList;
  /** Replace side A or B by one decider for every request (the symlink-traversal pass). */
  constantA?: Decider;
  constantB?: Decider;
  limits: SearchLimits;
  resolver: PathResolver;
  /** Explore only this path and the paths below it. */
  prefix?: string;
  /** Map a witness before it is kept (the symlink pass re-spells paths through the link); null drops it. */
  spell?: (f: RequestFacts) => RequestFacts | null;
}

const NO_ENTRIES: FlatList['entries'] = [];

export function searchVariant(input: SearchInput): SearchResult {
  const { space, limits } = input;
  const listA = input.constantA ? { ...input.a, entries: NO_ENTRIES, fallback: input.constantA } : input.a;
  const listB = input.constantB ? { ...input.b, entries: NO_ENTRIES, fallback: input.constantB } : input.b;
  const fa = listA.entries.map((e) => space.translate(e.filter));
  const fb = listB.entries.map((e) => space.translate(e.filter));
  space.build({ cellStates: Math.max(1000, limits.states >> 2), cells: 256 });
  const A = new ListEval(listA, space, fa.map((f) => space.substitute(f)));
  const B = new ListEval(listB, space, fb.map((f) => space.substitute(f)));
  const search = new Search(input, A, B);
  search.run();
  return { regions: search.regions, incomplete: search.incomplete, states: search.states };
}

class Search {
  readonly regions = new Map<string, Region>();
  readonly incomplete: string[] = [];
  states = 0;
  private readonly space: VariantSpace;
  private readonly v: Uint8Array;
  private readonly primary: Dimension | null;
  private readonly finite: Dimension[];
  private readonly dimOfAtom: Int32Array;
  /** Entries of each list reading a non-primary (or opaque) atom: always candidates. */
  private readonly alwaysA: number[];
  private readonly alwaysB: number[];
  private readonly assigned = new Map<string, number>();
  private leaves = 0;
  private leafBudgetHit = false;
  /** Primary atoms that are not string comparisons: evaluated on complete strings only. */
  private readonly opaque: number[];

  constructor(private readonly input: SearchInput, private readonly A: ListEval, private readonly B: ListEval) {
    const space = (this.space = input.space);
    const dims = [...space.dims.values()];
    const p = space.variant.primary;
    this.primary = p !== null && space.dims.get(p)?.kind === 'string' ? space.dims.get(p)! : null;
    this.finite = dims.filter((d) => d !== this.primary);
    this.dimOfAtom = new Int32Array(space.atoms.length).fill(-1);
    this.finite.forEach((d, i) => {
      for (const a of d.atoms) this.dimOfAtom[a] = i;
    });
    this.opaque = this.primary ? this.primary.atoms.filter((a) => space.atoms[a].match === null) : [];
    this.v = new Uint8Array(space.atoms.length);
    // atoms of listed dimensions start unknown; primary string atoms start false
    for (const d of this.finite) for (const a of d.atoms) this.v[a] = U;
    for (const a of this.opaque) this.v[a] = U;
    const secondary = [...this.finite.flatMap((d) => d.atoms), ...this.opaque];
    this.alwaysA = A.entriesOf(secondary);
    this.alwaysB = B.entriesOf(secondary);
    for (const d of dims) if (d.sampled) this.incomplete.push(`${d.key}: ${d.sampled}`);
  }

  run(): void {
    if (this.primary) this.runStrings(this.primary);
    else {
      this.A.prepare([], this.alwaysA);
      this.B.prepare([], this.alwaysB);
      this.assign([]);
    }
    if (this.leafBudgetHit) this.incomplete.push(`more than ${this.input.limits.leaves} combinations of data; the first ones were compared`);
  }

  private runStrings(dim: Dimension): void {
    const space = this.space;
    const matches = dim.atoms.filter((a) => space.atoms[a].match !== null).map((a) => ({ atom: a, match: space.atoms[a].match! }));
    const auto = new StringAutomaton(matches, space.env, space.atoms.length);
    const v = this.v;
    const seenCells = new Map<string, number>();
    const visit = (s: StringState): boolean => {
      const live = auto.liveAtoms(s);
      for (const a of s.matched) v[a] = T;
      for (const a of live) v[a] = U;
      const notFalse = live.length ? [...s.matched, ...live] : s.matched;
      this.A.prepare(notFalse, this.alwaysA);
      const ra = this.A.evaluate(v);
      let rb = UNDETERMINED;
      if (ra !== UNDETERMINED) {
        this.B.prepare(notFalse, this.alwaysB);
        rb = this.B.evaluate(v);
      }
      let expand = true;
      if (ra !== UNDETERMINED && rb !== UNDETERMINED) {
        // every extension decides alike: one witness, no successors
        const texts = [auto.completion(s)];
        if (this.input.prefix === undefined && texts[0] !== s.text + 'x') texts.push(s.text + 'x');
        this.leaf(ra, rb, texts);
        expand = false;
      } else if (auto.endValid(s)) {
        // the string itself: its exact cell, then the other data
        const end = auto.endAtoms(s);
        for (const a of live) v[a] = F;
        for (const a of end) v[a] = T;
        for (const a of this.opaque) v[a] = space.atoms[a].holds(space.factsWith(dim.key, s.text)) ? T : F;
        const key = end.join(',') + '|' + this.opaque.map((a) => v[a]).join('');
        const tries = seenCells.get(key) ?? 0;
        // a cell is done once a witness the kernel can see was tried for it
        if (tries >= 0 && tries < 8) {
          const visible = this.visibleFacts(dim.key, s.text) !== null;
          seenCells.set(key, visible ? -1 : tries + 1);
          this.A.prepare(end, this.alwaysA);
          this.B.prepare(end, this.alwaysB);
          this.assign([s.text]);
        }
        for (const a of this.opaque) v[a] = U;
        for (const a of end) v[a] = F;
      }
      for (const a of s.matched) v[a] = F;
      for (const a of live) v[a] = F;
      return expand && !this.leafBudgetHit;
    };
    const r = auto.explore(dim.domain, visit, this.input.limits.states, this.input.prefix);
    this.states += r.states;
    if (r.exhausted) this.incomplete.push(`${dim.key}: more than ${this.input.limits.states} automaton states; the shortest strings were compared`);
  }

  /** Assign listed dimensions until both lists are determined; record each outcome. */
  private assign(texts: readonly string[]): void {
    if (this.leafBudgetHit) return;
    const v = this.v;
    const ra = this.A.evaluate(v);
    const rb = this.B.evaluate(v);
    if (ra !== UNDETERMINED && rb !== UNDETERMINED) {
      this.leaf(ra, rb, texts);
      return;
    }
    const blocking = ra === UNDETERMINED ? this.A.formulas[this.A.blocking] : this.B.formulas[this.B.blocking];
    let dimIndex = -1;
    for (const a of formulaAtoms(blocking)) {
      if (v[a] === U && this.dimOfAtom[a] >= 0) {
        dimIndex = this.dimOfAtom[a];
        break;
      }
    }
    if (dimIndex < 0) {
      this.incomplete.push('internal: an entry stayed undetermined with every datum assigned');
      return;
    }
    const dim = this.finite[dimIndex];
    dim.cells.forEach((cell, ci) => {
      if (this.leafBudgetHit) return;
      dim.atoms.forEach((a, i) => (v[a] = cell.truth[i]));
      this.assigned.set(dim.key, ci);
      this.assign(texts);
    });
    this.assigned.delete(dim.key);
    for (const a of dim.atoms) v[a] = U;
  }

  /** Record an outcome; `texts` are the main string's candidate spellings, best first (empty without one). */
  private leaf(ra: number, rb: number, texts: readonly string[]): void {
    if (++this.leaves > this.input.limits.leaves) {
      this.leafBudgetHit = true;
      return;
    }
    const da = this.A.decider(ra);
    const db = this.B.decider(rb);
    if (da.action === db.action) return;
    const key = `${da.key}|${db.key}`;
    let region = this.regions.get(key);
    if (!region) this.regions.set(key, (region = { a: da, b: db, witnesses: [] }));
    if (region.witnesses.length >= this.input.limits.witnesses) return;
    for (const t of texts.length ? texts : [undefined]) {
      const f = this.witness(t);
      if (f) {
        region.witnesses.push(f);
        return;
      }
    }
  }

  /** The request facts of the current assignment, or null when the kernel never sees such a request. */
  private witness(text: string | undefined): RequestFacts | null {
    const space = this.space;
    let facts: RequestFacts = { ...space.variant.fixed };
    if (this.primary) {
      const f = this.visibleFacts(this.primary.key, text!);
      if (!f) return null;
      facts = f;
    }
    for (const [key, ci] of this.assigned) writeDatum(facts, key, space.dims.get(key)!.cells[ci].value);
    // the operation's target is part of every request, even when no rule reads it
    const p = space.variant.primary;
    if (p !== null && !this.primary && !this.assigned.has(p)) writeDatum(facts, p, space.dims.get(p)?.cells[0]?.value);
    return this.input.spell ? this.input.spell(facts) : facts;
  }

  /** Facts with a path (or socket path) the kernel can see: its own spelling, or a link not followed. */
  private visibleFacts(key: string, text: string): RequestFacts | null {
    const facts = this.space.factsWith(key, text);
    if (key !== 'path' && key !== 'socketPath') return facts;
    if (this.input.spell) return facts; // re-spelled through a link by the caller
    const r = this.input.resolver;
    if (r.isCanonical(text)) return facts;
    const parent = text.slice(0, text.lastIndexOf('/')) || '/';
    if (key === 'path' && r.isSymlink(text) && r.isCanonical(parent)) return { ...facts, noFollow: true };
    return null;
  }
}
