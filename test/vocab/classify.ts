// Checks walked rules against one vocabulary: what does not resolve, and which filter / modifier the
// vocabulary says does not apply to an operation.

import type { Vocab } from '../../src/vocab/index.js';
import { LAYER_PROCEDURES, type RuleUse } from './corpus-walk.js';

/** Words of the network-address grammar that are not numbered protocols (legacy unix-socket syntax, semantics.md §3.4). */
const NETWORK_WORDS = new Set(['unix', 'unix-socket']);

export interface Finding { file: string; line: number; what: string }

export interface Report {
  unresolvedOps: Finding[];
  unresolvedFilters: Finding[];
  unresolvedModifiers: Finding[];
  unresolvedSymbols: Finding[];
  /** Error-severity "does not apply" diagnostics (filter or modifier vs operation, modifier vs action). */
  notApplicable: Finding[];
  /** Warning-severity ones: the rule compiles but the filter can never match there. */
  neverMatches: Finding[];
  counts: { rules: number; ops: number; filters: number; modifiers: number; symbols: number };
}

/**
 * Only rules whose operations all resolve are checked against operations (a rule naming an operation this OS
 * lacks is already an error of another kind).
 */
export function classify(v: Vocab, rules: RuleUse[], defined: Set<string>): Report {
  const r: Report = {
    unresolvedOps: [], unresolvedFilters: [], unresolvedModifiers: [], unresolvedSymbols: [], notApplicable: [], neverMatches: [],
    counts: { rules: rules.length, ops: 0, filters: 0, modifiers: 0, symbols: 0 },
  };
  for (const rule of rules) {
    const at = (line: number, what: string): Finding => ({ file: rule.file, line, what });
    const ops = [];
    let allOpsKnown = true;
    for (const o of rule.ops) {
      const res = v.resolveOperation(o.name);
      if (res) { r.counts.ops++; if (res.kind === 'operation') ops.push(res.op); continue; }
      allOpsKnown = false;
      if (!defined.has(o.name)) r.unresolvedOps.push(at(o.line, o.name));
    }
    for (const f of rule.filters) {
      const sp = v.filterSpelling(f.head);
      if (!sp) {
        if (!LAYER_PROCEDURES.has(f.head) && !defined.has(f.head)) r.unresolvedFilters.push(at(f.line, f.head));
        continue;
      }
      r.counts.filters++;
      for (const s of f.symbols) {
        r.counts.symbols++;
        const ok = v.symbolValue(sp.filter, s.name) !== undefined
          || (sp.filter.argKind === 'network' && NETWORK_WORDS.has(s.name))
          || defined.has(s.name);
        if (!ok) r.unresolvedSymbols.push(at(s.line, `${s.name} (in ${f.head})`));
      }
      if (allOpsKnown) {
        for (const op of ops) {
          const d = v.checkFilter(op, sp.filter);
          if (d) (d.severity === 'error' ? r.notApplicable : r.neverMatches).push(at(f.line, d.message));
        }
      }
    }
    for (const m of rule.modifiers) {
      const info = v.modifier(v.modifierShorthand(m.name)?.name ?? m.name);
      if (!info) {
        if (!defined.has(m.name)) r.unresolvedModifiers.push(at(m.line, m.name));
        continue;
      }
      r.counts.modifiers++;
      for (const s of m.symbols) {
        r.counts.symbols++;
        if (v.constant(s.name) === undefined && !defined.has(s.name)) r.unresolvedSymbols.push(at(s.line, `${s.name} (in with ${m.name})`));
      }
      for (const op of allOpsKnown ? ops : []) {
        const d = v.checkModifier(rule.action, op, m.name);
        if (d) (d.severity === 'error' ? r.notApplicable : r.neverMatches).push(at(m.line, d.message));
      }
      if (!allOpsKnown && !info.actions.includes(rule.action)) {
        r.notApplicable.push(at(m.line, `${m.name} modifier does not apply to ${rule.action} action`));
      }
    }
  }
  return r;
}

export function show(findings: Finding[], limit = 40): string {
  return findings.slice(0, limit).map((f) => `${f.file}:${f.line}: ${f.what}`).join('\n');
}
