// Build the probe helper (sbpl_probe.c) with the system compiler into a cache directory, once per
// source/compiler combination, and verify a cached build before it is run (docs/security.md). The source ships
// with the package (see docs/runtime-matrix.md).

import { StageError } from '../../diagnostics/diagnostic.js';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../hash.js';
import { removeStaleTempFiles, writeJsonAtomic } from '../atomic.js';

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

export class HelperBuildError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/helper-build', 'environment');
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
  if (!existsSync(path)) throw new HelperBuildError(`--helper ${path}: not found`);
  if (!statSync(path).isFile()) throw new HelperBuildError(`--helper ${path}: not a regular file`);
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

/** What was built, recorded next to the binary and checked before a cached build is reused. */
interface BuildRecord {
  format: typeof BUILD_RECORD_FORMAT;
  source: { sha256: string };
  compiler: { path: string; version: string };
  flags: string[];
  platform: string;
  binary: { sha256: string };
}

const BUILD_RECORD_FORMAT = 'sbpl-kit/probe-helper-build@1';

/**
 * The cache directory, created private if missing. Refused when another user owns it or others may write to
 * it: a program planted there would be run as the probe helper.
 */
export function checkCacheDir(cacheDir: string): string {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new HelperBuildError(`cannot create the probe helper cache ${cacheDir}: ${(e as Error).message}`);
  }
  const real = realpathSync(cacheDir);
  const st = statSync(real);
  if (!st.isDirectory()) throw new HelperBuildError(`probe helper cache ${cacheDir} is not a directory`);
  const uid = process.getuid?.();
  const fix = 'use --cache-dir (or $SBPL_KIT_CACHE) with a directory only you can write';
  if (uid !== undefined && st.uid !== uid) {
    throw new HelperBuildError(`probe helper cache ${real} belongs to uid ${st.uid}, not to you (uid ${uid}); a program planted there would be run. Refusing it: ${fix}`);
  }
  if (st.mode & 0o022) {
    throw new HelperBuildError(`probe helper cache ${real} can be written by ${st.mode & 0o002 ? 'anyone' : 'its group'} (mode ${(st.mode & 0o777).toString(8)}); a program planted there would be run. Refusing it: chmod go-w ${real}, or ${fix}`);
  }
  return real;
}

function readRecord(path: string): BuildRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as BuildRecord;
    return r && r.format === BUILD_RECORD_FORMAT ? r : undefined;
  } catch {
    return undefined;
  }
}

/** A cached binary we may run: a regular file of ours, not writable by others, matching its build record. */
function verifiedCached(out: string, expect: Omit<BuildRecord, 'binary' | 'format'>): string | undefined {
  let st;
  try {
    st = lstatSync(out);
  } catch {
    return undefined;
  }
  const uid = process.getuid?.();
  if (!st.isFile() || (uid !== undefined && st.uid !== uid) || st.mode & 0o022) return undefined;
  const rec = readRecord(`${out}.build.json`);
  if (!rec) return undefined;
  const same =
    rec.source.sha256 === expect.source.sha256 &&
    rec.compiler.path === expect.compiler.path &&
    rec.compiler.version === expect.compiler.version &&
    rec.flags.join(' ') === expect.flags.join(' ') &&
    rec.platform === expect.platform;
  if (!same) return undefined;
  const sha = sha256(readFileSync(out));
  return sha === rec.binary.sha256 ? sha : undefined;
}

/**
 * Compile the helper unless a verified identical build is cached. A cached binary is run only if its build
 * record names this source (content hash) and this compiler (path and version) and its own hash matches the
 * record; anything else in its place is rebuilt over.
 */
export function buildHelper(cacheDir = defaultCacheDir()): HelperBuild {
  const src = findHelperSource();
  if (!src) throw new HelperBuildError(`probe helper source ${HELPER_SOURCE_NAME} not found next to ${fileURLToPath(import.meta.url)}; the package must ship src/runtime/native/*.c`);
  const srcText = readFileSync(src);
  const compiler = findCompiler();
  if (!compiler) throw new HelperBuildError('no C compiler found ($CC, cc, clang, gcc); on macOS install the Command Line Tools: xcode-select --install');
  const flags = ['-O2', '-Wall', ...(process.platform === 'darwin' ? ['-lsandbox'] : [])];
  const platform = `${process.platform}-${process.arch}`;
  const srcSha = sha256(srcText);
  const id = sha256(`${srcSha}\n${compiler.path}\n${compiler.version}\n${flags.join(' ')}\n${platform}`).slice(0, 16);
  const dir = checkCacheDir(cacheDir);
  const out = join(dir, `sbpl_probe-${id}`);
  const expect = { source: { sha256: srcSha }, compiler, flags, platform };
  const result = (binarySha: string, cached: boolean): HelperBuild => ({
    path: out,
    sha256: binarySha,
    source: { path: src, sha256: srcSha },
    compiler,
    cached,
    userSupplied: false,
  });
  const cachedSha = verifiedCached(out, expect);
  if (cachedSha) return result(cachedSha, true);
  removeStaleTempFiles(dir); // a build killed mid-compile
  const tmp = join(dir, `.sbpl_probe-${id}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const r = spawnSync(compiler.path, ['-o', tmp, src, ...flags], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      throw new HelperBuildError(`compiling ${src} with ${compiler.path} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
    }
    chmodSync(tmp, 0o755);
    const binarySha = sha256(readFileSync(tmp));
    renameSync(tmp, out);
    // The record is written last: a build killed before this point leaves no record, so it is rebuilt.
    writeJsonAtomic(`${out}.build.json`, { format: BUILD_RECORD_FORMAT, ...expect, binary: { sha256: binarySha } } satisfies BuildRecord);
    return result(binarySha, false);
  } finally {
    rmSync(tmp, { force: true });
  }
}
