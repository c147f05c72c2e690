// A bounded interpreter for the TinyScheme subset SBPL profiles use (research/sbpl-corpus.md §7, §10).
// Each expression is analysed once into a JavaScript closure ("compile to closures"), procedure bodies
// lazily on first call so macros defined later in a file still expand. Tail calls are trampolined, so
// named-let loops run in constant stack. Steps, depth and output are bounded (Limits).

import { SbplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Limits } from './limits.js';
import { toSpan, type Src } from './source.js';
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
  listToArray,
  typeName,
  writeValue,
  type Value,
} from './values.js';

/** A run-time error raised by a primitive; the interpreter attaches the location of the call. */
export class SchemeError extends Error {
  src?: Src;
  /** Import forms the error passed through on its way out (innermost first). */
  readonly importTrail: Array<{ name: string; src?: Src }> = [];
  constructor(
    message: string,
    readonly code = 'scheme/error',
    src?: Src,
    readonly hint?: string,
  ) {
    super(message);
    this.src = src;
  }
}

export class Env {
  readonly vars = new Map<string, Value>();
  /**
   * A frozen frame is shared by many compiles (builtins and SBPL natives, built once per vocabulary):
   * `define` never reaches it and `set!` of one of its names shadows it in the nearest unfrozen frame.
   */
  frozen = false;
  constructor(readonly parent: Env | null) {}

  lookup(name: string): Value | undefined {
    let e: Env | null = this;
    while (e) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
      e = e.parent;
    }
    return undefined;
  }

  define(name: string, v: Value): void {
    this.vars.set(name, v);
  }

  set(name: string, v: Value): boolean {
    let e: Env | null = this;
    let lastOpen: Env = this;
    while (e) {
      if (!e.frozen) lastOpen = e;
      if (e.vars.has(name)) {
        (e.frozen ? lastOpen : e).vars.set(name, v);
        return true;
      }
      e = e.parent;
    }
    return false;
  }

  /** Every name visible from here (for "did you mean"). */
  *names(): Generator<string> {
    let e: Env | null = this;
    while (e) {
      yield* e.vars.keys();
      e = e.parent;
    }
  }
}

export type Code = (env: Env) => Value;

/** Returned by code in tail position instead of calling; the apply loop runs it. */
export class TailCall {
  constructor(
    readonly proc: Value,
    readonly args: Value[],
    readonly src: Src | undefined,
  ) {}
}

export interface PrimitiveContext {
  interp: Interpreter;
  src: Src | undefined;
  env: Env;
}

export type PrimitiveFn = (args: Value[], ctx: PrimitiveContext) => Value | TailCall;

export class Primitive extends Procedure {
  constructor(
    readonly name: string,
    readonly fn: PrimitiveFn,
    readonly minArgs = 0,
    readonly maxArgs = Infinity,
  ) {
    super();
  }
}

export class Closure extends Procedure {
  private code: Code | undefined;
  constructor(
    readonly name: string,
    readonly params: string[],
    readonly rest: string | null,
    readonly body: Value,
    readonly env: Env,
    readonly src: Src | undefined,
    private readonly interp: Interpreter,
  ) {
    super();
  }
  get compiled(): Code {
    if (!this.code) this.code = this.interp.analyzeBody(this.body, this.src);
    return this.code;
  }
}

/** Syntax implemented natively (with-filter, with, debug ...): analysed like a special form, but a rebindable global. */
export class NativeSyntax {
  readonly opaqueKind = 'syntax';
  constructor(
    readonly name: string,
    readonly analyze: (form: Pair, interp: Interpreter, tail: boolean) => Code,
  ) {}
  describe(): string {
    return `#<syntax ${this.name}>`;
  }
}

type SpecialForm = (form: Pair, tail: boolean) => Code;

const S = (name: string): Sym => Sym.of(name);
const ELSE = S('else');
const ARROW = S('=>');
const UNQUOTE = S('unquote');
const UNQUOTE_SPLICING = S('unquote-splicing');
const QUASIQUOTE = S('quasiquote');
const DEFINE = S('define');

export interface InterpreterHooks {
  /** Called for every warning the interpreter itself raises. */
  warn(d: Diagnostic): void;
  /** Are the arguments of a call to `head` rule operands (operations, filters)? (the language layer decides) */
  operandContext?(head: string): boolean;
  /**
   * An unbound name among rule operands: a bare symbol (`asCall` false: an operation?) or the head of a call
   * (`asCall` true: a filter?). Return a value to use instead, an error to raise, or undefined for the
   * ordinary "unbound variable" error.
   */
  unknownOperand?(name: string, asCall: boolean, src: Src | undefined, env: Env): Value | SchemeError | undefined;
}

