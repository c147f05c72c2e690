// Walks SBPL text (read with ./sexpr.ts) and lists what the vocabulary must resolve: operation spellings in
// rule position, filter heads (also inside require-* and with-filter), modifiers, and bare symbols passed as
// filter or modifier arguments. Names profiles bind themselves (define, lambda, let ...) are collected too, so
// a test can tell user helpers and variables from vocabulary.

import { readAll, type Sx } from './sexpr.js';

export interface SymbolUse { name: string; line: number }
export interface FilterUse { head: string; line: number; symbols: SymbolUse[] }
export interface ModifierUse { name: string; line: number; symbols: SymbolUse[] }
export interface RuleUse {
  file: string;
  line: number;
  action: 'allow' | 'deny';
  ops: SymbolUse[];
  /** Filter heads of the rule, flattened (require-* nesting and enclosing with-filter included). */
  filters: FilterUse[];
  modifiers: ModifierUse[];
}

const METAFILTERS = new Set(['require-all', 'require-any', 'require-not']);

/** Procedures of Scheme and of Apple's SBPL layer that may appear where a filter or an argument is written. */
export const LAYER_PROCEDURES = new Set([
  // Scheme
  'quote', 'quasiquote', 'unquote', 'string-append', 'string->symbol', 'symbol->string', 'number->string',
  'string->number', 'list', 'cons', 'car', 'cdr', 'cadr', 'append', 'apply', 'map', 'if', 'cond', 'when', 'unless',
  'let', 'let*', 'letrec', 'begin', 'and', 'or', 'not', 'lambda', 'eval', 'substring', 'string-downcase',
  'string-upcase', 'list->string', 'string->list', 'reverse', 'vector', 'error',
  'string-length', 'string-ref', '+', '-', '*', 'length', 'list-ref',
  // Apple SBPL layer (sbpl1.scm / prelude.scm / libsandbox natives)
  'param', 'getenv', 'regex-quote', 'path-ancestors', 'require-entitlement', 'entitlement-value',
  'entitlement-value-regex', '_IO', 'tty', 'debug-mode', 'container', 'executable-bundle', 'application-group',
  'system-container', 'system-group', 'process-is-plugin', 'process-is-installer', 'split-string', 'with',
  'sandbox-array-entitlement', 'sandbox-string-entitlement',
  // Sonoma: wraps nested message-filter rules (sandbox-boostrap probes, version 2)
  'apply-message-filter',
]);

/** Every name a set of files binds (define / define-once / macro / lambda formals / let, do, named let). */
export function collectDefinitions(forms: Sx[], into = new Set<string>()): Set<string> {
  const addFormals = (x: Sx | undefined) => {
    if (!x) return;
    if (x.t === 'sym') { if (x.v !== '.') into.add(x.v); }
    else if (x.t === 'list') for (const y of x.items) addFormals(y);
  };
  const visit = (x: Sx) => {
    if (x.t !== 'list') return;
    const [head, a, b] = x.items;
    if (head?.t === 'sym') {
      const h = head.v;
      if (h === 'define' || h === 'define-once' || h === 'macro' || h === 'define-macro' || h === 'set!') {
        if (h !== 'set!') addFormals(a);
      } else if (h === 'lambda') {
        addFormals(a);
      } else if (h === 'let' || h === 'let*' || h === 'letrec' || h === 'do') {
        let bindings = a;
        if (a?.t === 'sym') { into.add(a.v); bindings = b; }
        if (bindings?.t === 'list') for (const bnd of bindings.items) if (bnd.t === 'list' && bnd.items[0]) addFormals(bnd.items[0]);
      }
    }
    for (const y of x.items) visit(y);
  };
  for (const f of forms) visit(f);
  return into;
}

/**
 * Rules in `forms`. Everything written in rule position is recorded as written; the caller decides what is
 * vocabulary and what is a user binding (see collectDefinitions) or a LAYER_PROCEDURES call.
 */
export function walkRules(file: string, forms: Sx[]): RuleUse[] {
  const rules: RuleUse[] = [];

  const symbolsOf = (items: Sx[], out: SymbolUse[]) => {
    for (const it of items) if (it.t === 'sym') out.push({ name: it.v, line: it.line });
  };

  // Filter heads in `x` (a filter expression), flattened through require-* and through filter arguments
  // (e.g. (remote unix-socket (path-literal "/p"))).
  const filtersOf = (x: Sx, out: FilterUse[]) => {
    if (x.t !== 'list' || x.items[0]?.t !== 'sym') return;
    const head = x.items[0].v;
    if (METAFILTERS.has(head)) { for (const y of x.items.slice(1)) filtersOf(y, out); return; }
    if (head === 'quote' || head === 'quasiquote') return;
    // (apply-message-filter RULES...) holds nested rules, which visit() walks as rules of their own.
    if (head === 'apply-message-filter') return;
    const use: FilterUse = { head, line: x.line, symbols: [] };
    symbolsOf(x.items.slice(1), use.symbols);
    out.push(use);
    for (const y of x.items.slice(1)) if (y.t === 'list') filtersOf(y, out);
  };

  const visit = (x: Sx, outer: FilterUse[]) => {
    if (x.t !== 'list') return;
    const head = x.items[0];
    if (head?.t === 'sym' && head.v === 'with-filter' && x.items[1]) {
      const extra: FilterUse[] = [];
      filtersOf(x.items[1], extra);
      for (const y of x.items.slice(2)) visit(y, [...outer, ...extra]);
      return;
    }
    if (head?.t === 'sym' && (head.v === 'allow' || head.v === 'deny')) {
      const rule: RuleUse = { file, line: x.line, action: head.v, ops: [], filters: [...outer], modifiers: [] };
      for (const arg of x.items.slice(1)) {
        if (arg.t === 'sym') { rule.ops.push({ name: arg.v, line: arg.line }); continue; }
        if (arg.t !== 'list') continue;
        const h = arg.items[0];
        if (h?.t === 'sym' && h.v === 'with') {
          const name = arg.items[1];
          if (name?.t === 'sym') {
            const m: ModifierUse = { name: name.v, line: arg.line, symbols: [] };
            symbolsOf(arg.items.slice(2), m.symbols);
            rule.modifiers.push(m);
          }
          continue;
        }
        filtersOf(arg, rule.filters);
      }
      rules.push(rule);
    }
    for (const y of x.items) visit(y, outer);
  };
  for (const f of forms) visit(f, []);
  return rules;
}

export interface CorpusFile { name: string; text: string }

/** Read every file, collect definitions across all of them (imports share defines), then walk the rules. */
export function walkCorpus(files: CorpusFile[]): { rules: RuleUse[]; defined: Set<string> } {
  const parsed = files.map((f) => ({ name: f.name, forms: readAll(f.text) }));
  const defined = new Set<string>();
  for (const p of parsed) collectDefinitions(p.forms, defined);
  const rules = parsed.flatMap((p) => walkRules(p.name, p.forms));
  return { rules, defined };
}
