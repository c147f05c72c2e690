// An in-memory SourceProvider: imports resolved from a map of path -> text (browsers, tests, editors).
import type { SourceProvider } from './options.js';

/** A SourceProvider over a map of path -> text, for `(import ...)` where there is no file system (a page, a test). */
export function memorySources(files: Record<string, string>): SourceProvider {
  const norm = (p: string) => p.replace(/\/+/g, '/').replace(/\/\.\//g, '/');
  const table = new Map(Object.entries(files).map(([k, v]) => [norm(k), v]));
  return {
    read: (p) => table.get(norm(p)),
    isAbsolute: (p) => p.startsWith('/'),
    join: (dir, name) => norm(`${dir.replace(/\/$/, '')}/${name}`),
    canonical: (p) => norm(p),
  };
}