export class Interpreter {
  readonly global: Env;
  readonly limits: Limits;
  steps = 0;
  depth = 0;
  /** Spans of active procedure calls (outermost first), for rule provenance. */
  readonly callStack: Array<Src | undefined> = [];
  private readonly special = new Map<string, SpecialForm>();
  readonly hooks: InterpreterHooks;
  /** State of the language layer on top (the SBPL rule collector), reached by its natives through ctx.interp. */
  readonly host: unknown;
  /** Characters written by display/write (bounded). */
  printed = 0;

  constructor(global: Env, limits: Limits, hooks: InterpreterHooks, host?: unknown) {
    this.global = global;
    this.limits = limits;
    this.hooks = hooks;
    this.host = host;
    this.installSpecialForms();
  }

  // ---------------------------------------------------------------- errors

  error(message: string, src: Src | undefined, code = 'scheme/error', hint?: string): SchemeError {
    return new SchemeError(message, code, src, hint);
  }

  /** Turn any thrown value into an SbplError with a location. */
  toSbplError(e: unknown, fallback: Src | undefined): SbplError {
    if (e instanceof SbplError) return e;
    if (e instanceof SchemeError) {
      const d: Diagnostic = { severity: 'error', code: e.code, message: e.message, span: toSpan(e.src ?? fallback ?? this.lastSrc), hint: e.hint };
      if (e.importTrail.length) d.related = e.importTrail.map((t) => ({ message: `imported from here (${t.name})`, span: toSpan(t.src) }));
      return new SbplError(d);
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return new SbplError({
        severity: 'error',
        code: 'limit/depth',
        message: 'recursion too deep (the JavaScript stack ran out)',
        span: toSpan(fallback ?? this.lastSrc),
        hint: 'a procedure probably calls itself without end',
      });
    }
    throw e;
  }

  // ---------------------------------------------------------------- evaluation

  /** Evaluate a datum in `env`. */
  eval(x: Value, env: Env, src?: Src): Value {
    const code = this.analyze(x, src, false);
    return code(env);
  }

  analyze(x: Value, src: Src | undefined, tail: boolean): Code {
    if (x instanceof Sym) return this.analyzeVariable(x, src);
    if (x instanceof Pair) return this.analyzePair(x, tail);
    if (x === NIL) return () => NIL;
    const v = x;
    return () => v;
  }

  private analyzeVariable(sym: Sym, src: Src | undefined, unboundHint?: (name: string, env: Env) => Value | SchemeError | undefined): Code {
    const name = sym.name;
    return (env) => {
      const v = env.lookup(name);
      if (v !== undefined) return v;
      const alt = unboundHint?.(name, env);
      if (alt === undefined) throw this.unbound(name, src, env);
      if (alt instanceof SchemeError) throw alt;
      return alt;
    };
  }

  /** A rule operand: unbound names get the language layer's diagnosis (unknown operation / filter). */
  private analyzeOperand(x: Value, src: Src | undefined): Code {
    const hook = this.hooks.unknownOperand;
    if (!hook) return this.analyze(x, src, false);
    if (x instanceof Sym) return this.analyzeVariable(x, src, (name, env) => hook(name, false, src, env));
    if (x instanceof Pair && x.car instanceof Sym && !this.special.has(x.car.name)) {
      const g = this.global.lookup(x.car.name);
      if (!(g instanceof NativeSyntax) && !(g instanceof Macro)) {
        const headSrc = x.carSrc ?? x.src ?? src;
        return this.analyzePair(x, false, (name, env) => hook(name, true, headSrc, env));
      }
    }
    return this.analyze(x, src, false);
  }

  unbound(name: string, src: Src | undefined, env: Env): SchemeError {
    const guess = didYouMean(name, env.names());
    return new SchemeError(
      `unbound variable '${name}'`,
      'scheme/unbound-variable',
      src,
      guess ? `did you mean '${guess}'?` : undefined,
    );
  }

