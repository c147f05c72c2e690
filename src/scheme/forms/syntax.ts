// What every special form shares: its type, and the parsing of a form's parts and of lambda formals.

import { SchemeError } from '../errors.js';
import type { Code, Evaluator } from '../procedures.js';
import type { Src } from '../source.js';
import { NIL, Pair, Sym, writeValue, type Value } from '../values.js';

/**
 * Syntax the interpreter analyses itself: `form` is the whole form (head included); `tail` says whether
 * it stands in tail position. Forms are shared by every interpreter, so each gets the one analysing it.
 */
export type SpecialForm = (it: Evaluator, form: Pair, tail: boolean) => Code;

/** One family of special forms, by name. */
export type SpecialForms = Readonly<Record<string, SpecialForm>>;

export interface FormPart {
  x: Value;
  src: Src | undefined;
}

/** The parts after the head, with their spans; `min`..`max` of them or a syntax error naming `what`. */
export function formItems(form: Pair, min: number, max: number, what: string): FormPart[] {
  const out: FormPart[] = [];
  let p = form.cdr;
  while (p instanceof Pair) {
    out.push({ x: p.car, src: p.carSrc ?? form.src });
    p = p.cdr;
  }
  if (p !== NIL) throw new SchemeError(`${what}: improper form`, 'scheme/syntax', form.src);
  if (out.length < min || out.length > max) {
    throw new SchemeError(`${what}: bad syntax (${out.length} part${out.length === 1 ? '' : 's'} after '${what}')`, 'scheme/syntax', form.src);
  }
  return out;
}

/** Parse lambda formals: (a b), (a . rest), rest. */
export function parseFormals(x: Value, src: Src | undefined): { params: string[]; rest: string | null } {
  const params: string[] = [];
  let p = x;
  while (p instanceof Pair) {
    if (!(p.car instanceof Sym)) throw new SchemeError(`parameter must be a symbol, got ${writeValue(p.car, 40)}`, 'scheme/syntax', p.carSrc ?? src);
    params.push(p.car.name);
    p = p.cdr;
  }
  if (p === NIL) return { params, rest: null };
  if (p instanceof Sym) return { params, rest: p.name };
  throw new SchemeError(`bad parameter list ${writeValue(x, 40)}`, 'scheme/syntax', src);
}
