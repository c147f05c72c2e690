// with-filter / with-modifier / with-operations: rules in the body get the filter (and-ed), the modifier, or
// the extra operations, while the body runs.

import { describeArg } from '../scheme/builtins.js';
import { SchemeError } from '../scheme/errors.js';
import { NativeSyntax } from '../scheme/procedures.js';
import type { Src } from '../scheme/source.js';
import { Pair, UNSPECIFIED, listToArray, type Value } from '../scheme/values.js';
import type { OperationInfo } from '../vocab/types.js';
import type { InstallNatives, SbplState } from './host.js';
import { FilterValue, ModifierValue, OperationValue } from './values.js';

export const installRuleContext: InstallNatives = (env) => {
  env.define('with-filter', contextSyntax('with-filter', 'filter'));
  env.define('with-modifier', contextSyntax('with-modifier', 'modifier'));
  env.define('with-operations', contextSyntax('with-operations', 'operations'));
};

const contextSyntax = (name: string, kind: 'filter' | 'modifier' | 'operations'): NativeSyntax<SbplState> =>
  new NativeSyntax<SbplState>(name, (form, it) => {
    const parts: Array<{ x: Value; src?: Src }> = [];
    let p = form.cdr;
    while (p instanceof Pair) {
      parts.push({ x: p.car, src: p.carSrc ?? form.src });
      p = p.cdr;
    }
    if (parts.length < 1) throw new SchemeError(`${name}: expected (${name} ${kind} rules...)`, 'sbpl/syntax', form.src);
    const head = it.analyze(parts[0].x, parts[0].src, false);
    const body = parts.slice(1).map((q) => ({ code: it.analyze(q.x, q.src, false), src: q.src }));
    return (e) => {
      const state = it.host;
      const v = head(e);
      let pop: () => void;
      if (kind === 'filter') {
        if (!(v instanceof FilterValue)) throw new SchemeError(`${name}: first argument must be a filter, got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
        state.contextFilters.push(v.expr);
        pop = () => state.contextFilters.pop();
      } else if (kind === 'modifier') {
        if (!(v instanceof ModifierValue)) throw new SchemeError(`${name}: first argument must be a modifier (with ...), got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
        const mods = v.modifier ? [v.modifier] : [];
        state.contextModifiers.push(...mods);
        pop = () => state.contextModifiers.splice(state.contextModifiers.length - mods.length, mods.length);
      } else {
        const items = v instanceof OperationValue ? [v] : listToArray(v);
        if (!items || !items.every((o) => o instanceof OperationValue)) {
          throw new SchemeError(`${name}: first argument must be an operation or a list of operations, got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
        }
        state.contextOperations.push(items.map((o) => (o as OperationValue).info).filter((o): o is OperationInfo => !!o));
        pop = () => state.contextOperations.pop();
      }
      try {
        let r: Value = UNSPECIFIED;
        for (const b of body) r = it.run(b.code, e, b.src);
        return r;
      } finally {
        pop();
      }
    };
  });