  /** Analyse a body (sequence; last expression in tail position). */
  analyzeBody(body: Value, src: Src | undefined): Code {
    const forms: Array<{ x: Value; src: Src | undefined }> = [];
    let p = body;
    while (p instanceof Pair) {
      forms.push({ x: p.car, src: p.carSrc ?? src });
      p = p.cdr;
    }
    if (p !== NIL) throw this.error('improper body', src, 'scheme/syntax');
    if (forms.length === 0) return () => NIL;
    // Analyse lazily so a body that defines a macro can use it in later expressions.
    const codes: Array<Code | undefined> = new Array(forms.length);
    const last = forms.length - 1;
    return (env) => {
      for (let i = 0; i < last; i++) {
        let c = codes[i];
        if (!c) c = codes[i] = this.analyze(forms[i].x, forms[i].src, false);
        c(env);
      }
      let c = codes[last];
      if (!c) c = codes[last] = this.analyze(forms[last].x, forms[last].src, true);
      return c(env);
    };
  }

  private analyzePair(form: Pair, tail: boolean, headHint?: (name: string, env: Env) => Value | SchemeError | undefined): Code {
    const head = form.car;
    const src = form.src;
    if (head instanceof Sym) {
      const sf = this.special.get(head.name);
      if (sf) return sf(form, tail);
      const g = this.global.lookup(head.name);
      if (g instanceof NativeSyntax) return g.analyze(form, this, tail);
      if (g instanceof Macro) return this.analyzeMacroUse(g, form, tail);
    }
    // application
    const fcode = headHint && head instanceof Sym ? this.analyzeVariable(head, form.carSrc ?? src, headHint) : this.analyze(head, form.carSrc ?? src, false);
    const operands = head instanceof Sym && this.hooks.operandContext?.(head.name) === true;
    const argCodes: Code[] = [];
    let p = form.cdr;
    while (p instanceof Pair) {
      argCodes.push(operands ? this.analyzeOperand(p.car, p.carSrc ?? src) : this.analyze(p.car, p.carSrc ?? src, false));
      p = p.cdr;
    }
    if (p !== NIL) throw this.error('improper argument list in a call', src, 'scheme/syntax');
    const n = argCodes.length;
    return (env) => {
      const f = fcode(env);
      if (f instanceof Macro || f instanceof NativeSyntax) {
        // bound after this form was analysed: expand now
        const code = f instanceof Macro ? this.analyzeMacroUse(f, form, tail) : f.analyze(form, this, tail);
        return code(env);
      }
      const args = new Array<Value>(n);
      for (let i = 0; i < n; i++) args[i] = argCodes[i](env);
      if (tail) return new TailCall(f, args, src) as unknown as Value;
      return this.apply(f, args, src, env);
    };
  }

  private analyzeMacroUse(m: Macro, form: Pair, tail: boolean): Code {
    const expansion = this.expandMacro(m, form);
    return this.analyze(expansion, form.src, tail);
  }

  expandMacro(m: Macro, form: Pair): Value {
    const out = this.apply(m.transformer, [form], form.src, this.global);
    return attachSrc(out, form.src);
  }

  /** Apply a procedure to arguments (non-tail), running tail calls in a loop. */
  /** The most recent call site, for errors that carry no location of their own (stack exhaustion). */
  lastSrc: Src | undefined;

