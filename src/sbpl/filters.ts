// Filter procedures: one per spelling in the vocabulary (literal, subpath, regex, remote ...), each returning
// a filter value; the metafilters require-any / require-all / require-not; entitlement filters (sbpl1.scm).

import { describeArg, expectString } from '../scheme/builtins.js';
import { limitError } from '../scheme/limits.js';
import { Primitive } from '../scheme/procedures.js';
import { toSpan } from '../scheme/source.js';
import type { Value } from '../scheme/values.js';
import type { FilterInfo, FilterSpelling } from '../vocab/types.js';
import { filterArgument, networkFilter } from './filter-arguments.js';
import { nativeDefiner, sbplError, type InstallNatives, type SbplContext, type SbplState } from './host.js';
import type { EntitlementValueMatch, FilterArgument, FilterExpr, FilterTest } from './profile.js';
import { EntitlementValueFilter, FilterValue } from './values.js';

/** Default class of `(extension)` with no argument (Apple 10.10 sbpl1.scm, docs/semantics.md §3.1). */
const DEFAULT_EXTENSION_CLASS = 'com.apple.app-sandbox.read-write';

export const installFilters: InstallNatives = (env, vocab) => {
  const prim = nativeDefiner(env);
  for (const f of vocab.filters) {
    for (const s of f.spellings) {
      if (env.vars.get(s.name) instanceof Primitive) continue;
      env.define(s.name, new Primitive<SbplState>(s.name, (args, ctx) => makeFilter(f, s, args, ctx), 0));
    }
  }
  // `path-literal` is an alias of `path` (sbpl1.scm: support for old unix-socket syntax)
  if (!env.vars.get('path-literal') && env.vars.get('path')) env.define('path-literal', env.vars.get('path')!);

  // ---------------------------------------------------------------- metafilters
  // A metafilter is one level deeper than its deepest argument; later stages walk filters recursively, so the
  // depth is bounded here, where a loop could otherwise nest them without end.
  const metafilter = (who: 'require-any' | 'require-all' | 'require-not', args: Value[], ctx: SbplContext): FilterValue => {
    let depth = 0;
    const items = args.map((a, i) => {
      if (!(a instanceof FilterValue)) throw sbplError(`${who}: argument ${i + 1} is not a filter: ${describeArg(a)}`, 'sbpl/metafilter-argument');
      if (a.depth > depth) depth = a.depth;
      return a.expr;
    });
    const max = ctx.interp.limits.maxFilterDepth;
    if (depth + 1 > max) throw limitError('maxFilterDepth', 'filter-depth', `require-any / require-all / require-not nested more than ${max} deep`);
    // a defined filter used twice is one object in both places (filters are DAGs: nothing copies it)
    ctx.interp.charge(items.length, items.length);
    const span = toSpan(ctx.src);
    const expr: FilterExpr = who === 'require-not' ? { type: 'not', item: items[0], span } : { type: who === 'require-any' ? 'any' : 'all', items, span };
    return new FilterValue(expr, depth + 1);
  };
  prim('require-any', (args, ctx) => metafilter('require-any', args, ctx));
  prim('require-all', (args, ctx) => metafilter('require-all', args, ctx));
  prim('require-not', (args, ctx) => metafilter('require-not', args, ctx), 1, 1);

  // ---------------------------------------------------------------- entitlements (sbpl1.scm)
  prim('entitlement-value', (args) => {
    const a = args[0];
    if (typeof a === 'string') return new EntitlementValueFilter({ kind: 'string', match: { kind: 'literal', value: a } });
    if (typeof a === 'boolean') return new EntitlementValueFilter({ kind: 'boolean', value: a });
    throw sbplError('entitlement-value argument must be string or boolean', 'sbpl/entitlement');
  }, 1, 1);
  prim('entitlement-value-regex', (args) => {
    const a = args[0];
    if (typeof a !== 'string') throw sbplError('entitlement-value-regex argument must be string', 'sbpl/entitlement');
    return new EntitlementValueFilter({ kind: 'string', match: { kind: 'regex', source: a } });
  }, 1, 1);
  prim('require-entitlement', (args, ctx) => {
    const key = expectString(args[0], 'require-entitlement');
    if (args.length > 2) throw sbplError('too many arguments to require-entitlement', 'sbpl/entitlement');
    const v = args[1];
    let value: EntitlementValueMatch = { kind: 'bool-true' };
    if (v !== undefined) {
      if (!(v instanceof EntitlementValueFilter)) throw sbplError(`require-entitlement: second argument must be (entitlement-value ...), got ${describeArg(v)}`, 'sbpl/entitlement');
      value = v.match;
    }
    return new FilterValue({ type: 'test', filter: 'entitlement', arg: { kind: 'entitlement', key, value }, spelled: 'require-entitlement', span: toSpan(ctx.src) });
  }, 1, 2);
};

/** The value of one filter call: a test per argument (several arguments are an implicit require-any). */
function makeFilter(f: FilterInfo, s: FilterSpelling, args: Value[], ctx: SbplContext): FilterValue {
  const span = toSpan(ctx.src);
  const test = (arg: FilterArgument): FilterTest => ({ type: 'test', filter: f.name, arg, spelled: s.name, span });
  if (f.argKind === 'network') return new FilterValue(networkFilter(f, s.name, args, span));
  if (args.length === 0) {
    if (f.name === 'extension') return new FilterValue(test({ kind: 'literal', value: DEFAULT_EXTENSION_CLASS }));
    if (f.argKind === 'none') return new FilterValue(test({ kind: 'boolean', value: true }));
    throw sbplError(`${s.name}: expected at least one argument`, 'sbpl/filter-argument');
  }
  ctx.interp.charge(args.length, args.length);
  const tests = args.map((a, i) => test(filterArgument(f, s, a, i + 1)));
  return new FilterValue(tests.length === 1 ? tests[0] : { type: 'any', items: tests, span });
}
