// Resolve a matrix profile to text (or blob bytes), apply its shims, and compile original and shimmed text.
// A profile that cannot be found is not an error for the run: its probes get the outcome `profile-unavailable`.

import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readProfile, type SourceProvider } from '../sbpl/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Profile } from '../sbpl/profile.js';
import type { Matrix, ProfileSpec } from './matrix.js';
import { applyShims, buildShims, ShimError, type AppliedShim } from './shims.js';
import { detectApplyGates, type ApplyGate } from './gates.js';
import { sha256 } from './hash.js';
import { InputFileError, readInputBytes, readInputText } from './file-input.js';

export type SourceKind = 'file' | 'inline' | 'system' | 'stand-in' | 'blob';

export interface ResolvedSource {
  kind: SourceKind;
  /** Absolute path of the file read (system profile, stand-in, SBPL file, blob). */
  path?: string;
  sha256?: string;
  /** For stand-ins and system profiles: what this source is and is not. */
  note?: string;
}

export interface CompileOutcome {
  ok: boolean;
  profile?: Profile;
  diagnostics: Diagnostic[];
  /** The front end itself failed (not a profile error), e.g. not built yet. */
  frontEndError?: string;
}

export interface LoadedProfile {
  key: string;
  spec: ProfileSpec;
  os: string;
  source?: ResolvedSource;
  /** Why the profile cannot be run or decided at all. */
  unavailable?: string;
  /** SBPL text before shims (for a blob source: its SBPL if given). */
  originalText?: string;
  /** SBPL text after shims: what is decided and applied. */
  appliedText?: string;
  blob?: Uint8Array;
  shims: AppliedShim[];
  original?: CompileOutcome;
  applied?: CompileOutcome;
  gates: ApplyGate[];
  importPath: string[];
  /** Files the front end imported while compiling the profile, with their content hashes. */
  imports?: Array<{ path: string; sha256: string }>;
}

export interface LoadOptions {
  /** Directory matrix-relative paths resolve against. */
  baseDir: string;
  /** Directories searched for system profiles and relative imports (explicit -I first). */
  importPath: string[];
  /** Use stand-ins when a system profile is not found (default true). */
  standIns?: boolean;
  /** Vocabulary override (--os); otherwise the profile's or the matrix's. */
  os?: string;
  /** Name the shimmed text is compiled under (where it will be written), so spans point into that file. */
  appliedFileName?: (key: string) => string;
}

export { nodeSources } from './node-sources.js';
import { nodeSources } from './node-sources.js';

function readText(path: string): string | { error: string } {
  try {
    return readInputText(path, { what: 'file', kind: 'sbpl' });
  } catch (e) {
    if (e instanceof InputFileError) return { error: e.message };
    throw e;
  }
}

/** nodeSources, noting every file read (path and content hash) into `into`. */
function recordingSources(into: Map<string, string>): SourceProvider {
  return {
    ...nodeSources,
    read(path: string) {
      const t = nodeSources.read(path);
      if (t !== undefined) into.set(path, sha256(t));
      return t;
    },
  };
}

export function compileText(text: string, fileName: string, spec: ProfileSpec, os: string, importPath: string[], imports?: Map<string, string>): CompileOutcome {
  try {
    const sources = imports ? recordingSources(imports) : nodeSources;
    const r = readProfile(text, { os, fileName, params: spec.params, importPath, sources, standardPolicy: true });
    return { ok: r.ok, profile: r.profile, diagnostics: r.diagnostics };
  } catch (e) {
    return { ok: false, diagnostics: [], frontEndError: (e as Error).message };
  }
}

function findSystemProfile(name: string, importPath: string[]): string | undefined {
  if (isAbsolute(name)) return existsSync(name) ? name : undefined;
  for (const dir of importPath) {
    const p = join(dir, name);
    if (existsSync(p) && statSync(p).isFile()) return resolve(p);
  }
  return undefined;
}