  apply(f: Value, args: Value[], src: Src | undefined, env: Env): Value {
    if (src) this.lastSrc = src;
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      throw this.error(
        `recursion deeper than ${this.limits.maxDepth} calls`,
        src,
        'limit/depth',
        'a procedure probably calls itself without end (or raise the depth limit)',
      );
    }
    const pushed = this.callStack.length;
    try {
      for (;;) {
        if (++this.steps > this.limits.maxSteps) {
          throw this.error(
            `evaluation took more than ${this.limits.maxSteps.toLocaleString('en-US')} steps`,
            src,
            'limit/steps',
            'the profile probably loops without end (or raise the step limit)',
          );
        }
        let r: Value | TailCall;
        if (f instanceof Closure) {
          const fenv = this.bind(f, args, src);
          if (this.callStack.length > pushed) this.callStack[pushed] = src;
          else this.callStack.push(src);
          r = f.compiled(fenv);
        } else if (f instanceof Primitive) {
          if (args.length < f.minArgs || args.length > f.maxArgs) throw this.arityError(f.name, f.minArgs, f.maxArgs, args.length, src);
          try {
            r = f.fn(args, { interp: this, src, env });
          } catch (e) {
            if (e instanceof SchemeError && !e.src) e.src = src;
            throw e;
          }
        } else {
          throw this.error(`attempt to call a non-procedure: ${writeValue(f, 60)} (${typeName(f)})`, src, 'scheme/not-a-procedure');
        }
        if (r instanceof TailCall) {
          f = r.proc;
          args = r.args;
          src = r.src ?? src;
          continue;
        }
        return r;
      }
    } finally {
      this.depth--;
      this.callStack.length = pushed;
    }
  }

  /** Call a procedure from a primitive (map, for-each ...). */
  call(f: Value, args: Value[], ctx: PrimitiveContext): Value {
    return this.apply(f, args, ctx.src, ctx.env);
  }

  private arityError(name: string, min: number, max: number, got: number, src: Src | undefined): SchemeError {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    return this.error(`${name}: expected ${want} argument${want === '1' ? '' : 's'}, got ${got}`, src, 'scheme/arity');
  }

  private bind(f: Closure, args: Value[], src: Src | undefined): Env {
    const env = new Env(f.env);
    const np = f.params.length;
    if (args.length < np || (f.rest === null && args.length > np)) {
      throw this.arityError(f.name, np, f.rest === null ? np : Infinity, args.length, src);
    }
    for (let i = 0; i < np; i++) env.vars.set(f.params[i], args[i]);
    if (f.rest !== null) env.vars.set(f.rest, arrayToList(args.slice(np)));
    return env;
  }

  /** Run code in tail position at top level (resolve any TailCall it returns). */
  run(code: Code, env: Env, src: Src | undefined): Value {
    const r = code(env) as Value | TailCall;
    if (r instanceof TailCall) return this.apply(r.proc, r.args, r.src ?? src, env);
    return r;
  }

  // ---------------------------------------------------------------- special forms

  defineSpecial(name: string, f: SpecialForm): void {
    this.special.set(name, f);
  }

  isSpecial(name: string): boolean {
    return this.special.has(name);
  }

  private items(form: Pair, min: number, max: number, what: string): Array<{ x: Value; src: Src | undefined }> {
    const out: Array<{ x: Value; src: Src | undefined }> = [];
    let p = form.cdr;
    while (p instanceof Pair) {
      out.push({ x: p.car, src: p.carSrc ?? form.src });
      p = p.cdr;
    }
    if (p !== NIL) throw this.error(`${what}: improper form`, form.src, 'scheme/syntax');
    if (out.length < min || out.length > max) {
      throw this.error(`${what}: bad syntax (${out.length} part${out.length === 1 ? '' : 's'} after '${what}')`, form.src, 'scheme/syntax');
    }
    return out;
  }

  /** Parse lambda formals: (a b), (a . rest), rest. */
  private formals(x: Value, src: Src | undefined): { params: string[]; rest: string | null } {
    const params: string[] = [];
    let p = x;
    while (p instanceof Pair) {
      if (!(p.car instanceof Sym)) throw this.error(`parameter must be a symbol, got ${writeValue(p.car, 40)}`, p.carSrc ?? src, 'scheme/syntax');
      params.push(p.car.name);
      p = p.cdr;
    }
    if (p === NIL) return { params, rest: null };
    if (p instanceof Sym) return { params, rest: p.name };
    throw this.error(`bad parameter list ${writeValue(x, 40)}`, src, 'scheme/syntax');
  }

  makeLambda(formals: Value, body: Value, env: Env, name: string, src: Src | undefined): Closure {
    const { params, rest } = this.formals(formals, src);
    // TinyScheme accepts an empty body (Apple's application.sb: (define (protect-redirected-paths)))
    return new Closure(name, params, rest, body, env, src, this);
  }

  private installSpecialForms(): void {
    const sp = (name: string, f: SpecialForm) => this.special.set(name, f);

    sp('quote', (form) => {
      const [d] = this.items(form, 1, 1, 'quote');
      const v = d.x;
      return () => v;
    });

    // TinyScheme: a missing branch yields () ("(if #f 1) ==> () because car(sc->NIL) = sc->NIL"), and
    // Apple ships `(if test)` with no branch at all (10.11 application.sb).
    sp('if', (form, tail) => {
      const parts = this.items(form, 1, 3, 'if');
      const test = this.analyze(parts[0].x, parts[0].src, false);
      const then = parts[1] ? this.analyze(parts[1].x, parts[1].src, tail) : undefined;
      const els = parts[2] ? this.analyze(parts[2].x, parts[2].src, tail) : undefined;
      return (env) => (test(env) !== false ? (then ? then(env) : NIL) : els ? els(env) : NIL);
    });

    sp('define', (form) => {
      const parts = this.items(form, 1, Infinity, 'define');
      const target = parts[0].x;
      if (target instanceof Pair) {
        // (define (name . formals) body...) — also curried (define ((f a) b) ...)
        let nameX: Value = target.car;
        let formals: Value = target.cdr;
        let body: Value = (form.cdr as Pair).cdr;
        while (nameX instanceof Pair) {
          body = new Pair(new Pair(S('lambda'), new Pair(formals, body), form.src), NIL);
          formals = nameX.cdr;
          nameX = nameX.car;
        }
        if (!(nameX instanceof Sym)) throw this.error('define: procedure name must be a symbol', parts[0].src, 'scheme/syntax');
        const name = nameX.name;
        const fsrc = form.src;
        const fbody = body;
        const fformals = formals;
        this.formals(fformals, fsrc); // validate now
        return (env) => {
          env.define(name, this.makeLambda(fformals, fbody, env, name, fsrc));
          return Sym.of(name);
        };
      }
      if (!(target instanceof Sym)) throw this.error(`define: expected a name, got ${writeValue(target, 40)}`, parts[0].src, 'scheme/syntax');
      const name = target.name;
      if (parts.length > 2) {
        // TinyScheme evaluates only the first value expression and ignores the rest; Apple ships such files.
        this.hooks.warn({
          severity: 'warning',
          code: 'scheme/define-extra-parts',
          message: `define of '${name}' has ${parts.length - 1} value expressions; only the first is used`,
          span: toSpan(form.src),
          hint: 'string literals are not concatenated: use (string-append ...)',
        });
      }
      const vcode = parts[1] ? this.analyze(parts[1].x, parts[1].src, false) : undefined;
      return (env) => {
        let v = vcode ? vcode(env) : UNSPECIFIED;
        if (v instanceof Closure && v.name === 'lambda') v = renameClosure(v, name);
        env.define(name, v);
        return Sym.of(name);
      };
    });

    sp('set!', (form) => {
      const parts = this.items(form, 2, 2, 'set!');
      if (!(parts[0].x instanceof Sym)) throw this.error('set!: expected a variable name', parts[0].src, 'scheme/syntax');
      const name = parts[0].x.name;
      const vcode = this.analyze(parts[1].x, parts[1].src, false);
      const src = parts[0].src;
      return (env) => {
        const v = vcode(env);
        if (!env.set(name, v)) throw this.unbound(name, src, env);
        return UNSPECIFIED;
      };
    });

    sp('lambda', (form) => {
      const parts = this.items(form, 2, Infinity, 'lambda');
      const formals = parts[0].x;
      const body = (form.cdr as Pair).cdr;
      this.formals(formals, form.src);
      const src = form.src;
      return (env) => this.makeLambda(formals, body, env, 'lambda', src);
    });

    sp('begin', (form, tail) => {
      if (form.cdr === NIL) return () => NIL;
      const body = this.analyzeBodyTail(form.cdr, form.src, tail);
      return body;
    });

    const analyzeLet = (form: Pair, tail: boolean, kind: 'let' | 'let*' | 'letrec'): Code => {
      const parts = this.items(form, 1, Infinity, kind);
      let bindingsX = parts[0].x;
      let loopName: string | undefined;
      let bodyX: Value = (form.cdr as Pair).cdr;
      if (kind === 'let' && bindingsX instanceof Sym) {
        loopName = bindingsX.name;
        if (parts.length < 2) throw this.error('named let: missing bindings', form.src, 'scheme/syntax');
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
          inits.push(b.cdr instanceof Pair ? this.analyze(b.cdr.car, b.cdr.carSrc ?? bsrc, false) : () => UNSPECIFIED);
          if (b.cdr instanceof Pair && b.cdr.cdr !== NIL) {
            // TinyScheme uses the first expression and ignores the rest; Apple ships such a binding (homed.sb).
            this.hooks.warn({
              severity: 'warning',
              code: 'scheme/binding-extra-parts',
              message: `${kind} binding of '${b.car.name}' has more than one expression; only the first is used`,
              span: toSpan(bsrc),
              hint: 'combine the filters with (require-any ...) if all of them were meant',
            });
          }
        } else throw this.error(`${kind}: bad binding ${writeValue(b, 40)}`, bsrc, 'scheme/syntax');
        p = p.cdr;
      }
      if (p !== NIL) throw this.error(`${kind}: bad binding list`, form.src, 'scheme/syntax');
      if (!(bodyX instanceof Pair)) throw this.error(`${kind}: empty body`, form.src, 'scheme/syntax');
      const body = this.analyzeBody(bodyX, form.src);
      const n = names.length;
      if (loopName !== undefined) {
        const formals = arrayToList(names.map((s) => Sym.of(s)));
        const src = form.src;
        const ln = loopName;
        const fullBody = bodyX;
        return (env) => {
          const loopEnv = new Env(env);
          const proc = this.makeLambda(formals, fullBody, loopEnv, ln, src);
          loopEnv.define(ln, proc);
          const args = new Array<Value>(n);
          for (let i = 0; i < n; i++) args[i] = inits[i](env);
          if (tail) return new TailCall(proc, args, src) as unknown as Value;
          return this.apply(proc, args, src, env);
        };
      }
      if (kind === 'let') {
        return (env) => {
          const e = new Env(env);
          for (let i = 0; i < n; i++) e.vars.set(names[i], inits[i](env));
          return tail ? body(e) : this.run(body, e, form.src);
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
          return tail ? body(e) : this.run(body, e, form.src);
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
        return tail ? body(e) : this.run(body, e, form.src);
      };
    };
    sp('let', (f, t) => analyzeLet(f, t, 'let'));
    sp('let*', (f, t) => analyzeLet(f, t, 'let*'));
    sp('letrec', (f, t) => analyzeLet(f, t, 'letrec'));
    sp('letrec*', (f, t) => analyzeLet(f, t, 'letrec'));

    sp('and', (form, tail) => {
      const parts = this.items(form, 0, Infinity, 'and').map((p, i, a) => this.analyze(p.x, p.src, tail && i === a.length - 1));
      if (parts.length === 0) return () => true;
      return (env) => {
        let v: Value = true;
        for (const c of parts) {
          v = c(env);
          if (v === false) return false;
        }
        return v;
      };
    });

    sp('or', (form, tail) => {
      const parts = this.items(form, 0, Infinity, 'or').map((p, i, a) => this.analyze(p.x, p.src, tail && i === a.length - 1));
      return (env) => {
        for (const c of parts) {
          const v = c(env);
          if (v !== false) return v;
        }
        return false;
      };
    });

    const whenUnless = (negate: boolean) => (form: Pair, tail: boolean): Code => {
      const parts = this.items(form, 1, Infinity, negate ? 'unless' : 'when');
      const test = this.analyze(parts[0].x, parts[0].src, false);
      const body = this.analyzeBodyTail((form.cdr as Pair).cdr, form.src, tail);
      return (env) => ((test(env) !== false) !== negate ? body(env) : NIL);
    };
    sp('when', whenUnless(false));
    sp('unless', whenUnless(true));

    sp('cond', (form, tail) => {
      const clauses = this.items(form, 0, Infinity, 'cond').map((c) => {
        if (!(c.x instanceof Pair)) throw this.error(`cond: bad clause ${writeValue(c.x, 40)}`, c.src, 'scheme/syntax');
        const isElse = c.x.car === ELSE;
        const test = isElse ? undefined : this.analyze(c.x.car, c.x.carSrc ?? c.src, false);
        const rest = c.x.cdr;
        if (rest instanceof Pair && rest.car === ARROW) {
          const fx = rest.cdr instanceof Pair ? rest.cdr : undefined;
          if (!fx) throw this.error('cond: => needs a procedure', c.src, 'scheme/syntax');
          const fcode = this.analyze(fx.car, fx.carSrc ?? c.src, false);
          return { test, arrow: fcode, body: undefined as Code | undefined, src: c.src };
        }
        const body = rest === NIL ? undefined : this.analyzeBodyTail(rest, c.src, tail);
        return { test, arrow: undefined as Code | undefined, body, src: c.src };
      });
      return (env) => {
        for (const c of clauses) {
          const v = c.test ? c.test(env) : true;
          if (v === false) continue;
          if (c.arrow) {
            const f = c.arrow(env);
            if (tail) return new TailCall(f, [v], c.src) as unknown as Value;
            return this.apply(f, [v], c.src, env);
          }
          return c.body ? c.body(env) : v;
        }
        return NIL;
      };
    });

    sp('case', (form, tail) => {
      const parts = this.items(form, 1, Infinity, 'case');
      const key = this.analyze(parts[0].x, parts[0].src, false);
      const clauses = parts.slice(1).map((c) => {
        if (!(c.x instanceof Pair)) throw this.error('case: bad clause', c.src, 'scheme/syntax');
        const data = c.x.car === ELSE ? undefined : listToArray(c.x.car);
        if (c.x.car !== ELSE && !data) throw this.error('case: clause must start with a list of data', c.src, 'scheme/syntax');
        return { data, body: this.analyzeBodyTail(c.x.cdr, c.src, tail) };
      });
      return (env) => {
        const k = key(env);
        for (const c of clauses) {
          if (!c.data || c.data.some((d) => eqv(d, k))) return c.body(env);
        }
        return NIL;
      };
    });

    sp('do', (form, tail) => {
      const parts = this.items(form, 2, Infinity, 'do');
      const specs = listToArray(parts[0].x);
      if (!specs) throw this.error('do: bad variable list', parts[0].src, 'scheme/syntax');
      const vars = specs.map((s) => {
        const a = listToArray(s);
        if (!a || !(a[0] instanceof Sym) || a.length < 1 || a.length > 3) throw this.error('do: bad variable spec', parts[0].src, 'scheme/syntax');
        return {
          name: a[0].name,
          init: a[1] !== undefined ? this.analyze(a[1], parts[0].src, false) : () => UNSPECIFIED,
          step: a[2] !== undefined ? this.analyze(a[2], parts[0].src, false) : undefined,
        };
      });
      const testClause = parts[1].x;
      if (!(testClause instanceof Pair)) throw this.error('do: bad test clause', parts[1].src, 'scheme/syntax');
      const test = this.analyze(testClause.car, parts[1].src, false);
      const result = testClause.cdr === NIL ? () => UNSPECIFIED : this.analyzeBodyTail(testClause.cdr, parts[1].src, false);
      const body = ((form.cdr as Pair).cdr as Pair).cdr === NIL ? undefined : this.analyzeBody(((form.cdr as Pair).cdr as Pair).cdr, form.src);
      void tail;
      return (env) => {
        let e = new Env(env);
        for (const v of vars) e.vars.set(v.name, v.init(env));
        for (;;) {
          if (++this.steps > this.limits.maxSteps) throw this.error(`evaluation took more than ${this.limits.maxSteps} steps`, form.src, 'limit/steps');
          if (test(e) !== false) return this.run(result, e, form.src);
          if (body) this.run(body, e, form.src);
          const next = new Env(env);
          for (const v of vars) next.vars.set(v.name, v.step ? v.step(e) : e.vars.get(v.name)!);
          e = next;
        }
      };
    });

    sp('quasiquote', (form) => {
      const [d] = this.items(form, 1, 1, 'quasiquote');
      return this.analyzeQuasi(d.x, 1, d.src);
    });
    sp('unquote', (form) => {
      throw this.error("unquote ',' outside a quasiquote", form.src, 'scheme/syntax');
    });
    sp('unquote-splicing', (form) => {
      throw this.error("unquote-splicing ',@' outside a quasiquote", form.src, 'scheme/syntax');
    });

    // TinyScheme: (macro (name form) body...) or (macro name transformer)
    sp('macro', (form) => {
      const parts = this.items(form, 2, Infinity, 'macro');
      const head = parts[0].x;
      if (head instanceof Pair && head.car instanceof Sym) {
        const name = head.car.name;
        const src = form.src;
        const formals = head.cdr;
        const body = (form.cdr as Pair).cdr;
        return (env) => {
          env.define(name, new Macro(name, this.makeLambda(formals, body, env, name, src)));
          return Sym.of(name);
        };
      }
      if (head instanceof Sym) {
        const name = head.name;
        const tcode = this.analyze(parts[1].x, parts[1].src, false);
        return (env) => {
          const t = tcode(env);
          if (!(t instanceof Procedure)) throw this.error(`macro ${name}: transformer is not a procedure`, parts[1].src, 'scheme/syntax');
          env.define(name, new Macro(name, t));
          return Sym.of(name);
        };
      }
      throw this.error('macro: expected (macro (name form) body...) or (macro name transformer)', form.src, 'scheme/syntax');
    });

    // (define-macro (name . args) body...): args destructure the rest of the use form
    sp('define-macro', (form) => {
      const parts = this.items(form, 2, Infinity, 'define-macro');
      const head = parts[0].x;
      if (!(head instanceof Pair) || !(head.car instanceof Sym)) {
        throw this.error('define-macro: expected (define-macro (name . args) body...)', form.src, 'scheme/syntax');
      }
      const name = head.car.name;
      const formals = head.cdr;
      const body = (form.cdr as Pair).cdr;
      const src = form.src;
      return (env) => {
        const inner = this.makeLambda(formals, body, env, name, src);
        const transformer = new Primitive(name, (args, ctx) => {
          const use = args[0] as Pair;
          const rest = listToArray(use.cdr);
          if (!rest) throw this.error(`${name}: improper macro use`, use.src, 'scheme/syntax');
          return this.call(inner, rest, ctx);
        }, 1, 1);
        env.define(name, new Macro(name, transformer));
        return Sym.of(name);
      };
    });

    sp('delay', (form) => {
      const [d] = this.items(form, 1, 1, 'delay');
      const code = this.analyze(d.x, d.src, false);
      return (env) => new Promise(() => this.run(code, env, d.src));
    });
  }

  /** A body whose last expression is in tail position only if the enclosing form is. */
  analyzeBodyTail(body: Value, src: Src | undefined, tail: boolean): Code {
    const code = this.analyzeBody(body, src);
    if (tail) return code;
    return (env) => this.run(code, env, src);
  }

  private analyzeQuasi(x: Value, level: number, src: Src | undefined): Code {
    if (!(x instanceof Pair)) {
      const v = x;
      return () => v;
    }
    if (x.car === UNQUOTE) {
      const arg = x.cdr instanceof Pair ? x.cdr : undefined;
      if (!arg) throw this.error('unquote: missing expression', x.src ?? src, 'scheme/syntax');
      if (level === 1) return this.analyze(arg.car, arg.carSrc ?? x.src ?? src, false);
      const inner = this.analyzeQuasi(arg.car, level - 1, src);
      return (env) => new Pair(UNQUOTE, new Pair(inner(env), NIL));
    }
    if (x.car === QUASIQUOTE) {
      const arg = x.cdr instanceof Pair ? x.cdr : undefined;
      if (!arg) throw this.error('quasiquote: missing template', x.src ?? src, 'scheme/syntax');
      const inner = this.analyzeQuasi(arg.car, level + 1, src);
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
        if (!arg) throw this.error('unquote-splicing: missing expression', el.src ?? src, 'scheme/syntax');
        parts.push({ splice: true, code: this.analyze(arg.car, arg.carSrc ?? el.src ?? src, false) });
      } else {
        parts.push({ splice: false, code: this.analyzeQuasi(el, el instanceof Pair && el.car === UNQUOTE_SPLICING ? level - 1 : level, p.carSrc ?? src) });
      }
      p = p.cdr;
    }
    const tailCode = p === NIL ? undefined : this.analyzeQuasi(p, level, src);
    const srcOf = x.src;
    return (env) => {
      const out: Value[] = [];
      const tails: Value[] = [];
      void tails;
      for (const part of parts) {
        const v = part.code(env);
        if (part.splice) {
          const items = listToArray(v);
          if (!items) throw this.error(`unquote-splicing: expected a list, got ${writeValue(v, 40)}`, srcOf ?? src, 'scheme/type');
          out.push(...items);
        } else out.push(v);
      }
      const t = tailCode ? tailCode(env) : NIL;
      const r = arrayToList(out, t);
      if (r instanceof Pair && srcOf) r.src = srcOf;
      return r;
    };
  }
}

