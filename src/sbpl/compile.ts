// The front-end driver: read, preprocess, evaluate (with imports), finalize, append the standard policy.

import { SbplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { CompileOptions, CompileResult } from './options.js';
import type { Limits } from '../scheme/limits.js';
import { DEFAULT_LIMITS } from '../scheme/limits.js';
import { Env } from '../scheme/env.js';
import { SchemeError } from '../scheme/errors.js';
import { Interpreter } from '../scheme/interpreter.js';
import { Closure, Primitive, type InterpreterHooks, type PrimitiveContext } from '../scheme/procedures.js';
import { FilterValue, OperationValue } from './values.js';
import type { FilterArgument } from './profile.js';
import { installBuiltins } from '../scheme/builtins.js';
import { installSbpl, type SbplState } from './sbpl-layer.js';
import { preprocess } from '../scheme/preprocess.js';
import type { Profile, Rule } from './profile.js';
import { readSource, type TopForm } from '../scheme/reader.js';
import { SourceFile, toSpan, type Src } from '../scheme/source.js';
import { NIL, Pair, arrayToList, type Value } from '../scheme/values.js';
import { getVocab, hasVocabulary, listVocabularies, normalizeOsId, type Vocab } from '../vocab/index.js';

/** Apple's profile folders, where relative imports are found on macOS (sbpl1.scm import). */
export const APPLE_PROFILE_DIRS = ['/System/Library/Sandbox/Profiles', '/usr/share/sandbox'];

/** Parsed forms are cached by file name + text: system.sb is imported by hundreds of profiles. */
const parseCache = new Map<string, { file: SourceFile; forms: TopForm[] }>();
const PARSE_CACHE_MAX = 512;

function parse(name: string, text: string): { file: SourceFile; forms: TopForm[] } {
  const key = name + '\u0000' + text;
  const hit = parseCache.get(key);
  if (hit) return hit;
  const file = new SourceFile(name, text);
  const forms = readSource(file);
  if (parseCache.size >= PARSE_CACHE_MAX) parseCache.delete(parseCache.keys().next().value!);
  const entry = { file, forms };
  parseCache.set(key, entry);
  return entry;
}

/** Builtins + SBPL natives, built once per vocabulary and shared (frozen) by every compile. */
const baseEnvironments = new Map<Vocab, Env>();

function baseEnvironment(vocab: Vocab): Env {
  let env = baseEnvironments.get(vocab);
  if (!env) {
    env = new Env(null);
    installBuiltins(env);
    installSbpl(env, vocab);
    env.frozen = true;
    baseEnvironments.set(vocab, env);
  }
  return env;
}

export function compileSbpl(text: string, options: CompileOptions = {}): CompileResult {
  const fileName = options.fileName ?? '<inline>';
  const osId = normalizeOsId(options.os ?? 'sonoma-14.4.1');
  const diagnostics: Diagnostic[] = [];
  const emptyProfile = (os: string): Profile => ({ os, version: null, rules: [], params: [], imports: [], files: [fileName], diagnostics });
  if (!hasVocabulary(osId)) {
    diagnostics.push({ severity: 'error', code: 'usage/unknown-os', message: `unknown OS vocabulary '${options.os}' (known: ${listVocabularies().join(', ')})` });
    return { profile: emptyProfile(osId), diagnostics, ok: false };
  }
  const vocab = getVocab(osId);
  const limits: Limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const front = new FrontEnd(vocab, options, limits, diagnostics);
  const profile = front.run(fileName, text);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { profile, diagnostics, ok };
}

class FrontEnd {
  private readonly env: Env;
  private readonly interp: Interpreter;
  private readonly state: SbplState;
  private readonly files: string[] = [];

  constructor(
    private readonly vocab: Vocab,
    private readonly options: CompileOptions,
    private readonly limits: Limits,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.env = new Env(baseEnvironment(vocab));
    this.state = this.newState();
    this.interp = new Interpreter(this.env, limits, { warn: (d) => diagnostics.push(d), ...operandHooks(vocab, this.state) }, this.state);
  }

  private newState(): SbplState {
    const rules: Rule[] = [];
    return {
      vocab: this.vocab,
      params: this.options.params ?? {},
      rules,
      sink: rules,
      paramUses: new Map(),
      imports: [],
      importStack: [],
      contextFilters: [],
      contextModifiers: [],
      contextOperations: [],
      version: null,
      warnings: [],
      debugForms: [],
      origin: 'profile',
      storageClasses: new Set(),
      paramFallback: this.options.paramFallback,
      load: (name, src, ctx) => this.importFile(name, src, ctx, false),
      include: (name, src, ctx) => this.importFile(name, src, ctx, true),
    };
  }

  run(fileName: string, text: string): Profile {
    const st = this.state;
    if (this.options.entitlements) this.env.define('*entitlements*', entitlementAlist(this.options.entitlements));
    try {
      const key = this.options.sources?.canonical?.(fileName) ?? fileName;
      for (const p of this.options.preludes ?? []) {
        st.importStack.push({ key: this.options.sources?.canonical?.(p.name) ?? p.name, name: p.name });
        this.evaluateText(p.name, p.text);
        st.importStack.pop();
      }
      st.importStack.push({ key, name: fileName });
      this.evaluateText(fileName, text);
      st.importStack.pop();
      this.finalize();
      if (st.version === null && !this.options.fragment) {
        const file = new SourceFile(fileName, text);
        this.diagnostics.push({
          severity: 'error',
          code: 'sbpl/no-version',
          message: 'no version specified',
          span: file.span(0, Math.min(1, text.length) || 1),
          hint: 'start the profile with (version 1), or check it as a fragment with --fragment',
        });
      }
      if (this.options.standardPolicy !== false && this.ok()) this.appendStandardPolicy();
    } catch (e) {
      this.diagnostics.push(this.describe(e));
    }
    this.diagnostics.push(...st.warnings);
    return {
      os: this.vocab.id,
      version: st.version,
      rules: st.rules,
      params: [...st.paramUses.values()],
      imports: st.imports,
      files: this.files,
      trace: st.trace,
      debugForms: st.debugForms.length ? st.debugForms : undefined,
      diagnostics: this.diagnostics,
    };
  }

  private ok(): boolean {
    return !this.diagnostics.some((d) => d.severity === 'error');
  }

  /** Convert a thrown error into one diagnostic with the import chain as related notes. */
  private describe(e: unknown): Diagnostic {
    let err: SbplError;
    try {
      err = this.interp.toSbplError(e, undefined);
    } catch {
      const msg = e instanceof Error ? e.message : String(e);
      return { severity: 'error', code: 'internal', message: `internal error: ${msg}` };
    }
    return { ...err.diagnostic };
  }

  private evaluateText(fileName: string, text: string): void {
    let source = text;
    if (this.options.preprocess) {
      const defs = typeof this.options.preprocess === 'object' ? this.options.preprocess : {};
      const pre = preprocess(new SourceFile(fileName, text), defs);
      this.diagnostics.push(...pre.diagnostics);
      source = pre.text;
    }
    this.files.push(fileName);
    const { forms } = parse(fileName, source);
    for (const f of forms) {
      const code = this.interp.analyze(f.datum, f.src, false);
      this.interp.run(code, this.env, f.src);
    }
  }

  private importFile(name: string, src: Src | undefined, ctx: PrimitiveContext, isInclude: boolean): void {
    const st = this.state;
    const sources = this.options.sources;
    const what = isInclude ? '#include' : 'import';
    if (st.importStack.length > this.limits.maxImportDepth) {
      throw this.interp.error(`imports nested more than ${this.limits.maxImportDepth} deep`, src, 'sbpl/import-depth');
    }
    const candidates: string[] = [];
    const absolute = sources ? sources.isAbsolute(name) : name.startsWith('/');
    if (absolute) candidates.push(name);
    else {
      // sbpl1.scm: relative names are searched in (param "IMPORT_DIR") if set, else the system folders
      const importDir = st.params['IMPORT_DIR'];
      const dirs = importDir ? [importDir] : this.options.importPath ?? [];
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
      for (const d of this.options.importPath ?? []) {
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
      throw this.interp.error(`unable to open ${name}`, src, 'sbpl/import-not-found', hint);
    }
    const key = sources?.canonical?.(found.path) ?? found.path;
    const cycleAt = st.importStack.findIndex((i) => i.key === key);
    if (cycleAt >= 0) {
      const chain = [...st.importStack.slice(cycleAt).map((i) => i.name), found.path].join(' -> ');
      throw this.interp.error(`${what} cycle: ${chain}`, src, 'sbpl/import-cycle', 'a file imports itself, directly or through other files');
    }
    st.imports.push({ name, resolved: found.path, span: toSpan(src) });
    st.importStack.push({ key, name: found.path, src });
    const depthBefore = ctx.interp.depth;
    try {
      this.evaluateText(found.path, found.text);
    } catch (e) {
      if (e instanceof SchemeError && (e.src || e.importTrail.length)) e.importTrail.push({ name: found.path, src });
      else if (e instanceof SbplError) {
        const d = e.diagnostic;
        d.related = [...(d.related ?? []), { message: `imported from here (${found.path})`, span: toSpan(src) }];
      }
      throw e;
    } finally {
      ctx.interp.depth = depthBefore;
      st.importStack.pop();
    }
  }

  /** Call a user-installed %finalize hook (sbpl1.scm calls %finalize after evaluation). */
  private finalize(): void {
    const f = this.env.lookup('%finalize');
    if (f instanceof Closure) this.interp.apply(f, [], undefined, this.env);
  }

  /** Rules Apple appends to every profile (policy.scm), evaluated in a fresh environment. */
  private appendStandardPolicy(): void {
    const text = this.vocab.data.standardPolicy;
    if (!text.trim()) return;
    const env = new Env(baseEnvironment(this.vocab));
    const st: SbplState = { ...this.newState(), rules: this.state.rules, sink: this.state.rules, origin: 'standard-policy', version: this.state.version };
    const interp = new Interpreter(env, this.limits, { warn: (d) => this.diagnostics.push(d) }, st);
    const { forms } = parse(`<standard policy ${this.vocab.id}>`, text);
    for (const f of forms) interp.run(interp.analyze(f.datum, f.src, false), env, f.src);
  }
}

/** `(("key" . value) ...)`; array values become lists of strings. */
function entitlementAlist(ents: Record<string, boolean | string | string[]>): Value {
  const items: Value[] = Object.entries(ents).map(([k, v]) => new Pair(k, Array.isArray(v) ? arrayToList(v) : v));
  return items.length ? arrayToList(items) : NIL;
}

/** Heads whose arguments are rule operands (operations, filters, modifiers). */
const OPERAND_HEADS = new Set(['allow', 'deny', 'require-any', 'require-all', 'require-not']);

/**
 * Diagnose unbound names among rule operands: an unknown operation or filter of the selected OS (with
 * "did you mean" and "exists in <other OS>"), or under the lenient `any` vocabulary a warning and a
 * stand-in (an ignored operation; a filter test that never matches).
 */
function operandHooks(vocab: Vocab, state: SbplState): Pick<InterpreterHooks, 'operandContext' | 'unknownOperand'> {
  const elsewhere = (name: string, asCall: boolean): string[] =>
    listVocabularies()
      .filter((id) => id !== 'any' && id !== vocab.id)
      .filter((id) => {
        const v = getVocab(id);
        return asCall ? v.filterSpelling(name) !== undefined : v.resolveOperation(name) !== undefined;
      });
  return {
    operandContext: (head) => OPERAND_HEADS.has(head),
    unknownOperand: (name, asCall, src, env) => {
      const what = asCall ? 'filter' : 'operation';
      const code = asCall ? 'sbpl/unknown-filter' : 'sbpl/unknown-operation';
      if (env.lookup(name) !== undefined) return undefined;
      if (vocab.lenient) {
        state.warnings.push({
          severity: 'warning',
          code,
          message: `unknown ${what} '${name}' (in no known vocabulary): ${asCall ? 'it never matches' : 'it is ignored'}`,
          span: toSpan(src),
        });
        if (!asCall) return new OperationValue(null, name);
        return new Primitive(name, (args, ctx) => {
          const a = args[0];
          const arg: FilterArgument =
            typeof a === 'string' ? { kind: 'literal', value: a } : typeof a === 'number' ? { kind: 'integer', value: a } : { kind: 'boolean', value: true };
          return new FilterValue({ type: 'test', filter: name, arg, spelled: name, span: toSpan(ctx.src) });
        });
      }
      const other = elsewhere(name, asCall);
      if (other.length) {
        return new SchemeError(`${what} '${name}' does not exist in ${vocab.id}`, code, src, `it exists in ${other.join(', ')}: select it with --os ${other[0]} (or --os any)`);
      }
      const candidates = asCall ? vocab.filterSpellingNames() : vocab.operationSpellings();
      const guess = didYouMean(name, candidates);
      if (guess) return new SchemeError(`unknown ${what} '${name}' in ${vocab.id}`, code, src, `did you mean '${guess}'?`);
      return undefined;
    },
  };
}
