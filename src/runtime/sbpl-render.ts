// Render Profile IR rules back to SBPL text, for shims that derive rules from a profile (tmp-alias).
// Only the forms a rule can carry after evaluation; anything we cannot print faithfully returns undefined.

import type { FilterArgument, FilterExpr, FilterTest, Modifier, Rule, StringMatch } from '../sbpl/profile.js';

/** An SBPL string literal: `"..."` with `\\` and `\"` escaped. */
export function sbplString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A regex literal: raw `#"..."` when possible (backslashes reach the regex engine unchanged). */
export function sbplRegex(source: string): string {
  return source.includes('"') ? sbplString(source) : `#"${source}"`;
}

function stringMatch(filter: string, m: StringMatch): string | undefined {
  if (filter === 'path') {
    switch (m.kind) {
      case 'literal':
        return `(literal ${sbplString(m.value)})`;
      case 'prefix':
        return `(prefix ${sbplString(m.value)})`;
      case 'subpath':
        return `(subpath ${sbplString(m.value)})`;
      case 'regex':
        return `(regex ${sbplRegex(m.source)})`;
    }
  }
  switch (m.kind) {
    case 'literal':
      return `(${filter} ${sbplString(m.value)})`;
    case 'prefix':
      return `(${filter}-prefix ${sbplString(m.value)})`;
    case 'regex':
      return `(${filter}-regex ${sbplRegex(m.source)})`;
    case 'subpath':
      return undefined;
  }
}

function argument(filter: string, a: FilterArgument): string | undefined {
  switch (a.kind) {
    case 'literal':
    case 'prefix':
    case 'subpath':
    case 'regex':
      return stringMatch(filter, a);
    case 'integer':
      return `(${filter} ${a.symbol ?? a.value})`;
    case 'mode-bits':
      return `(${filter} #o${a.value.toString(8).padStart(4, '0')})`;
    case 'symbol':
      return `(${filter} ${a.name})`;
    case 'network':
      return `(${filter} ${a.proto} ${sbplString(`${a.host}:${a.port}`)})`;
    case 'boolean':
      return `(${filter} ${a.value ? '#t' : '#f'})`;
    case 'entitlement':
      return undefined;
  }
}

export function renderFilter(e: FilterExpr): string | undefined {
  switch (e.type) {
    case 'test':
      return argument(e.filter, e.arg);
    case 'all':
    case 'any': {
      const parts = e.items.map(renderFilter);
      if (parts.some((p) => p === undefined)) return undefined;
      return `(${e.type === 'all' ? 'require-all' : 'require-any'} ${parts.join(' ')})`;
    }
    case 'not': {
      const inner = renderFilter(e.item);
      return inner === undefined ? undefined : `(require-not ${inner})`;
    }
  }
}

function renderModifier(m: Modifier): string | undefined {
  const args = m.args.map((a) => (typeof a === 'number' ? String(a) : sbplString(a)));
  return `(with ${[m.name, ...args].join(' ')})`;
}

/** `(allow file-read* (subpath "/x"))`, or undefined when part of the rule cannot be printed. */
export function renderRule(r: Pick<Rule, 'action' | 'operations' | 'filter' | 'modifiers'>): string | undefined {
  const parts: string[] = [r.action, ...r.operations];
  if (r.filter) {
    const f = renderFilter(r.filter);
    if (f === undefined) return undefined;
    parts.push(f);
  }
  for (const m of r.modifiers) {
    const t = renderModifier(m);
    if (t === undefined) return undefined;
    parts.push(t);
  }
  return `(${parts.join(' ')})`;
}

/** Map every primitive test through `f` (returning a new expression). */
export function mapTests(e: FilterExpr, f: (t: FilterTest) => FilterTest): FilterExpr {
  switch (e.type) {
    case 'test':
      return f(e);
    case 'all':
    case 'any':
      return { ...e, items: e.items.map((i) => mapTests(i, f)) };
    case 'not':
      return { ...e, item: mapTests(e.item, f) };
  }
}