function renameClosure(c: Closure, name: string): Closure {
  (c as { name: string }).name = name;
  return c;
}

/** Give source locations to a macro expansion's new pairs (so errors inside point at the use). */
function attachSrc(v: Value, src: Src | undefined): Value {
  if (!src) return v;
  let p = v;
  let n = 0;
  while (p instanceof Pair && n < 10_000) {
    if (!p.src) p.src = src;
    if (!p.carSrc) p.carSrc = src;
    if (p.car instanceof Pair) attachSrc(p.car, src);
    p = p.cdr;
    n++;
  }
  return v;
}

export function eqv(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a instanceof Char && b instanceof Char) return a.code === b.code;
  if (typeof a === 'string' && typeof b === 'string') return a === b && a.length === 0;
  return false;
}

export function isEqual(a: Value, b: Value, depth = 0): boolean {
  if (eqv(a, b)) return true;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (a instanceof Pair && b instanceof Pair) {
    if (depth > 10_000) return false;
    let x: Value = a;
    let y: Value = b;
    while (x instanceof Pair && y instanceof Pair) {
      if (!isEqual(x.car, y.car, depth + 1)) return false;
      x = x.cdr;
      y = y.cdr;
    }
    return isEqual(x, y, depth + 1);
  }
  return false;
}

export { DEFINE };
