// The rule procedures allow / deny: flatten their arguments into operations, filters and modifiers, add the
// context of enclosing with-filter / with-modifier / with-operations, check them as sbpl1.scm does
// (modifiers legal for the action and once per rule; filters and modifiers applicable to each operation),
// and record the rule with where it came from. apply-message-filter collects nested rules (version 2).

import type { SourceSpan } from '../diagnostics/diagnostic.js';
import { describeArg } from '../scheme/builtins.js';
import { SchemeError } from '../scheme/errors.js';
import { limitError } from '../scheme/limits.js';
import { NativeSyntax, type Code } from '../scheme/procedures.js';
import { toSpan, type Src } from '../scheme/source.js';
import { NIL, Pair, UNSPECIFIED, listToArray, type Value } from '../scheme/values.js';
import type { Vocab } from '../vocab/index.js';
import type { OperationInfo } from '../vocab/types.js';
import { nativeDefiner, sbplError, type InstallNatives, type SbplContext, type SbplState } from './host.js';
import type { Action, FilterExpr, Modifier, Rule } from './profile.js';
import { filterTests } from './profile.js';
import { FilterValue, MessageFilterValue, ModifierValue, OperationValue } from './values.js';

export const installRules: InstallNatives = (env, vocab) => {
  const prim = nativeDefiner(env);
  prim('allow', (args, ctx) => emitRule(vocab, 'allow', args, ctx));
  prim('deny', (args, ctx) => emitRule(vocab, 'deny', args, ctx));

  // (apply-message-filter MODIFIERS... RULES...): rules evaluated into a nested list (version 2)
  env.define(
    'apply-message-filter',
    new NativeSyntax<SbplState>('apply-message-filter', (form, it) => {
      const codes: Array<{ code: Code; src?: Src }> = [];
      let p = form.cdr;
      while (p instanceof Pair) {
        codes.push({ code: it.analyze(p.car, p.carSrc ?? form.src, false), src: p.carSrc });
        p = p.cdr;
      }
      return (e) => {
        const state = it.host;
        const saved = state.sink;
        const nested: Rule[] = [];
        state.sink = nested;
        const mods: Modifier[] = [];
        try {
          for (const c of codes) {
            const v = c.code(e);
            if (v instanceof ModifierValue && v.modifier) mods.push(v.modifier);
          }
        } finally {
          state.sink = saved;
        }
        return new MessageFilterValue(mods, nested);
      };
    }),
  );
};