export function loadProfile(spec: ProfileSpec, matrix: Matrix, opts: LoadOptions): LoadedProfile {
  const os = opts.os ?? spec.os ?? matrix.os;
  const rel = (p: string) => resolve(opts.baseDir, p);
  // the profile's own import folders (a log2matrix draft records its -I) come before the run's
  const ownImportPath = [...(spec.importPath ?? []).map(rel), ...opts.importPath];
  const lp: LoadedProfile = { key: spec.key, spec, os, shims: [], gates: [], importPath: ownImportPath };
  const src = spec.source;
  let fileName = `${spec.key}.sb`;

  if ('inline' in src) {
    lp.source = { kind: 'inline', sha256: sha256(src.inline) };
    lp.originalText = src.inline;
    fileName = `<inline ${spec.key}>`;
  } else if ('file' in src) {
    const path = rel(src.file);
    const t = readText(path);
    if (typeof t !== 'string') {
      lp.unavailable = `profile ${t.error}`;
      lp.source = { kind: 'file', path };
      return lp;
    }
    lp.source = { kind: 'file', path, sha256: sha256(t) };
    lp.originalText = t;
    fileName = path;
  } else if ('system' in src) {
    const found = findSystemProfile(src.system, ownImportPath);
    if (found) {
      const t = readText(found);
      if (typeof t !== 'string') {
        lp.unavailable = `system profile ${t.error}`;
        return lp;
      }
      lp.source = { kind: 'system', path: found, sha256: sha256(t), note: `system profile ${src.system} read from ${found}` };
      // Imported by absolute path so libsandbox (on a Mac) and our front end read the same file.
      lp.originalText = `(version 1)\n(import ${JSON.stringify(found)})\n`;
      fileName = `<import ${src.system}>`;
    } else if (src.standIn && opts.standIns !== false) {
      const path = rel(src.standIn);
      const t = readText(path);
      if (typeof t !== 'string') {
        lp.unavailable = `system profile '${src.system}' not found on the import path and its stand-in is missing: ${t.error}`;
        return lp;
      }
      lp.source = {
        kind: 'stand-in',
        path,
        sha256: sha256(t),
        note: `STAND-IN: ${src.system} was not found on the import path (${opts.importPath.length ? opts.importPath.join(', ') : 'empty'}); using ${path}, written for this matrix — not Apple's profile`,
      };
      lp.originalText = t;
      fileName = path;
    } else {
      lp.unavailable = `system profile '${src.system}' not found on the import path (${opts.importPath.length ? opts.importPath.join(', ') : 'empty'}); on macOS it is read from /System/Library/Sandbox/Profiles, elsewhere pass -I DIR${src.standIn ? ' (stand-ins disabled)' : ''}`;
      lp.source = { kind: 'system' };
      return lp;
    }
  } else {
    const path = rel(src.blob);
    try {
      lp.blob = readInputBytes(path, { what: 'profile blob', kind: 'blob' });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      lp.unavailable = e.message;
      lp.source = { kind: 'blob', path };
      return lp;
    }
    lp.source = { kind: 'blob', path, sha256: sha256(lp.blob) };
    if (src.sbpl) {
      const sp = rel(src.sbpl);
      const t = readText(sp);
      if (typeof t === 'string') {
        lp.originalText = t;
        fileName = sp;
      } else lp.source.note = `SBPL for the blob unavailable (${t.error}); the simulate backend cannot decide it`;
    } else lp.source.note = 'no SBPL given for the blob; the simulate backend cannot decide it';
  }

  const importPath = [...ownImportPath];
  if (lp.source?.path) importPath.push(dirname(lp.source.path));
  lp.importPath = importPath;
  if (lp.originalText === undefined) return lp;

  const imports = new Map<string, string>();
  lp.original = compileText(lp.originalText, fileName, spec, os, importPath, imports);
  try {
    lp.shims = buildShims(spec.shims, { profile: lp.original.profile, probes: probesOf(spec, matrix) });
  } catch (e) {
    if (e instanceof ShimError) {
      lp.unavailable = e.message;
      return lp;
    }
    throw e;
  }
  lp.appliedText = applyShims(lp.originalText, lp.shims);
  const appliedName = opts.appliedFileName?.(spec.key) ?? `${fileName} (with shims ${lp.shims.map((x) => x.name).join(', ')})`;
  lp.applied = lp.shims.length ? compileText(lp.appliedText, appliedName, spec, os, importPath, imports) : lp.original;
  lp.imports = [...imports].map(([path, hash]) => ({ path, sha256: hash }));
  if (lp.applied.profile && lp.applied.ok) lp.gates = detectApplyGates(lp.applied.profile);
  return lp;
}

function probesOf(spec: ProfileSpec, matrix: Matrix) {
  return Object.keys(spec.expect)
    .map((id) => matrix.probes[id])
    .filter((p) => p !== undefined);
}

export function loadProfiles(matrix: Matrix, opts: LoadOptions): Map<string, LoadedProfile> {
  const out = new Map<string, LoadedProfile>();
  for (const spec of matrix.profiles) out.set(spec.key, loadProfile(spec, matrix, opts));
  return out;
}

/**
 * One hash of everything that makes up the profile as run: the applied text (or blob), the source file, the
 * files it imported, and why it is unavailable. A resumed run requires it unchanged.
 */
export function profileContentHash(lp: LoadedProfile): string {
  return sha256(
    JSON.stringify({
      mode: lp.spec.mode,
      source: lp.source?.sha256 ?? null,
      applied: lp.appliedText !== undefined ? sha256(lp.appliedText) : null,
      blob: lp.blob ? sha256(lp.blob) : null,
      imports: lp.imports ?? [],
      unavailable: lp.unavailable ?? null,
    }),
  );
}

/** First error diagnostic as one line, for result rows. */
export function compileErrorSummary(c: CompileOutcome | undefined): string | undefined {
  if (!c) return undefined;
  if (c.frontEndError) return `front end unavailable: ${c.frontEndError}`;
  const e = c.diagnostics.find((d) => d.severity === 'error');
  if (!e) return undefined;
  const where = e.span ? `${e.span.file}:${e.span.line}:${e.span.column}: ` : '';
  return `${where}${e.message} [${e.code}]`;
}
