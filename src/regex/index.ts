// Apple regex dialect: parse -> AST -> Thompson NFA -> lazy DFA (unanchored search), and back: automaton ->
// dialect source text (state elimination). Not JavaScript RegExp: see parser.ts for the dialect and how
// unsupported constructs behave. Format-independent: blob formats bring only their byte encodings.

import { parseRegex, RegexSyntaxError, type RegexDiagnostic } from './parser.js';
import { buildNfa, RegexTooLargeError, type Nfa } from './nfa.js';
import { LazyDfa } from './dfa.js';
import type { RegexNode } from './ast.js';

export type { RegexNode, ByteRange, RegexPos } from './ast.js';
export { classHas, complementRanges, escapeClassChar, escapeRegexChar, normalizeRanges, regexToSource, REGEX_META } from './ast.js';
export type { Nfa, NfaState } from './nfa.js';
export { buildNfa, RegexTooLargeError, MAX_NFA_STATES } from './nfa.js';
export { compileRegexSet, type RegexSet } from './multi.js';
export { LazyDfa, DFA_CACHE_LIMIT, DFA_TABLE_LIMIT, type DfaStats, type LazyDfaOptions } from './dfa.js';
export { parseRegex, RegexSyntaxError, MAX_REPEAT, MAX_GROUP_DEPTH, utf8Bytes } from './parser.js';
export type { RegexDiagnostic, RegexDiagnosticCode, ParsedRegex } from './parser.js';
export { RegexCodeError } from './errors.js';
export { BYTE_RANGES, K_ANY, K_BOL, K_EOL, K_EPS, K_MATCH, K_SET, K_SPLIT, nfaOfTables, tablesOf, type AutomatonTables } from './tables.js';
export { nfaToSource, tablesToSource } from './to-source.js';
export { byteSetText, escapeRegexBytes } from './print.js';

export interface CompiledRegex {
  source: string;
  ast: RegexNode;
  nfa: Nfa;
  diagnostics: RegexDiagnostic[];
  /** Unanchored search: does the pattern occur anywhere in `subject` (matched as UTF-8 bytes)? */
  test(subject: string): boolean;
}

/** Compile a pattern. Throws RegexSyntaxError (with an offset) or RegexTooLargeError. */
export function compileRegex(source: string): CompiledRegex {
  const parsed = parseRegex(source);
  const nfa = buildNfa(parsed.ast);
  const dfa = new LazyDfa(nfa);
  const req = requiredLiterals(parsed.ast);
  // Cheap necessary conditions first (native string search), then the automaton.
  const { prefix, suffix, factor } = req;
  let test: (s: string) => boolean;
  if (prefix !== undefined && suffix !== undefined) test = (s) => s.startsWith(prefix) && s.endsWith(suffix) && dfa.test(s);
  else if (prefix !== undefined) test = (s) => s.startsWith(prefix) && dfa.test(s);
  else if (suffix !== undefined) test = (s) => s.endsWith(suffix) && dfa.test(s);
  else if (req.factors && req.factors.length > 1) {
    const fs = req.factors;
    test = (s) => {
      for (let i = 0; i < fs.length; i++) if (!s.includes(fs[i])) return false;
      return dfa.test(s);
    };
  } else if (factor !== undefined) test = (s) => s.includes(factor) && dfa.test(s);
  else test = (s) => dfa.test(s);
  return { source, ast: parsed.ast, nfa, diagnostics: parsed.diagnostics, test };
}

export interface RequiredLiterals {
  prefix?: string;
  suffix?: string;
  factor?: string;
  factors?: string[];
}

/**
 * ASCII text every match must contain: `prefix` when the pattern starts with `^` and literal bytes,
 * `suffix` when it ends with literal bytes and `$`, else the longest run of literal bytes (`factor`); `factors`:
 * every run (longest first, at most four), all of which a match contains.
 * Only the top-level sequence is inspected, so these are necessary conditions, never sufficient ones.
 * (ASCII bytes occur in UTF-8 only as themselves, so a JavaScript substring test is exact.)
 */
export function requiredLiterals(ast: RegexNode): RequiredLiterals {
  const items: RegexNode[] = [];
  const flatten = (n: RegexNode): void => {
    if (n.type === 'concat') n.items.forEach(flatten);
    else if (n.type === 'group') flatten(n.item);
    else items.push(n);
  };
  flatten(ast);
  const runs: Array<{ start: number; end: number; text: string }> = [];
  let cur = '';
  let start = 0;
  items.forEach((n, i) => {
    if (n.type === 'byte' && n.value < 0x80) {
      if (cur === '') start = i;
      cur += String.fromCharCode(n.value);
    } else {
      if (cur) runs.push({ start, end: i, text: cur });
      cur = '';
    }
  });
  if (cur) runs.push({ start, end: items.length, text: cur });
  const out: RequiredLiterals = {};
  const first = runs[0];
  if (items[0]?.type === 'bol' && first && first.start === 1) out.prefix = first.text;
  const last = runs[runs.length - 1];
  if (items[items.length - 1]?.type === 'eol' && last && last.end === items.length - 1) out.suffix = last.text;
  let best = '';
  for (const r of runs) if (r.text.length > best.length) best = r.text;
  if (best) out.factor = best;
  if (runs.length > 1) out.factors = [...new Set(runs.map((r) => r.text))].sort((a, b) => b.length - a.length).slice(0, 4);
  return out;
}

/** Result of checking a pattern without keeping the matcher. */
export type RegexCheck =
  | { ok: true; diagnostics: RegexDiagnostic[] }
  | { ok: false; message: string; offset: number; diagnostics: RegexDiagnostic[] };

/** Validate a pattern: syntax errors with their offset, plus dialect warnings. For the front end and lint. */
export function checkRegex(source: string): RegexCheck {
  try {
    const parsed = parseRegex(source);
    buildNfa(parsed.ast);
    return { ok: true, diagnostics: parsed.diagnostics };
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { ok: false, message: e.reason, offset: e.offset, diagnostics: [] };
    if (e instanceof RegexTooLargeError) return { ok: false, message: e.message, offset: 0, diagnostics: [] };
    throw e;
  }
}

/** A shared cache of compiled matchers, so every profile compiles each distinct pattern once. */
export class RegexCache {
  private readonly map = new Map<string, CompiledRegex>();
  /** Patterns kept before the cache starts over (a long-running process loading many profiles). */
  constructor(readonly limit = 20_000) {}
  get(source: string): CompiledRegex {
    let hit = this.map.get(source);
    if (!hit) {
      hit = compileRegex(source);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(source, hit);
    }
    return hit;
  }
  get size(): number {
    return this.map.size;
  }
}
