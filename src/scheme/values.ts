// Scheme values of the TinyScheme subset SBPL profiles use.
// Numbers, strings and booleans are JavaScript primitives; everything else is a small class.

import type { Src } from './source.js';

export class Sym {
  private static table = new Map<string, Sym>();
  private constructor(readonly name: string) {}
  static of(name: string): Sym {
    let s = Sym.table.get(name);
    if (!s) {
      s = new Sym(name);
      Sym.table.set(name, s);
    }
    return s;
  }
}

export class Nil {
  static readonly instance = new Nil();
  private constructor() {}
}
export const NIL = Nil.instance;

export class Pair {
  car: Value;
  cdr: Value;
  /** Span of the list (or dotted form) that starts at this pair, when it came from source text. */
  src?: Src;
  /** Span of the element in car position. */
  carSrc?: Src;
  constructor(car: Value, cdr: Value, src?: Src, carSrc?: Src) {
    this.car = car;
    this.cdr = cdr;
    this.src = src;
    this.carSrc = carSrc;
  }
}

export class Char {
  constructor(readonly code: number) {}
}

export class Unspecified {
  static readonly instance = new Unspecified();
  private constructor() {}
}
export const UNSPECIFIED = Unspecified.instance;

/** A Scheme string built by `#"..."`: still a string, but remembered as a regex literal for diagnostics. */
export type Value =
  | number
  | string
  | boolean
  | Sym
  | Nil
  | Pair
  | Char
  | Unspecified
  | Procedure
  | Macro
  | Promise
  | EnvironmentValue
  | OpaqueValue;

/** Values the SBPL layer defines (operations, filters, modifiers ...) implement this. */
export interface OpaqueValue {
  readonly opaqueKind: string;
  describe(): string;
}

export abstract class Procedure {
  abstract readonly name: string;
}

export class Macro {
  constructor(
    readonly name: string,
    /** Receives the whole form (TinyScheme `macro`) and returns the expansion. */
    readonly transformer: Procedure,
  ) {}
}

export class Promise {
  forced = false;
  value: Value = UNSPECIFIED;
  constructor(readonly thunk: () => Value) {}
}

/** First-class environment (the value of `(interaction-environment)`, `eval`'s second argument). */
export class EnvironmentValue {
  readonly opaqueKind = 'environment';
  constructor(readonly env: unknown) {}
  describe(): string {
    return '#<environment>';
  }
}

export function isPair(v: Value): v is Pair {
  return v instanceof Pair;
}

export function isTrue(v: Value): boolean {
  return v !== false;
}

export function list(...items: Value[]): Value {
  let r: Value = NIL;
  for (let i = items.length - 1; i >= 0; i--) r = new Pair(items[i], r);
  return r;
}

export function arrayToList(items: Value[], tail: Value = NIL): Value {
  let r: Value = tail;
  for (let i = items.length - 1; i >= 0; i--) r = new Pair(items[i], r);
  return r;
}

/**
 * Elements of a proper list, or undefined if `v` is not one (improper or circular: a slow pointer catches a
 * cycle, so this always ends, in time proportional to the list's length).
 */
export function listToArray(v: Value): Value[] | undefined {
  const out: Value[] = [];
  let p = v;
  let slow = v;
  while (p instanceof Pair) {
    out.push(p.car);
    p = p.cdr;
    if ((out.length & 1) === 0) {
      slow = (slow as Pair).cdr;
      if (slow === p && p instanceof Pair) return undefined;
    }
  }
  return p === NIL ? out : undefined;
}

function isOpaque(v: unknown): v is OpaqueValue {
  return typeof v === 'object' && v !== null && 'opaqueKind' in v && typeof (v as OpaqueValue).describe === 'function';
}

/** Scheme `write` representation (strings quoted), bounded so a huge structure cannot flood a message. */
export function writeValue(v: Value, limit = 200): string {
  const out: string[] = [];
  let len = 0;
  const push = (s: string): boolean => {
    out.push(s);
    len += s.length;
    return len < limit;
  };
  const walk = (x: Value, depth: number): boolean => {
    if (depth > 20) return push('...');
    if (typeof x === 'string') return push(JSON.stringify(x));
    if (typeof x === 'number') return push(String(x));
    if (x === true) return push('#t');
    if (x === false) return push('#f');
    if (x instanceof Sym) return push(x.name);
    if (x === NIL) return push('()');
    if (x instanceof Char) return push(charName(x.code));
    if (x === UNSPECIFIED) return push('#<unspecified>');
    if (x instanceof Procedure) return push(`#<procedure ${x.name}>`);
    if (x instanceof Macro) return push(`#<macro ${x.name}>`);
    if (x instanceof Promise) return push('#<promise>');
    if (x instanceof Pair) {
      if (x.car instanceof Sym && x.cdr instanceof Pair && x.cdr.cdr === NIL) {
        const q = { quote: "'", quasiquote: '`', unquote: ',', 'unquote-splicing': ',@' }[x.car.name];
        if (q) return push(q) && walk(x.cdr.car, depth + 1);
      }
      if (!push('(')) return false;
      let p: Value = x;
      let first = true;
      while (p instanceof Pair) {
        if (!first && !push(' ')) return false;
        if (!walk(p.car, depth + 1)) return false;
        first = false;
        p = p.cdr;
      }
      if (p !== NIL) {
        if (!push(' . ')) return false;
        if (!walk(p, depth + 1)) return false;
      }
      return push(')');
    }
    if (isOpaque(x)) return push(x.describe());
    return push(String(x));
  };
  walk(v, 0);
  const s = out.join('');
  return s.length > limit ? s.slice(0, limit) + '...' : s;
}

/** Scheme `display` representation (strings raw). */
export function displayValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Char) return String.fromCodePoint(v.code);
  return writeValue(v, 100_000);
}

const CHAR_NAMES: Record<number, string> = { 32: 'space', 10: 'newline', 9: 'tab', 13: 'return', 0: 'nul' };

export function charName(code: number): string {
  return '#\\' + (CHAR_NAMES[code] ?? String.fromCodePoint(code));
}

export function typeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Sym) return 'symbol';
  if (v === NIL) return 'empty list';
  if (v instanceof Pair) return 'pair';
  if (v instanceof Char) return 'character';
  if (v === UNSPECIFIED) return 'unspecified value';
  if (v instanceof Procedure) return 'procedure';
  if (v instanceof Macro) return 'macro';
  if (isOpaque(v)) return v.opaqueKind;
  return 'value';
}

/** Scheme eqv?: the same object, equal numbers or characters, or two empty strings. */
export function eqv(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a instanceof Char && b instanceof Char) return a.code === b.code;
  if (typeof a === 'string' && typeof b === 'string') return a === b && a.length === 0;
  return false;
}

/**
 * Scheme equal?: eqv?, equal strings, or pairs whose parts are equal?. Iterative (deep structures cannot
 * overflow the stack); `visit` is called once per pair compared, so a caller can bound the work (two distinct
 * circular lists compare without end otherwise).
 */
export function isEqual(a: Value, b: Value, visit?: () => void): boolean {
  const stack: Value[] = [a, b];
  while (stack.length) {
    const y = stack.pop()!;
    const x = stack.pop()!;
    if (eqv(x, y)) continue;
    if (typeof x === 'string' && typeof y === 'string') {
      if (x !== y) return false;
      continue;
    }
    if (x instanceof Pair && y instanceof Pair) {
      visit?.();
      stack.push(x.cdr, y.cdr, x.car, y.car);
      continue;
    }
    return false;
  }
  return true;
}
