// Paths the kernel never reports: on macOS /tmp, /var and /etc are symlinks into /private (`ls -l /`), and
// path filters match the resolved path, so `(subpath "/tmp/x")` never matches anything (docs/authoring.md).
// The builder flags such paths, or rewrites them when asked.

import type { Vocab } from '../../vocab/index.js';
import type { Filter, FilterArg, Statement, Str } from './values.js';

/** Root symlinks of a stock macOS (the same table decide/path.ts resolves with). */
export const ROOT_SYMLINKS: Readonly<Record<string, string>> = { '/tmp': '/private/tmp', '/var': '/private/var', '/etc': '/private/etc' };

export interface BuilderWarning {
  code: 'builder/symlink-path';
  message: string;
  /** Index of the statement it concerns. */
  statement: number;
  /** The path as written and as the kernel sees it. */
  path: string;
  resolved: string;
}

/** `/tmp/x` -> `/private/tmp/x` (undefined when the path does not start with a root symlink). */
export function resolveRootSymlink(p: string): string | undefined {
  for (const [link, to] of Object.entries(ROOT_SYMLINKS)) if (p === link || p.startsWith(link + '/')) return to + p.slice(link.length);
  return undefined;
}

/**
 * What a path argument is resolved to, when the filter could only match below a root symlink: `/tmp/x`, a
 * subpath or prefix `/tmp`, a regex `^/tmp/...`. A literal `/tmp` names the symlink itself (lstat and
 * readlink see it, so rules that let a process resolve it are right) and is left alone.
 */
function pitfall(value: string, match: string): string | undefined {
  if (match === 'regex') {
    const m = /^\^(\/(?:tmp|var|etc))(?=\/|\(|$)/.exec(value);
    return m ? '^' + ROOT_SYMLINKS[m[1]] + value.slice(m[0].length) : undefined;
  }
  if (match === 'literal' && Object.prototype.hasOwnProperty.call(ROOT_SYMLINKS, value)) return undefined;
  return resolveRootSymlink(value);
}

/**
 * Find (and with `resolve`, rewrite) path arguments that start with a root symlink. Only literal text is seen:
 * a `(param ...)` value is not known when the profile is built.
 */
export function symlinkPitfalls(statements: readonly Statement[], vocab: Vocab, resolve: boolean): { statements: Statement[]; warnings: BuilderWarning[] } {
  const warnings: BuilderWarning[] = [];
  let index = 0;
  const fixStr = (s: Str, match: string): Str => {
    if (typeof s === 'string') {
      const r = pitfall(s, match);
      const isRegex = match === 'regex';
      if (r === undefined) return s;
      warnings.push({
        code: 'builder/symlink-path',
        message: `${isRegex ? 'regex' : 'path'} ${JSON.stringify(s)} starts with a symlink: the kernel matches the resolved path ${JSON.stringify(r)}, so this never matches${resolve ? ' (rewritten)' : ''}`,
        statement: index,
        path: s,
        resolved: r,
      });
      return resolve ? r : s;
    }
    // the first part of a string-append is where a path starts
    if (s.kind === 'string-append' && s.parts.length) return { ...s, parts: [fixStr(s.parts[0], match === 'literal' ? 'prefix' : match), ...s.parts.slice(1)] };
    return s;
  };
  const fixFilter = (f: Filter): Filter => {
    switch (f.kind) {
      case 'filter': {
        const info = vocab.filterSpelling(f.name);
        if (info?.filter.argKind !== 'path') return f;
        const match = info.spelling.match;
        return { ...f, args: f.args.map((a: FilterArg) => (typeof a === 'number' || typeof a === 'boolean' || (typeof a === 'object' && a.kind === 'symbol') ? a : fixStr(a, match))) };
      }
      case 'require-all':
      case 'require-any':
        return { ...f, items: f.items.map(fixFilter) };
      case 'require-not':
        return { ...f, item: fixFilter(f.item) };
      case 'path-ancestors':
        return { ...f, path: fixStr(f.path, 'literal') };
      case 'entitlement':
        return f;
    }
  };
  const out = statements.map((s, i) => {
    index = i;
    if (s.kind !== 'rule') return s;
    return { ...s, parts: s.parts.map((p) => (typeof p === 'string' || p.kind === 'modifier' ? p : fixFilter(p))) };
  });
  return { statements: out, warnings };
}
