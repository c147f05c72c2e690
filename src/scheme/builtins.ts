// Scheme procedures of the TinyScheme subset (init.scm + Apple's additions) that profiles call.

import { readOne } from './reader.js';
import { SourceFile } from './source.js';
import type { Env } from './env.js';
import { SchemeError } from './errors.js';
import { CELL_CHARS, STEP_CHARS, limitError } from './limits.js';
import { Primitive, TailCall, type PrimitiveContext, type PrimitiveFn } from './procedures.js';
import {
  Char,
  Macro,
  NIL,
  Pair,
  Procedure,
  Promise,
  Sym,
  UNSPECIFIED,
  arrayToList,
  displayValue,
  eqv,
  isEqual,
  listToArray,
  typeName,
  writeValue,
  type OpaqueValue,
  type Value,
} from './values.js';

function fail(message: string, code = 'scheme/type'): never {
  throw new SchemeError(message, code);
}

/** A Unicode code point (what a character can hold), or the error saying why `n` is not one. */
function codePoint(n: number, who: string): number {
  if (n < 0 || n > 0x10ffff) fail(`${who}: ${n} is not a Unicode code point (0 to #x10FFFF)`);
  return n;
}

export function expectString(v: Value, who: string, pos = 1): string {
  if (typeof v !== 'string') fail(`${who}: argument ${pos} must be a string, got ${describeArg(v)}`);
  return v;
}

export function expectNumber(v: Value, who: string, pos = 1): number {
  if (typeof v !== 'number') fail(`${who}: argument ${pos} must be a number, got ${describeArg(v)}`);
  return v;
}

export function expectInteger(v: Value, who: string, pos = 1): number {
  const n = expectNumber(v, who, pos);
  if (!Number.isInteger(n)) fail(`${who}: argument ${pos} must be an integer, got ${n}`);
  return n;
}

function expectPair(v: Value, who: string): Pair {
  if (!(v instanceof Pair)) fail(`${who}: expected a pair, got ${describeArg(v)}`);
  return v;
}

export function expectList(v: Value, who: string, pos = 1): Value[] {
  const a = listToArray(v);
  if (!a) fail(`${who}: argument ${pos} must be a list, got ${describeArg(v)}`);
  return a;
}

/** expectList, charging one step per element walked (a list argument costs what walking it costs). */
export function listArg(ctx: PrimitiveContext, v: Value, who: string, pos = 1): Value[] {
  const a = expectList(v, who, pos);
  ctx.interp.charge(a.length);
  return a;
}

/** Charge building `n` list cells (a step and a cell each). */
export function chargeCells(ctx: PrimitiveContext, n: number): void {
  ctx.interp.charge(n, n);
}

/** Charge copying or comparing `n` characters; `allocate` when a new string of that length is made. */
export function chargeChars(ctx: PrimitiveContext, n: number, allocate = true): void {
  ctx.interp.charge(Math.ceil(n / STEP_CHARS), allocate ? Math.ceil(n / CELL_CHARS) : 0);
}

/** Check a string about to be built is within maxStringLength (before it is built). */
export function checkStringLength(ctx: PrimitiveContext, n: number, who: string): void {
  const limit = ctx.interp.limits.maxStringLength;
  if (n > limit) throw limitError('maxStringLength', 'string', `${who}: string longer than ${limit.toLocaleString('en-US')} characters`);
}

/** Walk pairs from `p` until `stop` says so or the list ends, charging a step per pair; returns the pair stopped at. */
function walkPairs(ctx: PrimitiveContext, p: Value, stop: (pair: Pair) => boolean): Pair | undefined {
  const budget = Math.max(0, ctx.interp.limits.maxSteps - ctx.interp.steps);
  let n = 0;
  try {
    while (p instanceof Pair) {
      if (stop(p)) return p;
      p = p.cdr;
      if (++n > budget) break; // a circular list: the charge below stops it
    }
    return undefined;
  } finally {
    ctx.interp.charge(n);
  }
}

function expectChar(v: Value, who: string, pos = 1): Char {
  if (!(v instanceof Char)) fail(`${who}: argument ${pos} must be a character, got ${describeArg(v)}`);
  return v;
}

export function describeArg(v: Value): string {
  if (v === false) return '#f';
  if (v === true) return '#t';
  return `${writeValue(v, 50)} (${typeName(v)})`;
}

