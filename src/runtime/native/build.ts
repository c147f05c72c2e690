// Build the probe helper (sbpl_probe.c) with the system compiler into a cache directory, once per
// source/compiler combination. The source ships with the package (see docs/runtime-matrix.md).

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../hash.js';

export const HELPER_SOURCE_NAME = 'sbpl_probe.c';

export interface HelperBuild {
  path: string;
  sha256: string;
  source: { path: string; sha256: string };
  compiler: { path: string; version: string } | null;
  /** Reused from the cache rather than compiled now. */
  cached: boolean;
  /** Given with --helper rather than built. */
  userSupplied: boolean;
}

export class HelperBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelperBuildError';
  }
}

/** The C source: next to this module (running from src/) or in the package's src/runtime/native (from dist/). */
export function findHelperSource(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, HELPER_SOURCE_NAME), join(here, '..', '..', '..', 'src', 'runtime', 'native', HELPER_SOURCE_NAME)];
  return candidates.find((p) => existsSync(p));
}

export function defaultCacheDir(): string {
  if (process.env.SBPL_KIT_CACHE) return process.env.SBPL_KIT_CACHE;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'sbpl-kit');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sbpl-kit');
}

/** The first of $CC, cc, clang, gcc that runs. */
export function findCompiler(): { path: string; version: string } | null {
  const names = [process.env.CC, 'cc', 'clang', 'gcc'].filter((n): n is string => !!n);
  for (const n of names) {
    const r = spawnSync(n, ['--version'], { encoding: 'utf8', timeout: 15_000 });
    if (r.status === 0) return { path: n, version: (r.stdout || r.stderr).split('\n')[0].trim() };
  }
  return null;
}

export function helperFromPath(path: string): HelperBuild {
  if (!existsSync(path) || !statSync(path).isFile()) throw new HelperBuildError(`--helper ${path}: not found`);
  const src = findHelperSource();
  return {
    path,
    sha256: sha256(readFileSync(path)),
    source: src ? { path: src, sha256: sha256(readFileSync(src)) } : { path: '', sha256: '' },
    compiler: null,
    cached: false,
    userSupplied: true,
  };
}

/** Compile the helper unless an identical build is cached. */
export function buildHelper(cacheDir = defaultCacheDir()): HelperBuild {
  const src = findHelperSource();
  if (!src) throw new HelperBuildError(`probe helper source ${HELPER_SOURCE_NAME} not found next to ${fileURLToPath(import.meta.url)}; the package must ship src/runtime/native/*.c`);
  const srcText = readFileSync(src);
  const compiler = findCompiler();
  if (!compiler) throw new HelperBuildError('no C compiler found ($CC, cc, clang, gcc); on macOS install the Command Line Tools: xcode-select --install');
  const flags = ['-O2', '-Wall', ...(process.platform === 'darwin' ? ['-lsandbox'] : [])];
  const id = sha256(`${sha256(srcText)}\n${compiler.path}\n${compiler.version}\n${flags.join(' ')}\n${process.platform}-${process.arch}`).slice(0, 16);
  mkdirSync(cacheDir, { recursive: true });
  const out = join(cacheDir, `sbpl_probe-${id}`);
  const result = (cached: boolean): HelperBuild => ({
    path: out,
    sha256: sha256(readFileSync(out)),
    source: { path: src, sha256: sha256(srcText) },
    compiler,
    cached,
    userSupplied: false,
  });
  if (existsSync(out)) return result(true);
  const tmp = `${out}.tmp-${process.pid}`;
  const r = spawnSync(compiler.path, ['-o', tmp, src, ...flags], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    throw new HelperBuildError(`compiling ${src} with ${compiler.path} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
  }
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
  return result(false);
}
