// Directives: version, param (and getenv, the same), trace, debug (a no-op since 10.11, recorded for lint),
// define-storage-class, and the %finalize hook sbpl1.scm calls after the profile.

import { describeArg, expectString } from '../scheme/builtins.js';
import { NativeSyntax } from '../scheme/procedures.js';
import { toSpan } from '../scheme/source.js';
import { UNSPECIFIED } from '../scheme/values.js';
import { nativeDefiner, sbplError, type InstallNatives, type SbplPrimitiveFn, type SbplState } from './host.js';
import { makeModifier } from './modifiers.js';
import { emitRule } from './rules.js';
import { FilterValue, OperationValue } from './values.js';

export const installDirectives: InstallNatives = (env, vocab) => {
  const prim = nativeDefiner(env);
  env.define(
    'debug',
    new NativeSyntax<SbplState>('debug', (form, it) => {
      // (macro (debug args)) since 10.11: an empty macro, so (debug deny) logs nothing.
      const span = toSpan(form.src);
      return () => {
        if (span) it.host.debugForms.push(span);
        return UNSPECIFIED;
      };
    }),
  );

  prim('version', (args, ctx) => {
    const state = ctx.interp.host;
    const v = args[0];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw sbplError(`version: expected an integer, got ${describeArg(v)}`, 'sbpl/version');
    const supported = vocab.id.startsWith('catalina') ? [1] : [1, 2];
    if (!supported.includes(v)) throw sbplError(`unsupported version ${v}`, 'sbpl/version', `${vocab.id} accepts (version ${supported.join(') or (version ')})`);
    if (state.version !== null && state.version !== v) throw sbplError('only one version may be specified', 'sbpl/version');
    if (state.version === null) {
      state.version = v;
      state.versionSrc = ctx.src;
    }
    return UNSPECIFIED;
  }, 1, 1);

  const paramFn: SbplPrimitiveFn = (args, ctx) => {
    const state = ctx.interp.host;
    const key = args[0];
    if (typeof key !== 'string') throw sbplError(`param: expected a string key, got ${describeArg(key)}`, 'sbpl/param');
    const value = Object.prototype.hasOwnProperty.call(state.params, key) ? state.params[key] : (state.paramFallback?.(key) ?? null);
    if (!state.paramUses.has(key)) state.paramUses.set(key, { name: key, value, span: toSpan(ctx.src) });
    return value === null ? false : value;
  };
  prim('param', paramFn, 1, 1);
  prim('getenv', paramFn, 1, 1);

  prim('trace', (args, ctx) => {
    const state = ctx.interp.host;
    if (typeof args[0] !== 'string') throw sbplError('argument to trace must be a string', 'sbpl/trace');
    if (state.trace !== undefined) throw sbplError('only one trace path may be specified', 'sbpl/trace');
    state.trace = args[0];
    return UNSPECIFIED;
  }, 1, 1);

  // (define-storage-class "name" filter): platform-profile only since 10.14 (policy.scm); we keep the rule and warn.
  prim('define-storage-class', (args, ctx) => {
    const state = ctx.interp.host;
    const name = expectString(args[0], 'define-storage-class');
    if (state.storageClasses.has(name)) throw sbplError(`storage class "${name}" multiply defined`, 'sbpl/storage-class');
    state.storageClasses.add(name);
    const f = args[1];
    if (!(f instanceof FilterValue)) throw sbplError(`define-storage-class: second argument must be a filter, got ${describeArg(f)}`, 'sbpl/storage-class');
    const scm = vocab.operation('storage-class-map');
    if (!scm) throw sbplError('storage-class-map is not an operation in this OS vocabulary', 'sbpl/storage-class');
    const mod = makeModifier(vocab, 'assign-storage-class', [name], ctx.src, state);
    return emitRule(vocab, 'allow', [mod, new OperationValue(scm, 'storage-class-map'), f], ctx);
  }, 2, 2);

  // %finalize hook chain (sbpl1.scm: called after the profile is evaluated)
  prim('%finalize', () => UNSPECIFIED, 0, 0);
};
