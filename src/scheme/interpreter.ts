// A bounded interpreter for the TinyScheme subset SBPL profiles use (docs/semantics.md §5).
// Each expression is analysed once into a JavaScript closure ("compile to closures"), procedure bodies
// lazily on first call so macros defined later in a file still expand. Tail calls are trampolined, so
// named-let loops run in constant stack. Steps, depth and output are bounded (Limits).
// The special forms live in forms/, one module per family; `Host` is the language layer's state.

import { SbplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { Env } from './env.js';
import { SchemeError } from './errors.js';
import { SPECIAL_FORMS } from './forms/index.js';
import { parseFormals } from './forms/syntax.js';
import { WIDE, limitError, type Limits } from './limits.js';
import { Closure, NativeSyntax, Primitive, TailCall, type Code, type Evaluator, type InterpreterHooks, type PrimitiveContext } from './procedures.js';
import { toSpan, type Src } from './source.js';
import { Macro, NIL, Pair, Sym, arrayToList, typeName, writeValue, type Value } from './values.js';

export class Interpreter<Host = unknown> implements Evaluator<Host> {
  readonly global: Env;
  readonly limits: Limits;
  steps = 0;
  depth = 0;
  /** Cells allocated by primitives (bounded by limits.maxAllocation). */
  allocated = 0;
  /** Lists being analysed inside one another (bounded by limits.maxNesting). */
  private nesting = 0;
  /** Spans of active procedure calls (outermost first), for rule provenance. */
  readonly callStack: Array<Src | undefined> = [];
  readonly hooks: InterpreterHooks;
  /** State of the language layer on top (the SBPL rule collector), reached by its natives through ctx.interp. */
  readonly host: Host;
  /** Characters written by display/write (bounded). */
  printed = 0;

  constructor(global: Env, limits: Limits, hooks: InterpreterHooks, host: Host) {
    this.global = global;
    this.limits = limits;
    this.hooks = hooks;
    this.host = host;
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
      // The limits are set so this should not happen; if it does, say which limits bound the recursion.
      return new SbplError({
        severity: 'error',
        code: 'limit/stack',
        message: `evaluation nested too deeply for the JavaScript stack (below limits maxDepth ${this.limits.maxDepth}, maxNesting ${this.limits.maxNesting})`,
        span: toSpan(fallback ?? this.lastSrc),
        hint: 'lower Limits.maxDepth or Limits.maxNesting so the profile is stopped by them, or run with a larger stack (node --stack-size)',
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
    if (x instanceof Pair) return this.nested(x.src ?? src, () => this.analyzePair(x, tail));
    if (x === NIL) return () => NIL;
    const v = x;
    return () => v;
  }

  /** Analyse one nested list: bounded by maxNesting (expressions built at run time can nest without end), one step each. */
  private nested(src: Src | undefined, f: () => Code): Code {
    if (this.nesting >= this.limits.maxNesting) {
      const e = limitError('maxNesting', 'nesting', `expression nested more than ${this.limits.maxNesting} lists deep`);
      e.src = src;
      throw e;
    }
    this.nesting++;
    try {
      this.charge(1);
      return f();
    } finally {
      this.nesting--;
    }
  }

  /**
   * Account for work a primitive does: `steps` units of time, `cells` units of memory. Throws the located
   * limit error (the interpreter attaches the call's span) when a bound is passed.
   */
  charge(steps: number, cells = 0): void {
    this.steps += steps;
    if (this.steps > this.limits.maxSteps) {
      throw limitError(
        'maxSteps',
        'steps',
        `evaluation took more than ${this.limits.maxSteps.toLocaleString('en-US')} steps`,
        'the profile probably loops without end, or builds very large lists or strings',
      );
    }
    if (cells) {
      this.allocated += cells;
      if (this.allocated > this.limits.maxAllocation) {
        throw limitError(
          'maxAllocation',
          'allocation',
          `evaluation allocated more than ${this.limits.maxAllocation.toLocaleString('en-US')} cells of lists and strings`,
          'the profile probably builds lists or strings without end',
        );
      }
    }
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
    if (x instanceof Pair && x.car instanceof Sym && !SPECIAL_FORMS.has(x.car.name)) {
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
    const wide = forms.length > WIDE;
    return (env) => {
      if (wide) this.charge(forms.length);
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
      const sf = SPECIAL_FORMS.get(head.name);
      if (sf) return sf(this, form, tail);
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
      // a call's cost grows with its arguments (a generated call can have millions)
      if (n > WIDE) this.charge(n, n);
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
    return attachSrc(out, form.src, 0, this.limits.maxNesting);
  }

  /** The most recent call site, for errors that carry no location of their own (stack exhaustion). */
  lastSrc: Src | undefined;

  /** Apply a procedure to arguments (non-tail), running tail calls in a loop. */
  apply(f: Value, args: Value[], src: Src | undefined, env: Env): Value {
    if (src) this.lastSrc = src;
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      const e = limitError('maxDepth', 'depth', `recursion deeper than ${this.limits.maxDepth} calls`, 'a procedure probably calls itself without end');
      e.src = src;
      throw e;
    }
    const pushed = this.callStack.length;
    try {
      for (;;) {
        if (++this.steps > this.limits.maxSteps) {
          this.steps--;
          try {
            this.charge(1);
          } catch (e) {
            (e as SchemeError).src = src;
            throw e;
          }
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
  call(f: Value, args: Value[], ctx: PrimitiveContext<Host>): Value {
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
    if (f.rest !== null) {
      if (args.length - np > 8) this.charge(args.length - np, args.length - np);
      env.vars.set(f.rest, arrayToList(args.slice(np)));
    }
    return env;
  }

  /** Run code in tail position at top level (resolve any TailCall it returns). */
  run(code: Code, env: Env, src: Src | undefined): Value {
    const r = code(env) as Value | TailCall;
    if (r instanceof TailCall) return this.apply(r.proc, r.args, r.src ?? src, env);
    return r;
  }

  isSpecial(name: string): boolean {
    return SPECIAL_FORMS.has(name);
  }

  makeLambda(formals: Value, body: Value, env: Env, name: string, src: Src | undefined): Closure {
    const { params, rest } = parseFormals(formals, src);
    // TinyScheme accepts an empty body (Apple's application.sb: (define (protect-redirected-paths)))
    return new Closure(name, params, rest, body, env, src, this);
  }

  /** A body whose last expression is in tail position only if the enclosing form is. */
  analyzeBodyTail(body: Value, src: Src | undefined, tail: boolean): Code {
    const code = this.analyzeBody(body, src);
    if (tail) return code;
    return (env) => this.run(code, env, src);
  }
}

/**
 * Give source locations to a macro expansion's new pairs (so errors inside point at the use). Bounded in
 * length and depth: analysing a deeper expansion stops at maxNesting anyway.
 */
function attachSrc(v: Value, src: Src | undefined, depth = 0, maxDepth = 256): Value {
  if (!src || depth > maxDepth) return v;
  let p = v;
  let n = 0;
  while (p instanceof Pair && n < 10_000) {
    if (!p.src) p.src = src;
    if (!p.carSrc) p.carSrc = src;
    if (p.car instanceof Pair) attachSrc(p.car, src, depth + 1, maxDepth);
    p = p.cdr;
    n++;
  }
  return v;
}
