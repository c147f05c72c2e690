// A memo of whole decisions keyed by the request's facts. A decision is a pure function of the operation and
// the facts (the engine is immutable once built and its caches are pure), so requests whose facts are flat
// plain data (strings, numbers, booleans: a path, a service name, a target and a preference domain, the path
// flags) are answered from a table once decided: one probe per fact, with no analysis of which facts the
// profile reads to get wrong. Facts holding objects or arrays (endpoints, extensions, entitlements, `other`)
// or given as class instances are decided in full every time (following nested objects measured slower than
// deciding an endpoint request in full).

import { ProbeBudget } from './string-table.js';

/** Distinct fact shapes given slots before further shapes are left unmemoised (requests may carry unknown keys). */
const MAX_SHAPES = 256;
/** Verdicts kept per (operation list, shape) before that table is emptied (a bound for batches of distinct data). */
const MEMO_LIMIT = 16_384;

/** Children per trie node before further ones are left unmemoised (the scan below stays short). */
const MAX_CHILDREN = 32;

const STRING = 0;
const NUMBER = 1;
const TRUE = 2;
const FALSE = 3;

/**
 * A node of the shape trie: one child per (fact name, kind of value) that can follow, as (name, kind, child)
 * triples scanned in order. The names are for-in's property keys, internalised strings, so `===` compares
 * pointers: cheaper than a hash probe for the handful of shapes a batch has.
 */
class Shape {
  readonly kids: Array<string | number | Shape> = [];
  constructor(readonly id: number) {}
}

/**
 * Names the shape of facts (which names hold which kind of value, in enumeration order; the same facts
 * written in another key order are another shape, which costs only a second entry) and collects their
 * string / number values in `parts`. `slot(facts)` is the shape's number, or -1 when the facts are not flat plain
 * data with at least one string or number.
 */
export class FactSlots {
  private readonly root = new Shape(0);
  private shapes = 1;
  /** The values of the facts last given a slot, in shape order; `count` of them are valid. */
  readonly parts: Array<string | number> = [];
  count = 0;

  slot(facts: object): number {
    this.count = 0;
    // plain objects only: for-in then sees every fact the engine reads (own enumerable data properties);
    // a class instance may hold facts in getters
    const proto = Object.getPrototypeOf(facts);
    if (proto !== Object.prototype && proto !== null) return -1;
    let node: Shape | null = this.root;
    for (const k in facts) {
      const v = (facts as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (typeof v === 'string') {
        node = this.child(node, STRING, k);
        this.parts[this.count++] = v;
      } else if (typeof v === 'number') {
        // -0 would share the table key of 0
        if (v === 0 && 1 / v < 0) return -1;
        node = this.child(node, NUMBER, k);
        this.parts[this.count++] = v;
      } else if (v === true || v === false) {
        node = this.child(node, v ? TRUE : FALSE, k);
      } else return -1;
      if (node === null) return -1;
    }
    // no string or number at all (`{}`, flags alone): nothing to key a table level by, and cheap to decide
    return this.count === 0 ? -1 : node.id;
  }

  private child(node: Shape, kind: number, name: string): Shape | null {
    const kids = node.kids;
    for (let i = 0; i < kids.length; i += 3) if (kids[i] === name && kids[i + 1] === kind) return kids[i + 2] as Shape;
    if (this.shapes >= MAX_SHAPES || kids.length >= 3 * MAX_CHILDREN) return null;
    const made = new Shape(this.shapes++);
    kids.push(name, kind, made);
    return made;
  }
}

interface Level<V> {
  [key: string | number]: V | Level<V>;
}

/** Verdicts of one operation list by shape and fact values (nested tables, one level per value). */
export class VerdictMemo<V> extends ProbeBudget {
  private bySlot: Array<{ root: Level<V>; size: number } | undefined> = [];
  /** Stores in the current window of the hit-rate policy (ProbeBudget; the caller asks `skipping()` first). */
  private stores = 0;

  /** The verdict for `parts[0..count)` (count ≥ 1) in this slot, if decided before. */
  get(slot: number, parts: ReadonlyArray<string | number>, count: number): V | undefined {
    const s = this.bySlot[slot];
    if (s === undefined) return undefined;
    let t: unknown = s.root;
    for (let i = 0; i < count; i++) {
      t = (t as Level<V>)[parts[i]];
      if (t === undefined) return undefined;
    }
    this.hits++;
    return t as V;
  }

  set(slot: number, parts: ReadonlyArray<string | number>, count: number, v: V): void {
    if (++this.stores >= MEMO_LIMIT) {
      this.stores = 0;
      if (!this.paid(MEMO_LIMIT)) {
        // mostly data never seen before: drop every table and skip the next probes
        this.bySlot = [];
        return;
      }
    }
    let s = this.bySlot[slot];
    if (s === undefined || s.size >= MEMO_LIMIT) this.bySlot[slot] = s = { root: Object.create(null) as Level<V>, size: 0 };
    s.size++;
    let t = s.root;
    for (let i = 0; i < count - 1; i++) {
      let next = t[parts[i]] as Level<V> | undefined;
      if (next === undefined) t[parts[i]] = next = Object.create(null) as Level<V>;
      t = next;
    }
    t[parts[count - 1]] = v;
  }
}
