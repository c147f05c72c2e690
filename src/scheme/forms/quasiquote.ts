// Quasiquote templates: `x, ,x and ,@x at any nesting level, dotted tails included.

import { WIDE } from '../limits.js';
import type { Code, Evaluator } from '../procedures.js';
import type { Src } from '../source.js';
import { NIL, Pair, Sym, arrayToList, listToArray, writeValue, type Value } from '../values.js';
import { formItems, type SpecialForms } from './syntax.js';

const UNQUOTE = Sym.of('unquote');
const UNQUOTE_SPLICING = Sym.of('unquote-splicing');
const QUASIQUOTE = Sym.of('quasiquote');

export const quasiquoteForms: SpecialForms = {
  quasiquote: (it, form) => {
    const [d] = formItems(form, 1, 1, 'quasiquote');
    return analyzeQuasi(it, d.x, 1, d.src);
  },
  unquote: (it, form) => {
    throw it.error("unquote ',' outside a quasiquote", form.src, 'scheme/syntax');
  },
  'unquote-splicing': (it, form) => {
    throw it.error("unquote-splicing ',@' outside a quasiquote", form.src, 'scheme/syntax');
  },
};

function analyzeQuasi(it: Evaluator, x: Value, level: number, src: Src | undefined): Code {
  if (!(x instanceof Pair)) {
    const v = x;
    return () => v;
  }
  if (x.car === UNQUOTE) {
    const arg = x.cdr instanceof Pair ? x.cdr : undefined;
    if (!arg) throw it.error('unquote: missing expression', x.src ?? src, 'scheme/syntax');
    if (level === 1) return it.analyze(arg.car, arg.carSrc ?? x.src ?? src, false);
    const inner = analyzeQuasi(it, arg.car, level - 1, src);
    return (env) => new Pair(UNQUOTE, new Pair(inner(env), NIL));
  }
  if (x.car === QUASIQUOTE) {
    const arg = x.cdr instanceof Pair ? x.cdr : undefined;
    if (!arg) throw it.error('quasiquote: missing template', x.src ?? src, 'scheme/syntax');
    const inner = analyzeQuasi(it, arg.car, level + 1, src);
    return (env) => new Pair(QUASIQUOTE, new Pair(inner(env), NIL));
  }
  // list template: handle unquote-splicing elements
  const parts: Array<{ splice: boolean; code: Code }> = [];
  let p: Value = x;
  while (p instanceof Pair) {
    if (p.car === UNQUOTE) {
      // dotted unquote: `(a . ,b)
      break;
    }
    const el = p.car;
    if (el instanceof Pair && el.car === UNQUOTE_SPLICING && level === 1) {
      const arg = el.cdr instanceof Pair ? el.cdr : undefined;
      if (!arg) throw it.error('unquote-splicing: missing expression', el.src ?? src, 'scheme/syntax');
      parts.push({ splice: true, code: it.analyze(arg.car, arg.carSrc ?? el.src ?? src, false) });
    } else {
      parts.push({ splice: false, code: analyzeQuasi(it, el, el instanceof Pair && el.car === UNQUOTE_SPLICING ? level - 1 : level, p.carSrc ?? src) });
    }
    p = p.cdr;
  }
  const tailCode = p === NIL ? undefined : analyzeQuasi(it, p, level, src);
  const srcOf = x.src;
  return (env) => {
    const out: Value[] = [];
    for (const part of parts) {
      const v = part.code(env);
      if (part.splice) {
        const items = listToArray(v);
        if (!items) throw it.error(`unquote-splicing: expected a list, got ${writeValue(v, 40)}`, srcOf ?? src, 'scheme/type');
        it.charge(items.length, items.length);
        for (const item of items) out.push(item);
      } else out.push(v);
    }
    if (parts.length > WIDE) it.charge(parts.length, parts.length);
    const t = tailCode ? tailCode(env) : NIL;
    const r = arrayToList(out, t);
    if (r instanceof Pair && srcOf) r.src = srcOf;
    return r;
  };
}