/** Record one rule (into the state's sink); rules naming only no-op operations are dropped. */
export function emitRule(vocab: Vocab, action: Action, rawArgs: Value[], ctx: SbplContext): Value {
  const state = ctx.interp.host;
  const args: Value[] = [];
  flattenRuleArgs(action, rawArgs, args, ctx);
  const ops: OperationInfo[] = [];
  const written: string[] = [];
  let sawNoop = false;
  const filters: FilterExpr[] = [];
  const modifiers: Modifier[] = [];
  let messageFilter: Rule['messageFilter'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof OperationValue) {
      if (a.info) {
        ops.push(a.info);
        written.push(a.spelled);
      } else sawNoop = true;
    } else if (a instanceof FilterValue) filters.push(a.expr);
    else if (a instanceof ModifierValue) {
      if (a.modifier) modifiers.push(a.modifier);
    } else if (a instanceof MessageFilterValue) {
      messageFilter = { modifiers: a.modifiers, rules: a.rules };
    } else {
      throw sbplError(
        `${action}: argument ${i + 1} is not an operation, filter or modifier: ${describeArg(a)}`,
        'sbpl/rule-argument',
        a === false || a === UNSPECIFIED ? 'a helper or (param ...) returned no value here' : undefined,
      );
    }
  }
  for (const extra of state.contextOperations) for (const op of extra) {
    ops.push(op);
    written.push(op.name);
  }
  if (ops.length === 0) {
    if (sawNoop) return UNSPECIFIED; // rules naming only no-op operations are discarded
    throw sbplError('at least one operation required', 'sbpl/no-operation');
  }
  const allModifiers = [...state.contextModifiers, ...modifiers];
  // modifier checks (sbpl1.scm %action): legal for the action, once per rule
  const seen = new Set<string>();
  for (const m of allModifiers) {
    const info = vocab.modifier(m.name);
    if (info && !info.actions.includes(action)) {
      throw sbplError(`${m.spelled} modifier does not apply to ${action} action`, 'sbpl/modifier-action', `use it with (${info.actions.join(') or (')} ...)`);
    }
    if (seen.has(m.name)) throw sbplError(`${m.spelled} modifier can only appear once per rule`, 'sbpl/modifier-repeated');
    seen.add(m.name);
  }
  let filter: FilterExpr | null = filters.length === 0 ? null : filters.length === 1 ? filters[0] : { type: 'any', items: filters, span: toSpan(ctx.src) };
  if (state.contextFilters.length) {
    const extra = state.contextFilters.length === 1 ? state.contextFilters[0] : ({ type: 'all', items: [...state.contextFilters] } as FilterExpr);
    filter = filter ? { type: 'all', items: [filter, extra] } : extra;
  }
  // filter applicability (sbpl1.scm check-filter: "X filter does not apply to Y operation"); since 10.11
  // the compiler takes such rules, so the vocabulary says whether this is an error or a warning
  if (filter) {
    for (const t of filterTests(filter)) {
      // later stages walk every test for every operation: charge that work here, where it is made
      ctx.interp.charge(ops.length, 1);
      const finfo = vocab.filter(t.filter);
      if (!finfo) continue;
      for (const op of ops) {
        const c = vocab.checkFilter(op, finfo);
        if (!c) continue;
        const msg = `${t.spelled} filter does not apply to ${op.name} operation`;
        if (c.severity === 'warning' || vocab.lenient) {
          state.warnings.push({
            severity: 'warning',
            code: 'sbpl/filter-not-applicable',
            message: `${msg}: it can never match there`,
            span: t.span ?? toSpan(ctx.src),
            hint: `the rule still applies to its other filters; ${op.name} requests never carry a ${finfo.name} datum`,
          });
        } else throw new SchemeError(msg, 'sbpl/filter-not-applicable', undefined);
      }
    }
  }
  for (const m of allModifiers) {
    for (const op of ops) {
      const c = vocab.checkModifier(action, op, m.name);
      if (!c) continue;
      if (c.severity === 'warning' || vocab.lenient) state.warnings.push({ severity: 'warning', code: 'sbpl/modifier-not-applicable', message: c.message, span: m.span ?? toSpan(ctx.src) });
      else throw new SchemeError(c.message, 'sbpl/modifier-not-applicable', undefined);
    }
  }
  const dedup: string[] = [];
  const dedupWritten: string[] = [];
  ops.forEach((op, i) => {
    if (dedup.includes(op.name)) return;
    dedup.push(op.name);
    dedupWritten.push(written[i]);
  });
  const callChain = ctx.interp.callStack.filter((s): s is Src => !!s && s !== ctx.src).slice(-8).map((s) => toSpan(s)!);
  const rule: Rule = {
    id: state.sink === state.rules ? state.rules.length : state.sink.length,
    action,
    operations: dedup,
    filter,
    modifiers: allModifiers,
    span: toSpan(ctx.src),
    importChain: importChainOf(state),
    origin: state.origin,
  };
  if (callChain.length) rule.callChain = callChain;
  if (dedupWritten.some((w, i) => w !== dedup[i])) rule.operationsWritten = dedupWritten;
  if (messageFilter) rule.messageFilter = messageFilter;
  const maxRules = ctx.interp.limits.maxRules;
  if (state.ruleCount >= maxRules) throw limitError('maxRules', 'rules', `more than ${maxRules.toLocaleString('en-US')} rules`, 'the profile probably emits rules in a loop without end');
  ctx.interp.charge(ops.length + allModifiers.length + 1, 8 + ops.length);
  state.ruleCount++;
  state.sink.push(rule);
  return UNSPECIFIED;
}

/** A rule's arguments with lists spliced in (any depth), charging each element; iterative, so any nesting is safe. */
function flattenRuleArgs(who: string, args: Value[], out: Value[], ctx: SbplContext): void {
  const stack: Value[][] = [args];
  const at: number[] = [0];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const i = at[at.length - 1]++;
    if (i >= top.length) {
      stack.pop();
      at.pop();
      continue;
    }
    const a = top[i];
    if (a instanceof Pair || a === NIL) {
      const items = listToArray(a);
      if (!items) throw sbplError(`${who}: improper list among the rule's arguments`, 'sbpl/rule-argument');
      ctx.interp.charge(items.length);
      stack.push(items);
      at.push(0);
    } else out.push(a);
  }
}

/** Spans of the import forms leading to the file being evaluated (computed once per import level). */
function importChainOf(state: SbplState): SourceSpan[] {
  const top = state.importStack[state.importStack.length - 1];
  if (!top) return [];
  return (top.chain ??= state.importStack.filter((i) => i.src).map((i) => toSpan(i.src)!));
}
