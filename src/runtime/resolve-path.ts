// Where a path really leads: every allowed-root check compares resolved paths, never spellings, so
// `/tmp/../var/tmp/x` or a symlink under /tmp pointing elsewhere cannot pass for a path under /tmp.

import { StageError } from '../diagnostics/diagnostic.js';
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const MAX_LINKS = 40; // as the kernel's MAXSYMLINKS: a longer chain is a loop

export class PathResolveError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/path', 'input');
    this.name = 'PathResolveError';
  }
}

/**
 * The absolute path `p` names, resolved component by component as the kernel would: symlinks followed (also a
 * dangling one: creating through it creates its target), `..` applied to the resolved parent, components that
 * do not exist yet kept as spelled.
 */
export function resolvePhysical(p: string, links = { left: MAX_LINKS }): string {
  const abs = isAbsolute(p) ? p : join(process.cwd(), p);
  let cur = '/';
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      cur = dirname(cur);
      continue;
    }
    const next = join(cur, part);
    try {
      cur = realpathSync(next);
      continue;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new PathResolveError(`${p}: too many levels of symbolic links`);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new PathResolveError(`${p}: cannot resolve ${next}: ${(e as Error).message}`);
    }
    let link: string | undefined;
    try {
      if (lstatSync(next).isSymbolicLink()) link = readlinkSync(next);
    } catch {
      // does not exist: kept as spelled
    }
    if (link === undefined) {
      cur = next;
      continue;
    }
    if (--links.left < 0) throw new PathResolveError(`${p}: too many levels of symbolic links`);
    cur = resolvePhysical(isAbsolute(link) ? link : join(cur, link), links);
  }
  return cur;
}

/** Whether resolved path `p` lies strictly inside resolved directory `root`. */
export function isStrictlyInside(p: string, root: string): boolean {
  const r = root.endsWith('/') ? root : root + '/';
  return p.startsWith(r) && p.length > r.length;
}

/** `p` resolved, and the first of `roots` (resolved too) it lies inside, if any. */
export function insideRoots(p: string, roots: string[]): { resolved: string; root?: string } {
  const resolved = resolvePhysical(p);
  const root = roots.map((r) => resolvePhysical(resolve(r))).find((r) => isStrictlyInside(resolved, r));
  return { resolved, root };
}
