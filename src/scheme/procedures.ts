// What runs: analysed code, procedures (primitives, closures), native syntax, and the interpreter as they
// see it (Evaluator). `Host` is the state of the language layer on top (SBPL's rule collector): natives
// declared against a host type reach it, typed, as ctx.interp.host.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Env } from './env.js';
import type { SchemeError } from './errors.js';
import type { Limits } from './limits.js';
import type { Src } from './source.js';
import { Procedure, type Pair, type Value } from './values.js';

/** An analysed expression: evaluate it in an environment. */
export type Code = (env: Env) => Value;

/** Returned by code in tail position instead of calling; the apply loop runs it. */
export class TailCall {
  constructor(
    readonly proc: Value,
    readonly args: Value[],
    readonly src: Src | undefined,
  ) {}
}

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

/** The interpreter as primitives, native syntax and special forms see it. */
export interface Evaluator<Host = unknown> {
  /** State of the language layer on top, one per run (the environment is shared, so natives find it here). */
  readonly host: Host;
  readonly global: Env;
  readonly limits: Limits;
  readonly hooks: InterpreterHooks;
  /** Spans of active procedure calls (outermost first), for rule provenance. */
  readonly callStack: ReadonlyArray<Src | undefined>;
  /** Evaluation steps taken (bounded by limits.maxSteps). */
  steps: number;
  /** Nested applications in progress (bounded by limits.maxDepth). */
  depth: number;
  /** Characters written by display/write (bounded by limits.maxOutput). */
  printed: number;
  /** Cells allocated by primitives (bounded by limits.maxAllocation). */
  allocated: number;
  /**
   * Account for work a primitive does: `steps` units of time (limits.maxSteps), `cells` units of memory
   * (limits.maxAllocation). Throws the limit error; the interpreter attaches the call's span.
   */
  charge(steps: number, cells?: number): void;
  analyze(x: Value, src: Src | undefined, tail: boolean): Code;
  /** A body (sequence; last expression in tail position). */
  analyzeBody(body: Value, src: Src | undefined): Code;
  /** A body whose last expression is in tail position only if the enclosing form is. */
  analyzeBodyTail(body: Value, src: Src | undefined, tail: boolean): Code;
  makeLambda(formals: Value, body: Value, env: Env, name: string, src: Src | undefined): Closure;
  /** Evaluate a datum in `env`. */
  eval(x: Value, env: Env, src?: Src): Value;
  /** Apply a procedure to arguments (non-tail), running tail calls in a loop. */
  apply(f: Value, args: Value[], src: Src | undefined, env: Env): Value;
  /** Call a procedure from a primitive (map, for-each ...). */
  call(f: Value, args: Value[], ctx: PrimitiveContext<Host>): Value;
  /** Run code in tail position at top level (resolve any TailCall it returns). */
  run(code: Code, env: Env, src: Src | undefined): Value;
  isSpecial(name: string): boolean;
  unbound(name: string, src: Src | undefined, env: Env): SchemeError;
  error(message: string, src: Src | undefined, code?: string, hint?: string): SchemeError;
}

export interface PrimitiveContext<Host = unknown> {
  interp: Evaluator<Host>;
  src: Src | undefined;
  env: Env;
}

export type PrimitiveFn<Host = unknown> = (args: Value[], ctx: PrimitiveContext<Host>) => Value | TailCall;

export class Primitive<Host = unknown> extends Procedure {
  constructor(
    readonly name: string,
    readonly fn: PrimitiveFn<Host>,
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
    private readonly interp: Evaluator,
  ) {
    super();
  }
  get compiled(): Code {
    if (!this.code) this.code = this.interp.analyzeBody(this.body, this.src);
    return this.code;
  }
}

/** A `lambda` bound by define/let takes the name it is bound to (for arity errors and call chains). */
export function renameClosure(c: Closure, name: string): Closure {
  (c as { name: string }).name = name;
  return c;
}

/** Syntax implemented natively (with-filter, with, debug ...): analysed like a special form, but a rebindable global. */
export class NativeSyntax<Host = unknown> {
  readonly opaqueKind = 'syntax';
  constructor(
    readonly name: string,
    readonly analyze: (form: Pair, interp: Evaluator<Host>, tail: boolean) => Code,
  ) {}
  describe(): string {
    return `#<syntax ${this.name}>`;
  }
}
