// The search for requests two decision lists answer differently, over one variant's request space.
//
// Both lists are evaluated in Kleene's three-valued logic while the request is only partly known: a list is
// *determined* when its first entry whose filter is not false is true (or every entry is false: its fallback
// decides). The main string datum is explored breadth first (strings.ts); a prefix after which both lists are
// determined is not extended. For each complete string, the other data are assigned one dimension at a time,
// always one the blocking entry reads, until both lists are determined. Every pair of deciders (rule of A,
// rule of B) with different actions is a *region*; its first witnesses are kept, shortest first.
//
// A part of the space where the two lists *agree* is skipped as a whole: an entry that is false now stays false
// for every extension (matched tests stay matched, dead ones stay dead), so when the entries of A and B that
// are not false are the same filters with the same actions, in the same order (and the fallbacks agree when none
// is true yet), every request below decides alike.

import type { RequestFacts } from '../decide/request.js';
import type { PathResolver } from '../decide/path.js';
import type { Decider, FlatList } from './lists.js';
import { formulaAtoms, kleene, simplify, F, T, U, VariantSpace, writeDatum, type Dimension, type Formula } from './space.js';
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
  /** Per entry: its formula and action as text (equal keys = the same test with the same outcome). */
  readonly keys: string[];
  readonly formulaKeys: string[];
  /** Entries not false at the last `live` call, up to the first true one. */
  readonly liveEntries: number[] = [];
  private readonly stamp: Uint32Array;
  private gen = 1;
  private first = 0;

  constructor(deciders: Decider[], fallback: Decider, space: VariantSpace, formulas: Formula[]) {
    this.formulas = formulas;
    this.deciders = deciders;
    this.fallback = fallback;
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
    this.formulaKeys = formulas.map(formulaKey);
    this.keys = this.formulaKeys.map((k, i) => `${this.deciders[i].action}${k}`);
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

  /**
   * Like `evaluate`, and also collect the entries that are not false (`liveEntries`), up to the first true one:
   * what the list can still do below the current state.
   */
  live(v: Uint8Array): number {
    const g = this.gen;
    const stamp = this.stamp;
    const out = this.liveEntries;
    out.length = 0;
    let r = FALLBACK;
    for (let i = this.first; i < stamp.length; i++) {
      if (stamp[i] !== g) continue;
      const x = kleene(this.formulas[i], v);
      if (x === F) continue;
      out.push(i);
      if (x === T) {
        if (r === FALLBACK) r = i;
        return r;
      }
      if (r === FALLBACK) {
        r = UNDETERMINED;
        this.blocking = i;
      }
    }
    return r;
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

function formulaKey(f: Formula): string {
  switch (f.t) {
    case 'atom':
      return `${f.a}`;
    case 'const':
      return f.v ? 'T' : 'F';
    case 'not':
      return `!${formulaKey(f.item)}`;
    case 'and':
    case 'or':
      return `${f.t === 'and' ? '&' : '|'}(${f.items.map(formulaKey).join(',')})`;
  }
}

/** A formula with its known atoms substituted and simplified, as canonical text ('T', 'F', or the rest). */
function residualKey(f: Formula, v: Uint8Array): string {
  switch (f.t) {
    case 'atom':
      return v[f.a] === T ? 'T' : v[f.a] === F ? 'F' : `${f.a}`;
    case 'const':
      return f.v ? 'T' : 'F';
    case 'not': {
      const x = residualKey(f.item, v);
      return x === 'T' ? 'F' : x === 'F' ? 'T' : `!${x}`;
    }
    case 'and':
    case 'or': {
      const absorb = f.t === 'and' ? 'F' : 'T';
      const unit = f.t === 'and' ? 'T' : 'F';
      const parts = new Set<string>();
      for (const i of f.items) {
        const x = residualKey(i, v);
        if (x === absorb) return absorb;
        if (x !== unit) parts.add(x);
      }
      if (parts.size === 0) return unit;
      if (parts.size === 1) return parts.values().next().value!;
      return `${f.t === 'and' ? '&' : '|'}(${[...parts].sort().join(',')})`;
    }
  }
}

/**
 * What a list can still do, as text: its live entries with later repeats of a filter dropped (they never
 * decide), cut into runs of one action, each run as a set (which entry of a run fires first does not change
 * the action), then the fallback's action when no entry is true yet.
 */
function liveShape(L: ListEval, r: number, v: Uint8Array): string {
  const seen = new Set<string>();
  const runs: string[] = [];
  let run: string[] = [];
  let action = '';
  for (const i of L.liveEntries) {
    const k = residualKey(L.formulas[i], v);
    if (seen.has(k)) continue;
    seen.add(k);
    const a = L.deciders[i].action;
    if (a !== action && run.length) {
      runs.push(action + '{' + run.sort().join(';') + '}');
      run = [];
    }
    action = a;
    run.push(k);
  }
  if (run.length) runs.push(action + '{' + run.sort().join(';') + '}');
  return runs.join('') + (r >= 0 ? '' : '=' + L.fallback.action);
}

/** After `live` on both: will every request below decide with the same action on both sides? */
function agree(A: ListEval, B: ListEval, ra: number, rb: number, v: Uint8Array): boolean {
  const la = A.liveEntries;
  const lb = B.liveEntries;
  // quick exact check, then the order-insensitive one
  if (la.length === lb.length && (ra >= 0) === (rb >= 0) && (ra >= 0 || A.fallback.action === B.fallback.action)) {
    let same = true;
    for (let i = 0; i < la.length && same; i++) same = A.keys[la[i]] === B.keys[lb[i]];
    if (same) return true;
  }
  return liveShape(A, ra, v) === liveShape(B, rb, v);
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
  /**
   * Requests reach the path through this symlink: each side first decides file-read-metadata on the link with
   * its `metadata` list (symlinkTraversalCheck); a refusal denies the request.
   */
  through?: { link: string; metadataA: FlatList; metadataB: FlatList };
  limits: SearchLimits;
  resolver: PathResolver;
  /** Explore only this path and the paths below it. */
  prefix?: string;
  /** Map a witness before it is kept (the symlink pass re-spells paths through the link); null drops it. */
  spell?: (f: RequestFacts) => RequestFacts | null;
}

export function searchVariant(input: SearchInput): SearchResult {
  const { space, limits } = input;
  const A = compileSide(space, input.a, input.through && { link: input.through.link, metadata: input.through.metadataA });
  const B = compileSide(space, input.b, input.through && { link: input.through.link, metadata: input.through.metadataB });
  space.build({ cellStates: Math.max(1000, limits.states >> 2), cells: 256 });
  const search = new Search(input, A(), B());
  search.run();
  return { regions: search.regions, incomplete: search.incomplete, states: search.states };
}

/**
 * Translate one side's list (before the space is built); the returned thunk makes its evaluator after. With a
 * link, the traversal check comes first: its deny entries (each reached when no earlier entry of the check
 * matched) and its denying fallback deny the request; what the check allows goes on to the list.
 */
function compileSide(space: VariantSpace, list: FlatList, through?: { link: string; metadata: FlatList }): () => ListEval {
  const deciders: Decider[] = [];
  const formulas: Formula[] = [];
  if (through) {
    const earlier: Formula[] = [];
    const reached = (f: Formula): Formula => simplify(earlier.length ? { t: 'and', items: [f, { t: 'not', item: { t: 'or', items: [...earlier] } }] } : f);
    const linkDecider = (d: Decider): Decider => ({ ...d, key: `link:${through.link}:${d.key}` });
    for (const e of through.metadata.entries) {
      const f = space.translateAtLink(e.filter, through.link);
      if (f.t === 'const' && !f.v) continue;
      if (e.decider.action === 'deny') {
        deciders.push(linkDecider(e.decider));
        formulas.push(reached(f));
      }
      earlier.push(f);
      if (f.t === 'const') break; // always matches: the rest of the check is never reached
    }
    const last = earlier[earlier.length - 1];
    if (through.metadata.fallback.action === 'deny' && !(last?.t === 'const' && last.v)) {
      deciders.push(linkDecider(through.metadata.fallback));
      formulas.push(reached({ t: 'const', v: true }));
    }
  }
  for (const e of list.entries) {
    deciders.push(e.decider);
    formulas.push(space.translate(e.filter));
  }
  return () => new ListEval(deciders, list.fallback, space, formulas.map((f) => space.substitute(f)));
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
      this.B.prepare(notFalse, this.alwaysB);
      const ra = this.A.live(v);
      const rb = this.B.live(v);
      let expand = true;
      if (agree(this.A, this.B, ra, rb, v)) {
        // the two lists can only do the same below here
        expand = false;
      } else if (ra !== UNDETERMINED && rb !== UNDETERMINED) {
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
    const ra = this.A.live(v);
    const rb = this.B.live(v);
    if (agree(this.A, this.B, ra, rb, v)) return;
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
