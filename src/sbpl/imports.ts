// Imports: the `import` native (and `%cpp-include`, an #include under --preprocess) and how a name is resolved
// to a file: absolute, else on (param "IMPORT_DIR") or the import path, with Apple's folders found by name on
// the import path off macOS; depth-bounded and cycle-checked. The driver evaluates what is found.

import { expectString } from '../scheme/builtins.js';
import { SchemeError } from '../scheme/errors.js';
import { limitHint, type Limits } from '../scheme/limits.js';
import { toSpan, type Src } from '../scheme/source.js';
import { UNSPECIFIED } from '../scheme/values.js';
import { nativeDefiner, type InstallNatives, type SbplState } from './host.js';
import type { ReadOptions } from './options.js';

/** Apple's profile folders, where relative imports are found on macOS (sbpl1.scm import). */
export const APPLE_PROFILE_DIRS = ['/System/Library/Sandbox/Profiles', '/usr/share/sandbox'];

export const installImports: InstallNatives = (env) => {
  const prim = nativeDefiner(env);
  prim('import', (args, ctx) => {
    const name = expectString(args[0], 'import');
    ctx.interp.host.load(name, ctx.src, ctx);
    return UNSPECIFIED;
  }, 1, 1);
  prim('%cpp-include', (args, ctx) => {
    ctx.interp.host.include(expectString(args[0], '#include'), ctx.src, ctx);
    return UNSPECIFIED;
  }, 1, 1);
};

/** A file an import names, found and not yet being evaluated; `key` identifies it for cycle checks. */
export interface ResolvedImport {
  path: string;
  text: string;
  key: string;
}

/** Find the file `(import name)` (or `#include "name"`) at `src` names, or throw the error saying why not. */
export function resolveImport(
  name: string,
  src: Src | undefined,
  isInclude: boolean,
  st: SbplState,
  options: Pick<ReadOptions, 'sources' | 'importPath'>,
  limits: Limits,
): ResolvedImport {
  const sources = options.sources;
  const what = isInclude ? '#include' : 'import';
  if (st.importStack.length > limits.maxImportDepth) {
    throw importError(`imports nested more than ${limits.maxImportDepth} deep (limit maxImportDepth)`, src, 'sbpl/import-depth', limitHint('maxImportDepth'));
  }
  const candidates: string[] = [];
  const absolute = sources ? sources.isAbsolute(name) : name.startsWith('/');
  if (absolute) candidates.push(name);
  else {
    // sbpl1.scm: relative names are searched in (param "IMPORT_DIR") if set, else the system folders
    const importDir = st.params['IMPORT_DIR'];
    const dirs = importDir ? [importDir] : options.importPath ?? [];
    for (const d of dirs) candidates.push(sources ? sources.join(d, name) : `${d.replace(/\/$/, '')}/${name}`);
  }
  let found: { path: string; text: string } | undefined;
  for (const c of candidates) {
    const t = sources?.read(c);
    if (t !== undefined) {
      found = { path: c, text: t };
      break;
    }
  }
  // Off macOS, an absolute import of one of Apple's profile folders is looked up by name on the
  // import path (where a copy of those folders is given), with a note saying so.
  const appleDir = APPLE_PROFILE_DIRS.find((d) => name.startsWith(d + '/'));
  if (!found && absolute && appleDir && sources) {
    const base = name.slice(appleDir.length + 1);
    for (const d of options.importPath ?? []) {
      const c = sources.join(d, base);
      const t = sources.read(c);
      if (t !== undefined) {
        found = { path: c, text: t };
        st.warnings.push({
          severity: 'note',
          code: 'sbpl/import-relocated',
          message: `${name} is not readable here; using ${c} from the import path`,
          span: toSpan(src),
        });
        break;
      }
    }
  }
  if (!found) {
    const hint = !sources
      ? 'no file access was given to the front end'
      : candidates.length
        ? `searched: ${candidates.join(', ')}`
        : 'no import path: pass --import-path DIR (on macOS the default is /System/Library/Sandbox/Profiles and /usr/share/sandbox)';
    throw importError(`unable to open ${name}`, src, 'sbpl/import-not-found', hint);
  }
  const key = sources?.canonical?.(found.path) ?? found.path;
  const cycleAt = st.importStack.findIndex((i) => i.key === key);
  if (cycleAt >= 0) {
    const chain = [...st.importStack.slice(cycleAt).map((i) => i.name), found.path].join(' -> ');
    throw importError(`${what} cycle: ${chain}`, src, 'sbpl/import-cycle', 'a file imports itself, directly or through other files');
  }
  return { path: found.path, text: found.text, key };
}

function importError(message: string, src: Src | undefined, code: string, hint?: string): SchemeError {
  return new SchemeError(message, code, src, hint);
}
