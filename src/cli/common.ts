// Shared CLI plumbing: profile options (-D, --params, --import-path, --os ...), file access, exit codes.

import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_LIMITS, readProfile, type ReadOptions, type ReadResult, type SourceProvider } from '../sbpl/index.js';
import { APPLE_PROFILE_DIRS } from '../sbpl/imports.js';
import { nodeSources } from '../runtime/node-sources.js';
import { readInputBytes, readInputText, type InputKind } from '../runtime/file-input.js';
import { parseJsonInput } from '../runtime/json-input.js';
import { asUsage } from './errors.js';
import { addLimitOption, parseLimitOptions } from './limits-option.js';
import { paramKeyProblem, paramValueProblem } from '../runtime/names.js';
import { writeFileAtomic } from '../runtime/atomic.js';

export { APPLE_PROFILE_DIRS };
import { formatDiagnostic, StageError, type Diagnostic, type DiagnosticKind } from '../diagnostics/diagnostic.js';
import { DEFAULT_OS, hasVocabulary, listVocabularies, normalizeOsId } from '../vocab/all.js';
import type { EngineOptions } from '../decide/engine.js';
import { parseFileSystemDescription } from '../decide/path.js';

export { EXIT_OK, EXIT_FAILED, EXIT_USAGE } from './exit-codes.js';

/** Bad command-line usage: printed as `sbpl: message`, exit 2. */
export class UsageError extends StageError {
  constructor(message: string) {
    super(message, 'cli/usage', 'usage');
    this.name = 'UsageError';
  }
}

/** A command's own failure (a profile with errors, nothing to do): its kind gives the exit status. */
export class CommandFailure extends StageError {
  constructor(message: string, kind: DiagnosticKind = 'input', code = 'cli/failed') {
    super(message, code, kind);
    this.name = 'CommandFailure';
  }
}


export function defaultImportPath(): string[] {
  return process.platform === 'darwin' ? APPLE_PROFILE_DIRS.filter((d) => existsSync(d)) : [];
}

/** File access backed by the local file system (shared with the runtime harness). */
export const fsSources: SourceProvider = nodeSources;

export interface ProfileCliOptions {
  define?: string[];
  params?: string;
  importPath?: string[];
  os?: string;
  preprocess?: boolean;
  cppDefine?: string[];
  fragment?: boolean;
  standardPolicy?: boolean;
  prelude?: string[];
  paramPlaceholders?: boolean;
  limit?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The options every profile-reading command takes (same spelling as sandbox-exec where one exists). */
export function addProfileOptions(cmd: Command): Command {
  return addLimitOption(cmd)
    .option('-D, --define <KEY=VALUE>', 'set a profile parameter, as sandbox-exec -D (repeatable)', collect)
    .option('--params <FILE.json>', 'read parameters from a JSON object of strings')
    .option('-I, --import-path <DIR>', 'search DIR for (import "name.sb") (repeatable; default on macOS: Apple profile folders)', collect)
    .option('--os <VERSION>', `OS vocabulary: ${listVocabularies().join(', ')}`, DEFAULT_OS)
    .option('--preprocess', 'run C-preprocessor directives (#if, #ifdef, #include, #define) first')
    .option('--cpp-define <NAME[=VALUE]>', 'define a preprocessor macro for --preprocess (repeatable)', collect)
    .option('--prelude <FILE>', 'evaluate FILE first, as if concatenated before the profile (e.g. Chromium common.sb) (repeatable)', collect)
    .option('--fragment', 'accept a fragment without (version 1)')
    .option('--param-placeholders', 'give every undefined (param "K") the placeholder value /__PARAM_K__ instead of #f (check a template)')
    .option('--no-standard-policy', "do not append Apple's standard policy rules");
}

export interface EngineCliOptions {
  fs?: string;
  childBeforeParent?: boolean;
  sysctlWriteAlias?: boolean;
  symlinkCheck?: boolean;
}

/** The decision engine's modelling choices, for every command that decides (query, diff, learn). */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--fs <FILE.json>', 'file-system description for path resolution: {"extends": "stock", "symlinks": {...}, "firmlinks": {...}, "nodes": {...}}')
    .option('--no-child-before-parent', "model choice: try an op's and its ancestors' filtered rules together, newest first (default: child op first)")
    .option('--no-sysctl-write-alias', 'model choice: rules naming sysctl-write apply to sysctl-write only (default: to sysctl*, the 10.15 alias)')
    .option('--no-symlink-check', 'model choice: do not require file-read-metadata on symlinks crossed');
}

export function engineOptionsFrom(opts: EngineCliOptions): EngineOptions {
  const out: EngineOptions = {
    childBeforeParent: opts.childBeforeParent !== false,
    sysctlWriteAlias: opts.sysctlWriteAlias !== false,
    symlinkTraversalCheck: opts.symlinkCheck !== false,
  };
  if (opts.fs) {
    const data = parseJsonFile(readTextFile(opts.fs, 'file-system description', 'json'), opts.fs);
    try {
      out.fs = parseFileSystemDescription(data, opts.fs);
    } catch (e) {
      // the description names a file given on the command line
      throw asUsage(e);
    }
  }
  return out;
}

/** A parameter name and value the profile may receive (checked before anything reaches an object or argv). */
function checkParam(key: string, value: string, where: string): void {
  const p = paramKeyProblem(key) ?? paramValueProblem(value);
  if (p) throw new UsageError(`${where}: ${p}`);
}

