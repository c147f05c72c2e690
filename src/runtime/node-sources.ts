// The front end's file access on Node: the local file system (imports, preludes).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { SourceProvider } from '../sbpl/index.js';

/** File access backed by the local file system. */
export const nodeSources: SourceProvider = {
  read(path: string): string | undefined {
    try {
      if (!statSync(path).isFile()) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isAbsolute: (p) => isAbsolute(p),
  join: (dir, name) => join(dir, name),
  canonical(p: string): string {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  },
};
