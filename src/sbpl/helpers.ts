// Apple's helper procedures (sbpl1.scm and libsandbox natives) that profiles call: path-ancestors, _IO,
// regex-quote, split-string, accepted no-ops, and the zero-argument filters written in terms of others.

import { chargeChars, describeArg, expectString } from '../scheme/builtins.js';
import { toSpan } from '../scheme/source.js';
import { Sym, UNSPECIFIED, arrayToList, type Value } from '../scheme/values.js';
import { nativeDefiner, sbplError, type InstallNatives, type SbplContext } from './host.js';
import type { FilterExpr } from './profile.js';
import { FilterValue } from './values.js';

export const installHelpers: InstallNatives = (env) => {
  const prim = nativeDefiner(env);
  prim('path-ancestors', (args, ctx) => {
    const lits: FilterExpr[] = [];
    const span = toSpan(ctx.src);
    for (const a of args) {
      const p = expectString(a, 'path-ancestors');
      ctx.interp.charge(p.length, p.length);
      if (!(p.startsWith('/') || p.startsWith('${'))) throw sbplError('path must start with a /', 'sbpl/path-ancestors');
      // every ancestor directory, not the path itself: "/a/b/c" -> "/", "/a", "/a/b"
      const slashPositions: number[] = [];
      const withSlash = p.endsWith('/') ? p : p + '/';
      for (let i = 0; i < withSlash.length; i++) if (withSlash[i] === '/') slashPositions.push(i);
      const dirs = slashPositions.map((pos) => (pos === 0 ? '/' : withSlash.slice(0, pos)));
      dirs.pop();
      for (const d of dirs) lits.push({ type: 'test', filter: 'path', arg: { kind: 'literal', value: d }, spelled: 'literal', span });
    }
    return new FilterValue({ type: 'any', items: lits, span });
  });
  // (_IO "h" 47) = 47 + 256 * char-code("h") (sbpl1.scm)
  prim('_IO', (args) => {
    const g = expectString(args[0], '_IO');
    if (g.length === 0) throw sbplError('_IO: group must be a one-character string', 'sbpl/filter-argument');
    const n = args[1];
    if (typeof n !== 'number') throw sbplError(`_IO: second argument must be a number, got ${describeArg(n)}`, 'sbpl/filter-argument');
    return n + 256 * g.charCodeAt(0);
  }, 2, 2);
  prim('regex-quote', (args, ctx) => {
    const s = expectString(args[0], 'regex-quote');
    chargeChars(ctx, 2 * s.length);
    return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  }, 1, 1);
  // libsandbox native used by application.sb: (split-string "a:b" ":") -> ("a" "b")
  prim('split-string', (args, ctx) => {
    const s = expectString(args[0], 'split-string', 1);
    const sep = expectString(args[1], 'split-string', 2);
    chargeChars(ctx, s.length);
    ctx.interp.charge(0, s.length);
    return arrayToList(sep === '' ? [s] : s.split(sep));
  }, 2, 2);
  prim('disable-callouts', () => UNSPECIFIED, 0, 0);
  prim('disable-full-symbolication', () => UNSPECIFIED, 0, 0);
  prim('eliminate-duplicate-rules', () => UNSPECIFIED, 0, 0);
  prim('record', () => UNSPECIFIED, 1, 1);
  // sbpl1.scm helpers written in terms of filters
  const call = (name: string, args: Value[], ctx: SbplContext): Value => {
    const f = env.lookup(name);
    if (f === undefined) throw sbplError(`unbound variable '${name}'`, 'scheme/unbound-variable');
    return ctx.interp.call(f, args, ctx);
  };
  prim('tty', (_a, ctx) => call('vnode-type', [Sym.of('TTY')], ctx), 0, 0);
  prim('debug-mode', (_a, ctx) => call('system-attribute', [Sym.of('sandbox-debug-mode')], ctx), 0, 0);
  prim('process-is-plugin', (_a, ctx) => call('process-attribute', [Sym.of('is-plugin')], ctx), 0, 0);
  prim('process-is-installer', (_a, ctx) => call('process-attribute', [Sym.of('is-installer')], ctx), 0, 0);
  prim('datavault-file-filter', (_a, ctx) => call('file-attribute', [Sym.of('datavault')], ctx), 0, 0);
  prim('rootless-file-filter', (_a, ctx) => call('file-attribute', [Sym.of('sip-protected')], ctx), 0, 0);
};
