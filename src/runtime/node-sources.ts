// The front end's file access on Node: the local file system (imports, preludes). Only regular files within
// the SBPL size limit are read; anything else (a FIFO, a device, a huge file) reads as absent.
import { realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { SourceProvider } from '../sbpl/index.js';
import { InputFileError, readInputText } from './file-input.js';

/** File access backed by the local file system. */
export const nodeSources: SourceProvider = {
  read(path: string): string | undefined {
    try {
      return readInputText(path, { what: 'import', kind: 'sbpl' });
    } catch (e) {
      if (e instanceof InputFileError) return undefined;
      throw e;
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
