// Regular expressions as a small algebra for state elimination (eliminate.ts builds them, print.ts writes them).
// Nodes remember their size, and (once asked) a structural id: equal ids = equal structure, which is what
// alternation uses to drop duplicate branches. Every node has every field, in one order, so all kinds share one
// object shape.

import type { ByteRange } from './ast.js';

export interface ReBase {
  size: number;
  /** -1 until asked. */
  id: number;
}
export type Re =
  | (ReBase & { t: 'eps' | 'any' | 'bol' | 'eol'; ranges: null; items: null; item: null })
  | (ReBase & { t: 'set'; ranges: readonly ByteRange[]; items: null; item: null })
  | (ReBase & { t: 'cat' | 'alt'; ranges: null; items: Re[]; item: null })
  | (ReBase & { t: 'star'; ranges: null; items: null; item: Re });

function atomRe(t: 'eps' | 'any' | 'bol' | 'eol'): Re {
  return { t, size: 1, id: -1, ranges: null, items: null, item: null };
}

export function setRe(ranges: readonly ByteRange[]): Re {
  return { t: 'set', size: 1, id: -1, ranges, items: null, item: null };
}

export function listRe(t: 'cat' | 'alt', items: Re[]): Re {
  let size = 1;
  for (const x of items) size += x.size;
  return { t, size, id: -1, ranges: null, items, item: null };
}

function starRe(item: Re): Re {
  return { t: 'star', size: 1 + item.size, id: -1, ranges: null, items: null, item };
}

// atoms carry no per-call data (their ids are fixed), so one node each serves every call
export const EPS: Re = atomRe('eps');
export const ANY: Re = atomRe('any');
export const BOL: Re = atomRe('bol');
export const EOL: Re = atomRe('eol');

/** Concatenation without flattening (nested cats are flattened when printed): O(parts), not O(length). */
export function cat(a: Re, b: Re, c: Re): Re {
  if (a.t === 'eps') return cat2(b, c);
  if (b.t === 'eps') return cat2(a, c);
  if (c.t === 'eps') return listRe('cat', [a, b]);
  return listRe('cat', [a, b, c]);
}

function cat2(a: Re, b: Re): Re {
  if (a.t === 'eps') return b;
  if (b.t === 'eps') return a;
  return listRe('cat', [a, b]);
}

export function flatCat(r: Re, into: Re[]): Re[] {
  if (r.t === 'cat') for (const x of r.items) flatCat(x, into);
  else into.push(r);
  return into;
}

export function star(r: Re | null): Re {
  if (r === null || r.t === 'eps') return EPS;
  if (r.t === 'star') return r;
  return starRe(r);
}

/** Same structure (what alternation's ids say, for code that runs without them). */
export function sameRe(a: Re, b: Re): boolean {
  if (a === b) return true;
  if (a.t !== b.t || a.size !== b.size) return false;
  if (a.t === 'set') {
    const x = a.ranges;
    const y = b.ranges!;
    return x.length === y.length && x.every((r, k) => r[0] === y[k][0] && r[1] === y[k][1]);
  }
  if (a.t === 'star') return sameRe(a.item, b.item!);
  if (a.t === 'cat' || a.t === 'alt') return a.items.length === b.items!.length && a.items.every((x, k) => sameRe(x, b.items![k]));
  return true;
}
