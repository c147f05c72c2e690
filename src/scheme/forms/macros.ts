// Macros: TinyScheme's (macro ...) and (define-macro ...); a use is expanded when it is analysed.

import { Primitive } from '../procedures.js';
import { Macro, Pair, Procedure, Sym, listToArray } from '../values.js';
import { formItems, type SpecialForms } from './syntax.js';

export const macroForms: SpecialForms = {
  // TinyScheme: (macro (name form) body...) or (macro name transformer)
  macro: (it, form) => {
    const parts = formItems(form, 2, Infinity, 'macro');
    const head = parts[0].x;
    if (head instanceof Pair && head.car instanceof Sym) {
      const name = head.car.name;
      const src = form.src;
      const formals = head.cdr;
      const body = (form.cdr as Pair).cdr;
      return (env) => {
        env.define(name, new Macro(name, it.makeLambda(formals, body, env, name, src)));
        return Sym.of(name);
      };
    }
    if (head instanceof Sym) {
      const name = head.name;
      const tcode = it.analyze(parts[1].x, parts[1].src, false);
      return (env) => {
        const t = tcode(env);
        if (!(t instanceof Procedure)) throw it.error(`macro ${name}: transformer is not a procedure`, parts[1].src, 'scheme/syntax');
        env.define(name, new Macro(name, t));
        return Sym.of(name);
      };
    }
    throw it.error('macro: expected (macro (name form) body...) or (macro name transformer)', form.src, 'scheme/syntax');
  },

  // (define-macro (name . args) body...): args destructure the rest of the use form
  'define-macro': (it, form) => {
    const parts = formItems(form, 2, Infinity, 'define-macro');
    const head = parts[0].x;
    if (!(head instanceof Pair) || !(head.car instanceof Sym)) {
      throw it.error('define-macro: expected (define-macro (name . args) body...)', form.src, 'scheme/syntax');
    }
    const name = head.car.name;
    const formals = head.cdr;
    const body = (form.cdr as Pair).cdr;
    const src = form.src;
    return (env) => {
      const inner = it.makeLambda(formals, body, env, name, src);
      const transformer = new Primitive(name, (args, ctx) => {
        const use = args[0] as Pair;
        const rest = listToArray(use.cdr);
        if (!rest) throw it.error(`${name}: improper macro use`, use.src, 'scheme/syntax');
        return it.call(inner, rest, ctx);
      }, 1, 1);
      env.define(name, new Macro(name, transformer));
      return Sym.of(name);
    };
  },
};
