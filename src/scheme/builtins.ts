// Scheme procedures of the TinyScheme subset (init.scm + Apple's additions) that profiles call.

import { readOne } from './reader.js';
import type { Env } from './env.js';
import { SchemeError } from './errors.js';
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
  constructor(readonly text: string) {}
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
  // limits come from the calling interpreter: the environment is shared by every compile
  let limit = 0;
  const checkLen = (s: string, who: string): string => {
    if (s.length > limit) {
      throw new SchemeError(`${who}: string longer than ${limit.toLocaleString('en-US')} characters`, 'limit/string');
    }
    return s;
  };
  const withLimit = (fn: PrimitiveFn): PrimitiveFn => (a, ctx) => {
    limit = ctx.interp.limits.maxStringLength;
    return fn(a, ctx);
  };

  // ---- equivalence and predicates
  def('eq?', (a) => a[0] === a[1] || (typeof a[0] === 'number' && a[0] === a[1]) || (a[0] instanceof Char && a[1] instanceof Char && a[0].code === a[1].code), 2, 2);
  def('eqv?', (a) => eqv(a[0], a[1]), 2, 2);
  def('equal?', (a) => isEqual(a[0], a[1]), 2, 2);
  def('not', (a) => a[0] === false, 1, 1);
  def('null?', (a) => a[0] === NIL, 1, 1);
  def('pair?', (a) => a[0] instanceof Pair, 1, 1);
  def('list?', (a) => listToArray(a[0]) !== undefined, 1, 1);
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
  def('max', (a) => Math.max(...nums(a, 'max')), 1);
  def('min', (a) => Math.min(...nums(a, 'min')), 1);
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
  def('number->string', (a) => {
    const n = expectNumber(a[0], 'number->string');
    const radix = a[1] === undefined ? 10 : expectInteger(a[1], 'number->string', 2);
    return n.toString(radix);
  }, 1, 2);
  def('string->number', (a) => {
    const s = expectString(a[0], 'string->number').trim();
    const radix = a[1] === undefined ? 10 : expectInteger(a[1], 'string->number', 2);
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
  def('cons', (a) => new Pair(a[0], a[1]), 2, 2);
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
  def('list', (a) => arrayToList(a));
  def('length', (a) => expectList(a[0], 'length').length, 1, 1);
  def('append', (a) => {
    if (a.length === 0) return NIL;
    let result = a[a.length - 1];
    for (let i = a.length - 2; i >= 0; i--) result = arrayToList(expectList(a[i], 'append', i + 1), result);
    return result;
  });
  def('reverse', (a) => arrayToList(expectList(a[0], 'reverse').reverse()), 1, 1);
  def('list-tail', (a) => {
    let p = a[0];
    const k = expectInteger(a[1], 'list-tail', 2);
    for (let i = 0; i < k; i++) p = expectPair(p, 'list-tail').cdr;
    return p;
  }, 2, 2);
  def('list-ref', (a) => {
    const items = expectList(a[0], 'list-ref');
    const k = expectInteger(a[1], 'list-ref', 2);
    if (k < 0 || k >= items.length) fail(`list-ref: index ${k} out of range for a list of ${items.length}`);
    return items[k];
  }, 2, 2);
  def('last-pair', (a) => {
    let p = expectPair(a[0], 'last-pair');
    while (p.cdr instanceof Pair) p = p.cdr;
    return p;
  }, 1, 1);
  def('list-copy', (a) => arrayToList(expectList(a[0], 'list-copy')), 1, 1);
  def('take', (a) => arrayToList(expectList(a[0], 'take').slice(0, expectInteger(a[1], 'take', 2))), 2, 2);
  def('drop', (a) => arrayToList(expectList(a[0], 'drop').slice(expectInteger(a[1], 'drop', 2))), 2, 2);
  const mem = (name: string, eq: (x: Value, y: Value) => boolean) =>
    def(name, (a) => {
      let p = a[1];
      while (p instanceof Pair) {
        if (eq(a[0], p.car)) return p;
        p = p.cdr;
      }
      return false;
    }, 2, 2);
  mem('memq', (x, y) => x === y || eqv(x, y));
  mem('memv', eqv);
  mem('member', (x, y) => isEqual(x, y));
  const ass = (name: string, eq: (x: Value, y: Value) => boolean) =>
    def(name, (a) => {
      let p = a[1];
      while (p instanceof Pair) {
        if (p.car instanceof Pair && eq(a[0], p.car.car)) return p.car;
        p = p.cdr;
      }
      return false;
    }, 2, 2);
  ass('assq', (x, y) => x === y || eqv(x, y));
  ass('assv', eqv);
  ass('assoc', (x, y) => isEqual(x, y));

  // ---- higher-order
  def('apply', (a, ctx) => {
    const f = a[0];
    const spread = expectList(a[a.length - 1], 'apply', a.length);
    const args = [...a.slice(1, -1), ...spread];
    return new TailCall(f, args, ctx.src);
  }, 1);
  const mapLike = (name: string, collect: boolean) =>
    def(name, (a, ctx) => {
      const f = a[0];
      const lists = a.slice(1).map((l, i) => expectList(l, name, i + 2));
      const n = Math.min(...lists.map((l) => l.length));
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        const v = ctx.interp.call(f, lists.map((l) => l[i]), ctx);
        if (collect) out.push(v);
      }
      return collect ? arrayToList(out) : UNSPECIFIED;
    }, 2);
  mapLike('map', true);
  mapLike('for-each', false);
  def('filter', (a, ctx) => arrayToList(expectList(a[1], 'filter', 2).filter((x) => ctx.interp.call(a[0], [x], ctx) !== false)), 2, 2);
  def('reduce', (a, ctx) => {
    const items = expectList(a[2], 'reduce', 3);
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
  def('string->symbol', (a) => Sym.of(expectString(a[0], 'string->symbol')), 1, 1);
  def('char->integer', (a) => expectChar(a[0], 'char->integer').code, 1, 1);
  def('integer->char', (a) => new Char(expectInteger(a[0], 'integer->char')), 1, 1);
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
  def('substring', (a) => {
    const s = expectString(a[0], 'substring');
    const start = expectInteger(a[1], 'substring', 2);
    const end = a[2] === undefined ? s.length : expectInteger(a[2], 'substring', 3);
    if (start < 0 || end > s.length || start > end) fail(`substring: range ${start}..${end} out of bounds for a string of length ${s.length}`);
    return s.slice(start, end);
  }, 2, 3);
  def('string-append', withLimit((a) => checkLen(a.map((v, i) => expectString(v, 'string-append', i + 1)).join(''), 'string-append')));
  def('string', (a) => a.map((c, i) => String.fromCodePoint(expectChar(c, 'string', i + 1).code)).join(''));
  def('make-string', withLimit((a) => {
    const n = expectInteger(a[0], 'make-string');
    const c = a[1] === undefined ? ' ' : String.fromCodePoint(expectChar(a[1], 'make-string', 2).code);
    return checkLen(c.repeat(Math.max(0, Math.min(n, limit + 1))), 'make-string');
  }), 1, 2);
  def('string-copy', (a) => expectString(a[0], 'string-copy'), 1, 1);
  def('string->list', (a) => arrayToList([...expectString(a[0], 'string->list')].map((c) => new Char(c.codePointAt(0)!))), 1, 1);
  def('list->string', withLimit((a) => checkLen(expectList(a[0], 'list->string').map((c) => String.fromCodePoint(expectChar(c, 'list->string').code)).join(''), 'list->string')), 1, 1);
  def('string-upcase', (a) => expectString(a[0], 'string-upcase').toUpperCase(), 1, 1);
  def('string-downcase', (a) => expectString(a[0], 'string-downcase').toLowerCase(), 1, 1);
  def('string-null?', (a) => expectString(a[0], 'string-null?').length === 0, 1, 1);
  def('string-prefix?', (a) => expectString(a[1], 'string-prefix?', 2).startsWith(expectString(a[0], 'string-prefix?', 1)), 2, 2);
  def('string-suffix?', (a) => expectString(a[1], 'string-suffix?', 2).endsWith(expectString(a[0], 'string-suffix?', 1)), 2, 2);
  const strCmp = (name: string, f: (x: string, y: string) => boolean, fold = false) =>
    def(name, (a) => {
      const s = a.map((v, i) => expectString(v, name, i + 1)).map((x) => (fold ? x.toLowerCase() : x));
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
  def('read', (a) => {
    const port = a[0];
    if (!(port instanceof StringPort)) fail(`read: expected a string input port, got ${describeArg(port)}`);
    const rest = port.text.slice(port.pos);
    const r = readOne(rest, '<string port>');
    if (!r) {
      port.pos = port.text.length;
      return EofObject.instance;
    }
    port.pos += r.end;
    return r.datum;
  }, 1, 1);

  // ---- output: profiles rarely print; keep it bounded and silent
  const out = (s: string, ctx: PrimitiveContext) => {
    ctx.interp.printed += s.length;
    if (ctx.interp.printed > ctx.interp.limits.maxStringLength) throw new SchemeError(`output longer than ${ctx.interp.limits.maxStringLength} characters`, 'limit/output');
    return UNSPECIFIED;
  };
  def('display', (a, ctx) => out(displayValue(a[0]), ctx), 1, 2);
  def('write', (a, ctx) => out(writeValue(a[0], 10_000), ctx), 1, 2);
  def('newline', (_a, ctx) => out('\n', ctx), 0, 1);

  for (const [name, fn, min, max] of defs) env.define(name, new Primitive(name, fn, min, max));
}

