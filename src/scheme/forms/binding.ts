// Binding forms: let, named let, let*, letrec, letrec*, and the do loop (each binds variables in new frames).

import { Env } from '../env.js';
import type { SchemeError } from '../errors.js';
import { WIDE } from '../limits.js';
import { Closure, TailCall, renameClosure, type Code, type Evaluator } from '../procedures.js';
import { toSpan } from '../source.js';
import { NIL, Pair, Sym, UNSPECIFIED, arrayToList, listToArray, writeValue, type Value } from '../values.js';
import { formItems, type SpecialForms } from './syntax.js';

function analyzeLet(it: Evaluator, form: Pair, tail: boolean, kind: 'let' | 'let*' | 'letrec'): Code {
  const parts = formItems(form, 1, Infinity, kind);
  let bindingsX = parts[0].x;
  let loopName: string | undefined;
  let bodyX: Value = (form.cdr as Pair).cdr;
  if (kind === 'let' && bindingsX instanceof Sym) {
    loopName = bindingsX.name;
    if (parts.length < 2) throw it.error('named let: missing bindings', form.src, 'scheme/syntax');
    bindingsX = parts[1].x;
    bodyX = ((form.cdr as Pair).cdr as Pair).cdr;
  }
  const names: string[] = [];
  const inits: Code[] = [];
  let p = bindingsX;
  while (p instanceof Pair) {
    const b = p.car;
    const bsrc = p.carSrc ?? form.src;
    if (b instanceof Sym) {
      names.push(b.name);
      inits.push(() => UNSPECIFIED);
    } else if (b instanceof Pair && b.car instanceof Sym && (b.cdr === NIL || b.cdr instanceof Pair)) {
      names.push(b.car.name);
      inits.push(b.cdr instanceof Pair ? it.analyze(b.cdr.car, b.cdr.carSrc ?? bsrc, false) : () => UNSPECIFIED);
      if (b.cdr instanceof Pair && b.cdr.cdr !== NIL) {
        // TinyScheme uses the first expression and ignores the rest; Apple ships such a binding (homed.sb).
        it.hooks.warn({
          severity: 'warning',
          code: 'scheme/binding-extra-parts',
          message: `${kind} binding of '${b.car.name}' has more than one expression; only the first is used`,
          span: toSpan(bsrc),
          hint: 'combine the filters with (require-any ...) if all of them were meant',
        });
      }
    } else throw it.error(`${kind}: bad binding ${writeValue(b, 40)}`, bsrc, 'scheme/syntax');
    p = p.cdr;
  }
  if (p !== NIL) throw it.error(`${kind}: bad binding list`, form.src, 'scheme/syntax');
  if (!(bodyX instanceof Pair)) throw it.error(`${kind}: empty body`, form.src, 'scheme/syntax');
  const body = it.analyzeBody(bodyX, form.src);
  const n = names.length;
  if (loopName !== undefined) {
    const formals = arrayToList(names.map((s) => Sym.of(s)));
    const src = form.src;
    const ln = loopName;
    const fullBody = bodyX;
    return (env) => {
      const loopEnv = new Env(env);
      const proc = it.makeLambda(formals, fullBody, loopEnv, ln, src);
      loopEnv.define(ln, proc);
      const args = new Array<Value>(n);
      for (let i = 0; i < n; i++) args[i] = inits[i](env);
      if (tail) return new TailCall(proc, args, src) as unknown as Value;
      return it.apply(proc, args, src, env);
    };
  }
  if (kind === 'let') {
    return (env) => {
      const e = new Env(env);
      for (let i = 0; i < n; i++) e.vars.set(names[i], inits[i](env));
      return tail ? body(e) : it.run(body, e, form.src);
    };
  }
  if (kind === 'let*') {
    // TinyScheme's let* evaluates the first init outside, then makes ONE frame and evaluates each
    // later init inside it, so a lambda bound early can call one bound later, itself included
    // (Apple's application.sb relies on this for its recursive `flatten`).
    return (env) => {
      const e = new Env(env);
      for (let i = 0; i < n; i++) {
        const v = inits[i](i === 0 ? env : e);
        e.vars.set(names[i], v instanceof Closure && v.name === 'lambda' ? renameClosure(v, names[i]) : v);
      }
      return tail ? body(e) : it.run(body, e, form.src);
    };
  }
  return (env) => {
    const e = new Env(env);
    for (let i = 0; i < n; i++) e.vars.set(names[i], UNSPECIFIED);
    for (let i = 0; i < n; i++) {
      let v = inits[i](e);
      if (v instanceof Closure && v.name === 'lambda') v = renameClosure(v, names[i]);
      e.vars.set(names[i], v);
    }
    return tail ? body(e) : it.run(body, e, form.src);
  };
}

/** A let with many bindings charges a step per binding each time it runs (constant inits cost nothing else). */
function chargedLet(kind: 'let' | 'let*' | 'letrec'): SpecialForms[string] {
  return (it, form, tail) => {
    const code = analyzeLet(it, form, tail, kind);
    const first = form.cdr as Pair; // analyzeLet checked the form
    const named = kind === 'let' && first.car instanceof Sym && first.cdr instanceof Pair;
    const n = listToArray(named ? (first.cdr as Pair).car : first.car)?.length ?? 0;
    return n > WIDE ? (env) => (it.charge(n), code(env)) : code;
  };
}

export const bindingForms: SpecialForms = {
  let: chargedLet('let'),
  'let*': chargedLet('let*'),
  letrec: chargedLet('letrec'),
  'letrec*': chargedLet('letrec'),

  do: (it, form) => {
    const parts = formItems(form, 2, Infinity, 'do');
    const specs = listToArray(parts[0].x);
    if (!specs) throw it.error('do: bad variable list', parts[0].src, 'scheme/syntax');
    const vars = specs.map((s) => {
      const a = listToArray(s);
      if (!a || !(a[0] instanceof Sym) || a.length < 1 || a.length > 3) throw it.error('do: bad variable spec', parts[0].src, 'scheme/syntax');
      return {
        name: a[0].name,
        init: a[1] !== undefined ? it.analyze(a[1], parts[0].src, false) : () => UNSPECIFIED,
        step: a[2] !== undefined ? it.analyze(a[2], parts[0].src, false) : undefined,
      };
    });
    const testClause = parts[1].x;
    if (!(testClause instanceof Pair)) throw it.error('do: bad test clause', parts[1].src, 'scheme/syntax');
    const test = it.analyze(testClause.car, parts[1].src, false);
    const result = testClause.cdr === NIL ? () => UNSPECIFIED : it.analyzeBodyTail(testClause.cdr, parts[1].src, false);
    const body = ((form.cdr as Pair).cdr as Pair).cdr === NIL ? undefined : it.analyzeBody(((form.cdr as Pair).cdr as Pair).cdr, form.src);
    return (env) => {
      let e = new Env(env);
      for (const v of vars) e.vars.set(v.name, v.init(env));
      for (;;) {
        try {
          it.charge(1);
        } catch (e) {
          (e as SchemeError).src ??= form.src;
          throw e;
        }
        if (test(e) !== false) return it.run(result, e, form.src);
        if (body) it.run(body, e, form.src);
        const next = new Env(env);
        for (const v of vars) next.vars.set(v.name, v.step ? v.step(e) : e.vars.get(v.name)!);
        e = next;
      }
    };
  },
};
