// A memo of whole decisions for requests whose facts are one string (plus the path flags). A decision is a pure
// function of the operation and the facts (the engine is immutable once built, its caches are pure), so when
// the facts are exactly `{ K: value }` (with pathIsResolved / noFollow true or false) the verdict is a function
// of (operation list, K, flags, value): one hash probe answers a repeated path, service or sysctl name, with no
// dependency analysis of the profile to get wrong. Requests with any other fact (a vnode type, an endpoint,
// entitlements, two names) are decided in full every time.

import { StringTable } from './string-table.js';

/** Distinct fact names given slots before further names are left unmemoised (requests may carry unknown keys). */
const MAX_NAMES = 64;
/** Verdicts kept per (operation list, slot) before that map is cleared (a bound for batches of distinct data). */
const MEMO_LIMIT = 16_384;

const PATH_IS_RESOLVED = 1;
const NO_FOLLOW = 2;

/**
 * Slots of memoisable fact shapes: `slot(facts)` names the shape of `facts` (which fact holds the one string,
 * and which path flags are set) and leaves the string in `value`; -1 when the facts are not one string.
 */
export class FactSlots {
  private readonly names = new Map<string, number>();
  /** The string datum of the facts last given a slot. */
  value = '';

  slot(facts: object): number {
    // plain objects only: what for-in sees is then every fact the engine reads (own enumerable properties)
    const proto = Object.getPrototypeOf(facts);
    if (proto !== Object.prototype && proto !== null) return -1;
    let name = '';
    let value = '';
    let seen = false;
    let flags = 0;
    for (const k in facts) {
      const v = (facts as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (typeof v === 'string') {
        if (seen) return -1;
        seen = true;
        name = k;
        value = v;
      } else if (v === true || v === false) {
        // false reads as absent everywhere the engine reads these flags (`!facts.pathIsResolved`, `!facts.noFollow`)
        if (k === 'pathIsResolved') flags |= v ? PATH_IS_RESOLVED : 0;
        else if (k === 'noFollow') flags |= v ? NO_FOLLOW : 0;
        else return -1;
      } else return -1;
    }
    let id = this.names.get(name);
    if (id === undefined) {
      if (this.names.size >= MAX_NAMES) return -1;
      this.names.set(name, (id = this.names.size));
    }
    this.value = value;
    return id * 4 + flags;
  }
}

/** Verdicts of one operation list by slot and datum. */
export class VerdictMemo<V> {
  private readonly bySlot: Array<StringTable<V> | undefined> = [];

  get(slot: number, value: string): V | undefined {
    return this.bySlot[slot]?.get(value);
  }

  set(slot: number, value: string, v: V): void {
    let m = this.bySlot[slot];
    if (m === undefined) {
      while (this.bySlot.length < slot) this.bySlot.push(undefined);
      this.bySlot[slot] = m = new StringTable(MEMO_LIMIT);
    }
    m.set(value, v);
  }
}