class StringPort implements OpaqueValue {
  readonly opaqueKind = 'input-port';
  pos = 0;
  readonly file: SourceFile;
  constructor(readonly text: string) {
    this.file = new SourceFile('<string port>', text);
  }
  describe(): string {
    return '#<string-input-port>';
  }
}

class EofObject implements OpaqueValue {
  static readonly instance = new EofObject();
  readonly opaqueKind = 'eof';
  describe(): string {
    return '#<eof>';
  }
}

type Def = [name: string, fn: PrimitiveFn, min?: number, max?: number];

export function installBuiltins(env: Env): void {
  const defs: Def[] = [];
  const def = (name: string, fn: PrimitiveFn, min = 0, max = Infinity) => defs.push([name, fn, min, max]);
  // Limits come from the calling interpreter (the environment is shared by every compile). Every primitive
  // whose work grows with its arguments charges it (listArg, chargeCells, chargeChars), so list and string
  // operations count against maxSteps and maxAllocation like the calls that drive them.

  // ---- equivalence and predicates
  def('eq?', (a) => a[0] === a[1] || (typeof a[0] === 'number' && a[0] === a[1]) || (a[0] instanceof Char && a[1] instanceof Char && a[0].code === a[1].code), 2, 2);
  def('eqv?', (a) => eqv(a[0], a[1]), 2, 2);
  def('equal?', (a, ctx) => isEqual(a[0], a[1], () => ctx.interp.charge(1)), 2, 2);
  def('not', (a) => a[0] === false, 1, 1);
  def('null?', (a) => a[0] === NIL, 1, 1);
  def('pair?', (a) => a[0] instanceof Pair, 1, 1);
  def('list?', (a, ctx) => {
    const items = listToArray(a[0]);
    ctx.interp.charge(items?.length ?? 1);
    return items !== undefined;
  }, 1, 1);
  def('atom?', (a) => !(a[0] instanceof Pair), 1, 1);
  def('symbol?', (a) => a[0] instanceof Sym, 1, 1);
  def('string?', (a) => typeof a[0] === 'string', 1, 1);
  def('number?', (a) => typeof a[0] === 'number', 1, 1);
  def('integer?', (a) => typeof a[0] === 'number' && Number.isInteger(a[0]), 1, 1);
  def('real?', (a) => typeof a[0] === 'number', 1, 1);
  def('exact?', (a) => Number.isInteger(expectNumber(a[0], 'exact?')), 1, 1);
  def('inexact?', (a) => !Number.isInteger(expectNumber(a[0], 'inexact?')), 1, 1);
  def('boolean?', (a) => typeof a[0] === 'boolean', 1, 1);
  def('char?', (a) => a[0] instanceof Char, 1, 1);
  def('procedure?', (a) => a[0] instanceof Procedure, 1, 1);
  def('macro?', (a) => a[0] instanceof Macro, 1, 1);
  def('eof-object?', (a) => a[0] === EofObject.instance, 1, 1);

  // ---- numbers
  const nums = (a: Value[], who: string) => a.map((v, i) => expectNumber(v, who, i + 1));
  def('+', (a) => nums(a, '+').reduce((x, y) => x + y, 0));
  def('*', (a) => nums(a, '*').reduce((x, y) => x * y, 1));
  def('-', (a) => {
    const n = nums(a, '-');
    return n.length === 1 ? -n[0] : n.slice(1).reduce((x, y) => x - y, n[0]);
  }, 1);
  def('/', (a) => {
    const n = nums(a, '/');
    if (n.slice(n.length === 1 ? 0 : 1).some((x) => x === 0)) fail('/: division by zero', 'scheme/arith');
    return n.length === 1 ? 1 / n[0] : n.slice(1).reduce((x, y) => x / y, n[0]);
  }, 1);
  const cmp = (name: string, f: (x: number, y: number) => boolean) =>
    def(name, (a) => {
      const n = nums(a, name);
      for (let i = 1; i < n.length; i++) if (!f(n[i - 1], n[i])) return false;
      return true;
    }, 1);
  cmp('=', (x, y) => x === y);
  cmp('<', (x, y) => x < y);
  cmp('>', (x, y) => x > y);
  cmp('<=', (x, y) => x <= y);
  cmp('>=', (x, y) => x >= y);
  def('zero?', (a) => expectNumber(a[0], 'zero?') === 0, 1, 1);
  def('positive?', (a) => expectNumber(a[0], 'positive?') > 0, 1, 1);
  def('negative?', (a) => expectNumber(a[0], 'negative?') < 0, 1, 1);
  def('odd?', (a) => Math.abs(expectInteger(a[0], 'odd?')) % 2 === 1, 1, 1);
  def('even?', (a) => expectInteger(a[0], 'even?') % 2 === 0, 1, 1);
  // (apply max big-list) passes any number of arguments: no spread into Math.max
  def('max', (a) => nums(a, 'max').reduce((x, y) => (y > x ? y : x)), 1);
  def('min', (a) => nums(a, 'min').reduce((x, y) => (y < x ? y : x)), 1);
  def('abs', (a) => Math.abs(expectNumber(a[0], 'abs')), 1, 1);
  const intDiv = (name: string, f: (x: number, y: number) => number) =>
    def(name, (a) => {
      const x = expectInteger(a[0], name, 1);
      const y = expectInteger(a[1], name, 2);
      if (y === 0) fail(`${name}: division by zero`, 'scheme/arith');
      return f(x, y);
    }, 2, 2);
  intDiv('quotient', (x, y) => Math.trunc(x / y));
  intDiv('remainder', (x, y) => x % y);
  intDiv('modulo', (x, y) => ((x % y) + y) % y);
  const radixArg = (v: Value, who: string): number => {
    if (v === undefined) return 10;
    const radix = expectInteger(v, who, 2);
    if (radix < 2 || radix > 36) fail(`${who}: radix must be between 2 and 36, got ${radix}`);
    return radix;
  };
  def('number->string', (a) => {
    const n = expectNumber(a[0], 'number->string');
    return n.toString(radixArg(a[1], 'number->string'));
  }, 1, 2);
  def('string->number', (a, ctx) => {
    const s = expectString(a[0], 'string->number').trim();
    chargeChars(ctx, s.length, false);
    const radix = radixArg(a[1], 'string->number');
    if (radix === 10) return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : false;
    const v = parseInt(s, radix);
    return Number.isNaN(v) || v.toString(radix) !== s.toLowerCase().replace(/^\+/, '') ? false : v;
  }, 1, 2);
  def('exact->inexact', (a) => expectNumber(a[0], 'exact->inexact'), 1, 1);
  def('inexact->exact', (a) => Math.round(expectNumber(a[0], 'inexact->exact')), 1, 1);
  def('floor', (a) => Math.floor(expectNumber(a[0], 'floor')), 1, 1);
  def('ceiling', (a) => Math.ceil(expectNumber(a[0], 'ceiling')), 1, 1);
  def('round', (a) => Math.round(expectNumber(a[0], 'round')), 1, 1);
  def('truncate', (a) => Math.trunc(expectNumber(a[0], 'truncate')), 1, 1);
  def('expt', (a) => Math.pow(expectNumber(a[0], 'expt', 1), expectNumber(a[1], 'expt', 2)), 2, 2);

  // ---- pairs and lists
  def('cons', (a, ctx) => {
    ctx.interp.charge(0, 1);
    return new Pair(a[0], a[1]);
  }, 2, 2);
  def('car', (a) => expectPair(a[0], 'car').car, 1, 1);
  def('cdr', (a) => expectPair(a[0], 'cdr').cdr, 1, 1);
  for (const path of ['aa', 'ad', 'da', 'dd', 'aaa', 'aad', 'ada', 'add', 'daa', 'dad', 'dda', 'ddd', 'addd', 'dddd']) {
    const name = `c${path}r`;
    def(name, (a) => {
      let v = a[0];
      for (let i = path.length - 1; i >= 0; i--) {
        const p = expectPair(v, name);
        v = path[i] === 'a' ? p.car : p.cdr;
      }
      return v;
    }, 1, 1);
  }
  def('set-car!', (a) => {
    expectPair(a[0], 'set-car!').car = a[1];
    return UNSPECIFIED;
  }, 2, 2);
  def('set-cdr!', (a) => {
    expectPair(a[0], 'set-cdr!').cdr = a[1];
    return UNSPECIFIED;
  }, 2, 2);
  def('list', (a, ctx) => {
    chargeCells(ctx, a.length);
    return arrayToList(a);
  });
  def('length', (a, ctx) => listArg(ctx, a[0], 'length').length, 1, 1);
  def('append', (a, ctx) => {
    if (a.length === 0) return NIL;
    let result = a[a.length - 1];
    for (let i = a.length - 2; i >= 0; i--) {
      const items = listArg(ctx, a[i], 'append', i + 1);
      chargeCells(ctx, items.length);
      result = arrayToList(items, result);
    }
    return result;
  });
  const copyList = (name: string, arity: number, pick: (items: Value[], a: Value[]) => Value[]) =>
    def(name, (a, ctx) => {
      const items = pick(listArg(ctx, a[0], name), a);
      chargeCells(ctx, items.length);
      return arrayToList(items);
    }, arity, arity);
  copyList('reverse', 1, (items) => items.reverse());
  copyList('list-copy', 1, (items) => items);
  copyList('take', 2, (items, a) => items.slice(0, expectInteger(a[1], 'take', 2)));
  copyList('drop', 2, (items, a) => items.slice(expectInteger(a[1], 'drop', 2)));
  def('list-tail', (a, ctx) => {
    let p = a[0];
    const k = expectInteger(a[1], 'list-tail', 2);
    ctx.interp.charge(Math.max(0, k));
    for (let i = 0; i < k; i++) p = expectPair(p, 'list-tail').cdr;
    return p;
  }, 2, 2);
  def('list-ref', (a, ctx) => {
    const k = expectInteger(a[1], 'list-ref', 2);
    let i = 0;
    const at = k < 0 ? undefined : walkPairs(ctx, a[0], () => i++ === k);
    if (!at) fail(`list-ref: index ${k} out of range for a list of ${i}`);
    return at.car;
  }, 2, 2);
  def('last-pair', (a, ctx) => walkPairs(ctx, expectPair(a[0], 'last-pair'), (p) => !(p.cdr instanceof Pair))!, 1, 1);
  const mem = (name: string, eq: (x: Value, y: Value, ctx: PrimitiveContext) => boolean) =>
    def(name, (a, ctx) => walkPairs(ctx, a[1], (p) => eq(a[0], p.car, ctx)) ?? false, 2, 2);
  mem('memq', (x, y) => x === y || eqv(x, y));
  mem('memv', eqv);
  mem('member', (x, y, ctx) => isEqual(x, y, () => ctx.interp.charge(1)));
  const ass = (name: string, eq: (x: Value, y: Value, ctx: PrimitiveContext) => boolean) =>
    def(name, (a, ctx) => {
      const at = walkPairs(ctx, a[1], (p) => p.car instanceof Pair && eq(a[0], p.car.car, ctx));
      return at ? at.car : false;
    }, 2, 2);
  ass('assq', (x, y) => x === y || eqv(x, y));
  ass('assv', eqv);
  ass('assoc', (x, y, ctx) => isEqual(x, y, () => ctx.interp.charge(1)));

  // ---- higher-order
  def('apply', (a, ctx) => {
    const f = a[0];
    const spread = listArg(ctx, a[a.length - 1], 'apply', a.length);
    chargeCells(ctx, spread.length);
    const args = a.slice(1, -1).concat(spread);
    return new TailCall(f, args, ctx.src);
  }, 1);
  const mapLike = (name: string, collect: boolean) =>
    def(name, (a, ctx) => {
      const f = a[0];
      const lists = a.slice(1).map((l, i) => listArg(ctx, l, name, i + 2));
      let n = lists[0].length;
      for (const l of lists) if (l.length < n) n = l.length;
      if (collect) chargeCells(ctx, n);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        const v = ctx.interp.call(f, lists.map((l) => l[i]), ctx);
        if (collect) out.push(v);
      }
      return collect ? arrayToList(out) : UNSPECIFIED;
    }, 2);
  mapLike('map', true);
  mapLike('for-each', false);
  def('filter', (a, ctx) => {
    const kept = listArg(ctx, a[1], 'filter', 2).filter((x) => ctx.interp.call(a[0], [x], ctx) !== false);
    chargeCells(ctx, kept.length);
    return arrayToList(kept);
  }, 2, 2);
  def('reduce', (a, ctx) => {
    const items = listArg(ctx, a[2], 'reduce', 3);
    if (items.length === 0) return a[1];
    let acc = items[0];
    for (let i = 1; i < items.length; i++) acc = ctx.interp.call(a[0], [items[i], acc], ctx);
    return acc;
  }, 3, 3);
  def('force', (a) => {
    const p = a[0];
    if (!(p instanceof Promise)) return p;
    if (!p.forced) {
      p.value = p.thunk();
      p.forced = true;
    }
    return p.value;
  }, 1, 1);
  def('eval', (a, ctx) => ctx.interp.eval(a[0], ctx.interp.global, ctx.src), 1, 2);
  def('interaction-environment', () => UNSPECIFIED, 0, 0);
  def('defined?', (a, ctx) => {
    const s = a[0];
    if (!(s instanceof Sym)) fail(`defined?: expected a symbol, got ${describeArg(s)}`);
    return ctx.env.lookup(s.name) !== undefined || ctx.interp.isSpecial(s.name);
  }, 1, 2);
  def('error', (a) => {
    const msg = a.length ? displayValue(a[0]) : 'error';
    const irritants = a.slice(1).map((v) => writeValue(v, 80)).join(' ');
    throw new SchemeError(irritants ? `${msg} ${irritants}` : msg, 'scheme/user-error');
  });
  def('void', () => UNSPECIFIED);
  let gensymCounter = 0;
  def('gensym', () => Sym.of(`gensym-${++gensymCounter}`), 0, 1);

  // ---- symbols, characters, strings
  def('symbol->string', (a) => {
    if (!(a[0] instanceof Sym)) fail(`symbol->string: expected a symbol, got ${describeArg(a[0])}`);
    return a[0].name;
  }, 1, 1);
  // symbols are interned for good: a new one is memory the run keeps
  def('string->symbol', (a, ctx) => {
    const s = expectString(a[0], 'string->symbol');
    chargeChars(ctx, s.length);
    return Sym.of(s);
  }, 1, 1);
  def('char->integer', (a) => expectChar(a[0], 'char->integer').code, 1, 1);
  def('integer->char', (a) => new Char(codePoint(expectInteger(a[0], 'integer->char'), 'integer->char')), 1, 1);
  def('char-upcase', (a) => new Char(String.fromCodePoint(expectChar(a[0], 'char-upcase').code).toUpperCase().codePointAt(0)!), 1, 1);
  def('char-downcase', (a) => new Char(String.fromCodePoint(expectChar(a[0], 'char-downcase').code).toLowerCase().codePointAt(0)!), 1, 1);
  def('char-alphabetic?', (a) => /\p{L}/u.test(String.fromCodePoint(expectChar(a[0], 'char-alphabetic?').code)), 1, 1);
  def('char-numeric?', (a) => /\p{Nd}/u.test(String.fromCodePoint(expectChar(a[0], 'char-numeric?').code)), 1, 1);
  def('char-whitespace?', (a) => /\s/u.test(String.fromCodePoint(expectChar(a[0], 'char-whitespace?').code)), 1, 1);
  const charCmp = (name: string, f: (x: number, y: number) => boolean, fold = false) =>
    def(name, (a) => {
      const c = a.map((v, i) => expectChar(v, name, i + 1).code).map((x) => (fold ? String.fromCodePoint(x).toLowerCase().codePointAt(0)! : x));
      for (let i = 1; i < c.length; i++) if (!f(c[i - 1], c[i])) return false;
      return true;
    }, 1);
  charCmp('char=?', (x, y) => x === y);
  charCmp('char<?', (x, y) => x < y);
  charCmp('char>?', (x, y) => x > y);
  charCmp('char<=?', (x, y) => x <= y);
  charCmp('char>=?', (x, y) => x >= y);
  charCmp('char-ci=?', (x, y) => x === y, true);

  def('string-length', (a) => expectString(a[0], 'string-length').length, 1, 1);
  def('string-ref', (a) => {
    const s = expectString(a[0], 'string-ref');
    const k = expectInteger(a[1], 'string-ref', 2);
    if (k < 0 || k >= s.length) fail(`string-ref: index ${k} out of range for a string of length ${s.length}`);
    return new Char(s.charCodeAt(k));
  }, 2, 2);
  def('substring', (a, ctx) => {
    const s = expectString(a[0], 'substring');
    const start = expectInteger(a[1], 'substring', 2);
    const end = a[2] === undefined ? s.length : expectInteger(a[2], 'substring', 3);
    if (start < 0 || end > s.length || start > end) fail(`substring: range ${start}..${end} out of bounds for a string of length ${s.length}`);
    chargeChars(ctx, end - start);
    return s.slice(start, end);
  }, 2, 3);
  const buildString = (ctx: PrimitiveContext, who: string, parts: string[]): string => {
    let n = 0;
    for (const p of parts) n += p.length;
    checkStringLength(ctx, n, who);
    chargeChars(ctx, n);
    return parts.join('');
  };
  def('string-append', (a, ctx) => buildString(ctx, 'string-append', a.map((v, i) => expectString(v, 'string-append', i + 1))));
  def('string', (a, ctx) => buildString(ctx, 'string', a.map((c, i) => String.fromCodePoint(expectChar(c, 'string', i + 1).code))));
  def('make-string', (a, ctx) => {
    const n = Math.max(0, expectInteger(a[0], 'make-string'));
    const c = a[1] === undefined ? ' ' : String.fromCodePoint(expectChar(a[1], 'make-string', 2).code);
    checkStringLength(ctx, n * c.length, 'make-string');
    chargeChars(ctx, n * c.length);
    return c.repeat(n);
  }, 1, 2);
  def('string-copy', (a) => expectString(a[0], 'string-copy'), 1, 1);
  def('string->list', (a, ctx) => {
    const s = expectString(a[0], 'string->list');
    chargeCells(ctx, s.length);
    return arrayToList([...s].map((c) => new Char(c.codePointAt(0)!)));
  }, 1, 1);
  def('list->string', (a, ctx) => buildString(ctx, 'list->string', listArg(ctx, a[0], 'list->string').map((c) => String.fromCodePoint(expectChar(c, 'list->string').code))), 1, 1);
  const mapString = (name: string, f: (s: string) => string) =>
    def(name, (a, ctx) => {
      const s = expectString(a[0], name);
      chargeChars(ctx, s.length);
      const r = f(s);
      checkStringLength(ctx, r.length, name);
      return r;
    }, 1, 1);
  mapString('string-upcase', (s) => s.toUpperCase());
  mapString('string-downcase', (s) => s.toLowerCase());
  def('string-null?', (a) => expectString(a[0], 'string-null?').length === 0, 1, 1);
  def('string-prefix?', (a, ctx) => {
    const pre = expectString(a[0], 'string-prefix?', 1);
    chargeChars(ctx, pre.length, false);
    return expectString(a[1], 'string-prefix?', 2).startsWith(pre);
  }, 2, 2);
  def('string-suffix?', (a, ctx) => {
    const suf = expectString(a[0], 'string-suffix?', 1);
    chargeChars(ctx, suf.length, false);
    return expectString(a[1], 'string-suffix?', 2).endsWith(suf);
  }, 2, 2);
  const strCmp = (name: string, f: (x: string, y: string) => boolean, fold = false) =>
    def(name, (a, ctx) => {
      const s = a.map((v, i) => expectString(v, name, i + 1)).map((x) => (fold ? x.toLowerCase() : x));
      let n = 0;
      for (const x of s) n += x.length;
      chargeChars(ctx, n, fold);
      for (let i = 1; i < s.length; i++) if (!f(s[i - 1], s[i])) return false;
      return true;
    }, 1);
  strCmp('string=?', (x, y) => x === y);
  strCmp('string<?', (x, y) => x < y);
  strCmp('string>?', (x, y) => x > y);
  strCmp('string<=?', (x, y) => x <= y);
  strCmp('string>=?', (x, y) => x >= y);
  strCmp('string-ci=?', (x, y) => x === y, true);
  strCmp('string-ci<?', (x, y) => x < y, true);

  // ---- string ports (used to read SBPL from an entitlement string)
  def('open-input-string', (a) => new StringPort(expectString(a[0], 'open-input-string')), 1, 1);
  // reads from where the last read stopped (no copy of the rest), charging the characters consumed
  def('read', (a, ctx) => {
    const port = a[0];
    if (!(port instanceof StringPort)) fail(`read: expected a string input port, got ${describeArg(port)}`);
    const r = readOne(port.file, port.pos, ctx.interp.limits.maxNesting);
    const end = r ? r.end : port.text.length;
    // a datum needs at least two characters per pair it makes
    ctx.interp.charge(Math.ceil((end - port.pos) / STEP_CHARS), Math.ceil((end - port.pos) / 2));
    port.pos = end;
    return r ? r.datum : EofObject.instance;
  }, 1, 1);

  // ---- output: profiles rarely print; keep it bounded and silent
  const out = (s: string, ctx: PrimitiveContext) => {
    ctx.interp.printed += s.length;
    chargeChars(ctx, s.length, false);
    const limit = ctx.interp.limits.maxOutput;
    if (ctx.interp.printed > limit) throw limitError('maxOutput', 'output', `output longer than ${limit.toLocaleString('en-US')} characters`);
    return UNSPECIFIED;
  };
  def('display', (a, ctx) => out(displayValue(a[0]), ctx), 1, 2);
  def('write', (a, ctx) => out(writeValue(a[0], 10_000), ctx), 1, 2);
  def('newline', (_a, ctx) => out('\n', ctx), 0, 1);

  for (const [name, fn, min, max] of defs) env.define(name, new Primitive(name, fn, min, max));
}

