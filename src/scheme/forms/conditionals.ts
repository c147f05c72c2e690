// Conditionals: and, or, when, unless, cond (with =>), case.

import type { Code } from '../procedures.js';
import { TailCall } from '../procedures.js';
import { WIDE } from '../limits.js';
import { NIL, Pair, Sym, eqv, listToArray, writeValue, type Value } from '../values.js';
import { formItems, type SpecialForm, type SpecialForms } from './syntax.js';

const ELSE = Sym.of('else');
const ARROW = Sym.of('=>');

/** when / unless: the body runs when the test is true (when) or false (unless). */
const whenUnless =
  (negate: boolean): SpecialForm =>
  (it, form, tail) => {
    const parts = formItems(form, 1, Infinity, negate ? 'unless' : 'when');
    const test = it.analyze(parts[0].x, parts[0].src, false);
    const body = it.analyzeBodyTail((form.cdr as Pair).cdr, form.src, tail);
    return (env) => ((test(env) !== false) !== negate ? body(env) : NIL);
  };

export const conditionalForms: SpecialForms = {
  and: (it, form, tail) => {
    const parts = formItems(form, 0, Infinity, 'and').map((p, i, a) => it.analyze(p.x, p.src, tail && i === a.length - 1));
    if (parts.length === 0) return () => true;
    const wide = parts.length > WIDE;
    return (env) => {
      if (wide) it.charge(parts.length);
      let v: Value = true;
      for (const c of parts) {
        v = c(env);
        if (v === false) return false;
      }
      return v;
    };
  },

  or: (it, form, tail) => {
    const parts = formItems(form, 0, Infinity, 'or').map((p, i, a) => it.analyze(p.x, p.src, tail && i === a.length - 1));
    const wide = parts.length > WIDE;
    return (env) => {
      if (wide) it.charge(parts.length);
      for (const c of parts) {
        const v = c(env);
        if (v !== false) return v;
      }
      return false;
    };
  },

  when: whenUnless(false),
  unless: whenUnless(true),

  cond: (it, form, tail) => {
    const clauses = formItems(form, 0, Infinity, 'cond').map((c) => {
      if (!(c.x instanceof Pair)) throw it.error(`cond: bad clause ${writeValue(c.x, 40)}`, c.src, 'scheme/syntax');
      const isElse = c.x.car === ELSE;
      const test = isElse ? undefined : it.analyze(c.x.car, c.x.carSrc ?? c.src, false);
      const rest = c.x.cdr;
      if (rest instanceof Pair && rest.car === ARROW) {
        const fx = rest.cdr instanceof Pair ? rest.cdr : undefined;
        if (!fx) throw it.error('cond: => needs a procedure', c.src, 'scheme/syntax');
        const fcode = it.analyze(fx.car, fx.carSrc ?? c.src, false);
        return { test, arrow: fcode, body: undefined as Code | undefined, src: c.src };
      }
      const body = rest === NIL ? undefined : it.analyzeBodyTail(rest, c.src, tail);
      return { test, arrow: undefined as Code | undefined, body, src: c.src };
    });
    const wide = clauses.length > WIDE;
    return (env) => {
      if (wide) it.charge(clauses.length);
      for (const c of clauses) {
        const v = c.test ? c.test(env) : true;
        if (v === false) continue;
        if (c.arrow) {
          const f = c.arrow(env);
          if (tail) return new TailCall(f, [v], c.src) as unknown as Value;
          return it.apply(f, [v], c.src, env);
        }
        return c.body ? c.body(env) : v;
      }
      return NIL;
    };
  },

  case: (it, form, tail) => {
    const parts = formItems(form, 1, Infinity, 'case');
    const key = it.analyze(parts[0].x, parts[0].src, false);
    const clauses = parts.slice(1).map((c) => {
      if (!(c.x instanceof Pair)) throw it.error('case: bad clause', c.src, 'scheme/syntax');
      const data = c.x.car === ELSE ? undefined : listToArray(c.x.car);
      if (c.x.car !== ELSE && !data) throw it.error('case: clause must start with a list of data', c.src, 'scheme/syntax');
      return { data, body: it.analyzeBodyTail(c.x.cdr, c.src, tail) };
    });
    const width = clauses.reduce((n, c) => n + 1 + (c.data?.length ?? 0), 0);
    return (env) => {
      if (width > WIDE) it.charge(width);
      const k = key(env);
      for (const c of clauses) {
        if (!c.data || c.data.some((d) => eqv(d, k))) return c.body(env);
      }
      return NIL;
    };
  },
};
