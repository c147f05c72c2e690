// Building a profile: statements -> canonical SBPL text that the front end accepts. The text is checked by
// compiling it (against the chosen OS vocabulary, with placeholder values for params and imports left out), so
// a built profile always checks, or the builder says which statement is wrong and why.

import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { SourceFile } from '../../scheme/source.js';
import { readSyntaxTree } from '../../scheme/syntax-tree.js';
import { DEFAULT_OS, getVocab, hasVocabulary, normalizeOsId, unknownVocabularyMessage } from '../../vocab/index.js';
import { readProfile } from '../compile.js';
import { symlinkPitfalls, type BuilderWarning } from './pitfalls.js';
import { BuilderError, ProfilePrinter } from './print.js';
import * as v from './values.js';

export interface BuildOptions {
  /** Vocabulary the profile is checked against (default sonoma-14.4.1). */
  os?: string;
  /** Rewrite paths that start with /tmp, /var or /etc to their /private targets instead of only warning. */
  resolveSymlinks?: boolean;
  /** Compile the text to prove it checks (default true). */
  check?: boolean;
  /** Line width of the text (default 80). */
  width?: number;
}

export interface BuiltProfile {
  /** The profile as SBPL, in the canonical format. */
  text: string;
  /** Pitfalls the builder found: paths the kernel never reports. */
  warnings: BuilderWarning[];
  /** Warnings of the check (a filter that can never match an operation ...). */
  diagnostics: Diagnostic[];
}

/** Build SBPL text from statements; throws BuilderError when a statement cannot be written or does not check. */
export function buildProfile(statements: readonly v.Statement[], options: BuildOptions = {}): BuiltProfile {
  const os = options.os ?? DEFAULT_OS;
  if (!hasVocabulary(normalizeOsId(os))) throw new BuilderError(unknownVocabularyMessage(os));
  const vocab = getVocab(os);
  const printer = new ProfilePrinter(vocab);
  const { statements: fixed, warnings } = symlinkPitfalls(statements, vocab, options.resolveSymlinks === true);
  const { text } = printer.text(fixed, options.width);
  const diagnostics = options.check === false ? [] : check(printer, fixed, os, options.width);
  return { text, warnings, diagnostics };
}

/** Compile the statements (imports left out: their files are not at hand) and map an error to its statement. */
function check(printer: ProfilePrinter, statements: v.Statement[], os: string, width: number | undefined): Diagnostic[] {
  const kept = statements.map((s, i) => ({ s, i })).filter(({ s }) => s.kind !== 'import');
  const { text, forms } = printer.text(kept.map((k) => k.s), width);
  const r = readProfile(text, {
    os,
    fileName: '<built profile>',
    fragment: !statements.some((s) => s.kind === 'version'),
    standardPolicy: false,
    paramFallback: (key) => `/__PARAM_${key}__`,
  });
  const error = r.diagnostics.find((d) => d.severity === 'error');
  if (!error) return r.diagnostics;
  let statement: number | undefined;
  if (error.span) {
    const offset = error.span.offset;
    const items = readSyntaxTree(new SourceFile('<built profile>', text)).items;
    const at = items.findIndex((it) => it.node.start <= offset && offset < it.node.end);
    if (at >= 0) statement = kept[forms[at]].i;
  }
  throw new BuilderError(`${error.message}${error.hint ? ` (${error.hint})` : ''} [${error.code}]`, statement);
}

/** A profile under construction, statement by statement (each method returns the builder). */
export class ProfileBuilder {
  private readonly statements: v.Statement[] = [];

  constructor(statements: readonly v.Statement[] = []) {
    this.statements.push(...statements);
  }

  add(...statements: v.Statement[]): this {
    this.statements.push(...statements);
    return this;
  }
  version(n = 1): this {
    return this.add(v.version(n));
  }
  allow(...parts: v.RulePart<'allow'>[]): this {
    return this.add(v.allow(...parts));
  }
  deny(...parts: v.RulePart<'deny'>[]): this {
    return this.add(v.deny(...parts));
  }
  importProfile(name: string): this {
    return this.add(v.importProfile(name));
  }
  comment(text: string): this {
    return this.add(v.comment(text));
  }
  blankLine(): this {
    return this.add(v.blankLine());
  }
  /** The statements so far. */
  get list(): readonly v.Statement[] {
    return this.statements;
  }
  build(options?: BuildOptions): BuiltProfile {
    return buildProfile(this.statements, options);
  }
  /** The SBPL text (checked). */
  toString(): string {
    return this.build().text;
  }
}

/** Start a profile: `profile(version(1), deny('default')).allow('file-read*', subpath('/usr')).build()`. */
export function profile(...statements: v.Statement[]): ProfileBuilder {
  return new ProfileBuilder(statements);
}

