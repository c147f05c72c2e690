// Core special forms: quote, if, define, set!, lambda, begin, delay.

import { Closure, renameClosure } from '../procedures.js';
import { toSpan } from '../source.js';
import { NIL, Pair, Promise, Sym, UNSPECIFIED, writeValue, type Value } from '../values.js';
import { formItems, parseFormals, type SpecialForms } from './syntax.js';

const LAMBDA = Sym.of('lambda');

export const coreForms: SpecialForms = {
  quote: (_it, form) => {
    const [d] = formItems(form, 1, 1, 'quote');
    const v = d.x;
    return () => v;
  },

  // TinyScheme: a missing branch yields () ("(if #f 1) ==> () because car(sc->NIL) = sc->NIL"), and
  // Apple ships `(if test)` with no branch at all (10.11 application.sb).
  if: (it, form, tail) => {
    const parts = formItems(form, 1, 3, 'if');
    const test = it.analyze(parts[0].x, parts[0].src, false);
    const then = parts[1] ? it.analyze(parts[1].x, parts[1].src, tail) : undefined;
    const els = parts[2] ? it.analyze(parts[2].x, parts[2].src, tail) : undefined;
    return (env) => (test(env) !== false ? (then ? then(env) : NIL) : els ? els(env) : NIL);
  },

  define: (it, form) => {
    const parts = formItems(form, 1, Infinity, 'define');
    const target = parts[0].x;
    if (target instanceof Pair) {
      // (define (name . formals) body...) — also curried (define ((f a) b) ...)
      let nameX: Value = target.car;
      let formals: Value = target.cdr;
      let body: Value = (form.cdr as Pair).cdr;
      while (nameX instanceof Pair) {
        body = new Pair(new Pair(LAMBDA, new Pair(formals, body), form.src), NIL);
        formals = nameX.cdr;
        nameX = nameX.car;
      }
      if (!(nameX instanceof Sym)) throw it.error('define: procedure name must be a symbol', parts[0].src, 'scheme/syntax');
      const name = nameX.name;
      const fsrc = form.src;
      const fbody = body;
      const fformals = formals;
      parseFormals(fformals, fsrc); // validate now
      return (env) => {
        env.define(name, it.makeLambda(fformals, fbody, env, name, fsrc));
        return Sym.of(name);
      };
    }
    if (!(target instanceof Sym)) throw it.error(`define: expected a name, got ${writeValue(target, 40)}`, parts[0].src, 'scheme/syntax');
    const name = target.name;
    if (parts.length > 2) {
      // TinyScheme evaluates only the first value expression and ignores the rest; Apple ships such files.
      it.hooks.warn({
        severity: 'warning',
        code: 'scheme/define-extra-parts',
        message: `define of '${name}' has ${parts.length - 1} value expressions; only the first is used`,
        span: toSpan(form.src),
        hint: 'string literals are not concatenated: use (string-append ...)',
      });
    }
    const vcode = parts[1] ? it.analyze(parts[1].x, parts[1].src, false) : undefined;
    return (env) => {
      let v = vcode ? vcode(env) : UNSPECIFIED;
      if (v instanceof Closure && v.name === 'lambda') v = renameClosure(v, name);
      env.define(name, v);
      return Sym.of(name);
    };
  },

  'set!': (it, form) => {
    const parts = formItems(form, 2, 2, 'set!');
    if (!(parts[0].x instanceof Sym)) throw it.error('set!: expected a variable name', parts[0].src, 'scheme/syntax');
    const name = parts[0].x.name;
    const vcode = it.analyze(parts[1].x, parts[1].src, false);
    const src = parts[0].src;
    return (env) => {
      const v = vcode(env);
      if (!env.set(name, v)) throw it.unbound(name, src, env);
      return UNSPECIFIED;
    };
  },

  lambda: (it, form) => {
    const parts = formItems(form, 2, Infinity, 'lambda');
    const formals = parts[0].x;
    const body = (form.cdr as Pair).cdr;
    parseFormals(formals, form.src);
    const src = form.src;
    return (env) => it.makeLambda(formals, body, env, 'lambda', src);
  },

  begin: (it, form, tail) => {
    if (form.cdr === NIL) return () => NIL;
    const body = it.analyzeBodyTail(form.cdr, form.src, tail);
    return body;
  },

  delay: (it, form) => {
    const [d] = formItems(form, 1, 1, 'delay');
    const code = it.analyze(d.x, d.src, false);
    return (env) => new Promise(() => it.run(code, env, d.src));
  },
};