export function parseDefines(defs: string[] | undefined, into: Record<string, string> = {}): Record<string, string> {
  for (const d of defs ?? []) {
    const eq = d.indexOf('=');
    if (eq <= 0) throw new UsageError(`-D expects KEY=VALUE, got '${d}'`);
    checkParam(d.slice(0, eq), d.slice(eq + 1), `-D ${d}`);
    into[d.slice(0, eq)] = d.slice(eq + 1);
  }
  return into;
}

/** Parse JSON input text strictly (duplicate keys, "__proto__" keys and syntax errors are located usage errors). */
export function parseJsonFile(text: string, file: string): unknown {
  return parseJsonInput(text, file);
}

export function readParamsFile(path: string): Record<string, string> {
  const text = readTextFile(path, 'parameters file', 'json');
  const data = parseJsonFile(text, path);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`${path}: expected a JSON object mapping parameter names to strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new UsageError(`${path}: parameter '${k}' must be a string, got ${v === null ? 'null' : typeof v}`);
    checkParam(k, v, path);
    out[k] = v;
  }
  return out;
}

/**
 * Read an input file (`-` = standard input) as text. Only a regular file (or stdin) within the limit for
 * `kind` is read (runtime/file-input.ts); anything else is a usage error naming the file and the limit.
 */
export function readTextFile(path: string, what = 'file', kind: InputKind = 'sbpl'): string {
  return readInputText(path, { what, kind, allowStdin: true });
}

export function readBinaryFile(path: string, what = 'file', kind: InputKind = 'blob'): Uint8Array {
  return readInputBytes(path, { what, kind, allowStdin: true });
}

/** `-` as an output file: standard output (as an input file: standard input). */
export function isStdio(path: string | undefined): boolean {
  return path === '-';
}

/** Where a command's status line goes: stderr when its output file is standard output, so the two never mix. */
export function statusStream(output: string | undefined): NodeJS.WriteStream {
  return isStdio(output) ? process.stderr : process.stdout;
}

/**
 * Write an output file (-o) by atomic replace: readers see the old file or the new one, never a partial one.
 * `-` writes standard output.
 */
export function writeOutputFile(path: string, data: string | Uint8Array): void {
  if (isStdio(path)) {
    process.stdout.write(data);
    return;
  }
  try {
    writeFileAtomic(path, data);
  } catch (e) {
    throw new CommandFailure(`cannot write ${path}: ${(e as Error).message}`, 'output', 'output/write');
  }
}

/** Turn the parsed profile options into ReadOptions for `file`. */
export function compileOptionsFrom(opts: ProfileCliOptions, file?: string): ReadOptions {
  const os = opts.os ?? DEFAULT_OS;
  if (!hasVocabulary(normalizeOsId(os))) throw new UsageError(`unknown --os '${os}' (known: ${listVocabularies().join(', ')})`);
  const params = opts.params ? readParamsFile(opts.params) : {};
  parseDefines(opts.define, params);
  for (const dir of opts.importPath ?? []) {
    if (!existsSync(dir)) throw new UsageError(`--import-path directory not found: ${dir}`);
  }
  const importPath = [...(opts.importPath ?? []), ...defaultImportPath()];
  // Relative imports also resolve next to the profile itself, after the explicit path.
  if (file && file !== '-') importPath.push(dirname(resolve(file)));
  let preprocess: ReadOptions['preprocess'] = opts.preprocess ? true : undefined;
  if (opts.preprocess && opts.cppDefine?.length) {
    const defs: Record<string, string> = {};
    for (const d of opts.cppDefine) {
      const eq = d.indexOf('=');
      if (eq === 0) throw new UsageError(`--cpp-define expects NAME[=VALUE], got '${d}'`);
      if (eq < 0) defs[d] = '1';
      else defs[d.slice(0, eq)] = d.slice(eq + 1);
    }
    preprocess = defs;
  }
  const preludes = (opts.prelude ?? []).map((p) => ({ name: p, text: readTextFile(p, 'prelude') }));
  return {
    os,
    fileName: file === '-' ? '<stdin>' : file,
    preludes,
    paramFallback: opts.paramPlaceholders ? (key: string) => `/__PARAM_${key}__` : undefined,
    params,
    importPath,
    sources: fsSources,
    preprocess,
    fragment: opts.fragment ?? false,
    standardPolicy: opts.standardPolicy ?? true,
    limits: parseLimitOptions(opts.limit),
  };
}

/**
 * `--limit maxFilterTests=N` (or its default) for the stages after reading that write shared filters out in full:
 * compile, graph, the JSON model of check.
 */
export function maxFilterTestsOf(opts: ProfileCliOptions): number {
  return parseLimitOptions(opts.limit).maxFilterTests ?? DEFAULT_LIMITS.maxFilterTests;
}

/** Read and compile a profile file with the CLI options. */
export function loadProfileFile(file: string, opts: ProfileCliOptions): ReadResult {
  const text = readTextFile(file, 'profile');
  return readProfile(text, compileOptionsFrom(opts, file));
}

export function printDiagnostics(diags: Diagnostic[], stream: NodeJS.WriteStream = process.stderr): void {
  for (const d of diags) stream.write(formatDiagnostic(d) + '\n');
}

export function writeJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
