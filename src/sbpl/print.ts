// Printing the profile model back as SBPL text: one printer for explanations, lint messages, traces
// and the decompiler, so every place shows a filter the same way and the text reads back as it was.

import type { FilterArgument, FilterExpr, FilterTest, Modifier, Rule } from './profile.js';

/** Characters sbplString escapes. */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f]/;

/** A TinyScheme string literal (the reader's escapes: \" \\ \n \t \xHH). */
export function sbplString(s: string): string {
  // most strings need no escape: one piece, not a string built a character at a time
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** A regex as `#"..."` when possible (backslashes reach the regex engine unchanged), else an escaped string. */
export function regexLiteral(source: string): string {
  if (!source.includes('"') && !/[\x00-\x1f\x7f]/.test(source)) return `#"${source}"`;
  return sbplString(source);
}

/** The argument of a filter test, as SBPL. */
export function argToSbpl(t: FilterTest | { filter: string }, a: FilterArgument): string {
  switch (a.kind) {
    case 'literal':
    case 'prefix':
    case 'subpath':
      return sbplString(a.value);
    case 'regex':
      return regexLiteral(a.source);
    case 'integer':
      return a.symbol ?? String(a.value);
    case 'mode-bits':
      return '#o' + a.value.toString(8).padStart(4, '0');
    case 'symbol':
      return a.name;
    case 'boolean':
      return a.value ? '#t' : '#f';
    case 'network':
      return a.proto === 'unix' || a.proto === 'unix-socket' ? a.proto : `${a.proto} ${sbplString(`${a.host}:${a.port}`)}`;
    case 'entitlement': {
      const key = sbplString(a.key);
      const v = a.value;
      if (t.filter !== 'entitlement' || v.kind === 'bool-true' || v.kind === 'present') return key;
      if (v.kind === 'boolean') return `${key} (entitlement-value ${v.value ? '#t' : '#f'})`;
      if (v.match.kind === 'regex') return `${key} (entitlement-value-regex ${regexLiteral(v.match.source)})`;
      return `${key} (entitlement-value ${sbplString(v.match.value)})`;
    }
  }
}

/**
 * One filter test as SBPL. `isFlag` says which filters take no argument (the vocabulary knows); the front
 * end records such tests with a boolean #t argument.
 */
export function testToSbpl(t: FilterTest, isFlag?: (filter: string) => boolean): string {
  if (isFlag?.(t.filter)) return `(${t.spelled})`;
  return `(${t.spelled} ${argToSbpl(t, t.arg)})`;
}

/** Characters of a filter shown in a message, an explanation or a report: a decompiled DAG's can be 1e69 tests. */
export const SHOWN_FILTER_CHARS = 20_000;

/**
 * A filter as SBPL. Filters are DAGs (see filterTests) whose copied-out text can be astronomically long: with
 * `maxChars` the text stops there, ending in "...", after that much work.
 */
export function filterToSbpl(e: FilterExpr, isFlag?: (filter: string) => boolean, maxChars = Infinity): string {
  const out: string[] = [];
  let size = 0;
  const put = (s: string): boolean => {
    out.push(s);
    size += s.length;
    return size <= maxChars;
  };
  const write = (x: FilterExpr): boolean => {
    switch (x.type) {
      case 'test':
        return put(testToSbpl(x, isFlag));
      case 'all':
      case 'any': {
        if (!put(x.type === 'all' ? '(require-all' : '(require-any')) return false;
        for (const i of x.items) if (!put(' ') || !write(i)) return false;
        return put(')');
      }
      case 'not':
        return put('(require-not ') && write(x.item) && put(')');
    }
  };
  if (write(e)) return out.join('');
  return truncateSbpl(out.join(''), maxChars);
}

export function modifierToSbpl(m: Modifier): string {
  const args = m.args.map((a) => (typeof a === 'number' ? String(a) : sbplString(a)));
  return `(with ${[m.name, ...args].join(' ')})`;
}

export function ruleToSbpl(r: Pick<Rule, 'action' | 'operations' | 'filter' | 'modifiers'>, isFlag?: (filter: string) => boolean, maxFilterChars?: number): string {
  const parts = [r.action, ...r.operations, ...(r.filter ? [filterToSbpl(r.filter, isFlag, maxFilterChars)] : []), ...r.modifiers.map(modifierToSbpl)];
  return `(${parts.join(' ')})`;
}

/** Shorten a printed form for a one-line message. */
export function truncateSbpl(s: string, budget: number): string {
  return s.length > budget ? s.slice(0, Math.max(0, budget - 3)) + '...' : s;
}
