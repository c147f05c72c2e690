// The front-end driver: read, preprocess, evaluate (with imports), finalize, append the standard policy.

import { SbplError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Env } from '../scheme/env.js';
import { SchemeError } from '../scheme/errors.js';
import { Interpreter } from '../scheme/interpreter.js';
import { DEFAULT_LIMITS, type Limits } from '../scheme/limits.js';
import { preprocess } from '../scheme/preprocess.js';
import { Closure } from '../scheme/procedures.js';
import { readSource, type TopForm } from '../scheme/reader.js';
import { SourceFile, toSpan, type Src } from '../scheme/source.js';
import { NIL, Pair, arrayToList, type Value } from '../scheme/values.js';
import { getVocab, hasVocabulary, listVocabularies, normalizeOsId, unknownVocabularyMessage, type Vocab } from '../vocab/index.js';
import { baseEnvironment } from './environment.js';
import type { SbplContext, SbplState } from './host.js';
import { resolveImport } from './imports.js';
import type { ReadOptions, ReadResult } from './options.js';
import type { Profile, Rule } from './profile.js';
import { operandHooks } from './unknown-operands.js';

/** Parsed forms are cached by file name + text: system.sb is imported by hundreds of profiles. */
const parseCache = new Map<string, { file: SourceFile; forms: TopForm[] }>();
const PARSE_CACHE_MAX = 512;

function parse(name: string, text: string, maxNesting: number): { file: SourceFile; forms: TopForm[] } {
  const key = `${name}\u0000${maxNesting}\u0000${text}`;
  const hit = parseCache.get(key);
  if (hit) return hit;
  const file = new SourceFile(name, text);
  const forms = readSource(file, { maxNesting });
  if (parseCache.size >= PARSE_CACHE_MAX) parseCache.delete(parseCache.keys().next().value!);
  const entry = { file, forms };
  parseCache.set(key, entry);
  return entry;
}

/**
 * Read an SBPL profile as libsandbox does: parse, preprocess if asked, evaluate (imports, params, Apple's helpers),
 * validate against the OS vocabulary and append the standard policy. Returns the profile model (also when there
 * are errors, partial) and every diagnostic with its location; `ok` is false when one is an error.
 * Nothing is compiled to bytes here: that is `compileProfileToBlob` of `sbpl-kit/blob`.
 */
export function readProfile(text: string, options: ReadOptions = {}): ReadResult {
  const fileName = options.fileName ?? '<inline>';
  const osId = normalizeOsId(options.os ?? 'sonoma-14.4.1');
  const diagnostics: Diagnostic[] = [];
  const emptyProfile = (os: string): Profile => ({ os, version: null, rules: [], params: [], imports: [], files: [fileName], diagnostics });
  if (!hasVocabulary(osId)) {
    diagnostics.push({ severity: 'error', code: 'usage/unknown-os', message: unknownVocabularyMessage(options.os ?? '') });
    return { profile: emptyProfile(osId), diagnostics, ok: false };
  }
  const vocab = getVocab(osId);
  const limits: Limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const front = new FrontEnd(vocab, options, limits, diagnostics);
  const profile = front.run(fileName, text);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { profile, diagnostics, ok };
}

/** @deprecated since 0.1: reading a profile is not compiling it; use readProfile. */
export const compileSbpl = readProfile;

class FrontEnd {
  private readonly env: Env;
  private readonly interp: Interpreter<SbplState>;
  private readonly state: SbplState;
  private readonly files: string[] = [];

  constructor(
    private readonly vocab: Vocab,
    private readonly options: ReadOptions,
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
      ruleCount: 0,
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
      const pre = preprocess(new SourceFile(fileName, text), defs, this.limits.maxNesting);
      this.diagnostics.push(...pre.diagnostics);
      source = pre.text;
    }
    this.files.push(fileName);
    const { forms } = parse(fileName, source, this.limits.maxNesting);
    for (const f of forms) {
      const code = this.interp.analyze(f.datum, f.src, false);
      this.interp.run(code, this.env, f.src);
    }
  }

  private importFile(name: string, src: Src | undefined, ctx: SbplContext, isInclude: boolean): void {
    const st = this.state;
    const found = resolveImport(name, src, isInclude, st, this.options, this.limits);
    st.imports.push({ name, resolved: found.path, span: toSpan(src) });
    st.importStack.push({ key: found.key, name: found.path, src });
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
    const { forms } = parse(`<standard policy ${this.vocab.id}>`, text, this.limits.maxNesting);
    for (const f of forms) interp.run(interp.analyze(f.datum, f.src, false), env, f.src);
  }
}

/** `(("key" . value) ...)`; array values become lists of strings. */
function entitlementAlist(ents: Record<string, boolean | string | string[]>): Value {
  const items: Value[] = Object.entries(ents).map(([k, v]) => new Pair(k, Array.isArray(v) ? arrayToList(v) : v));
  return items.length ? arrayToList(items) : NIL;
}
