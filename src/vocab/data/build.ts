// Small builders that turn the compact per-OS tables into Vocabulary records, so each data module reads as a table.

import type { Evidence, FactSource, FactTier, FilterArgKind, FilterFacts, FilterInfo, FilterSpelling, ModifierInfo, OperationFacts, OperationInfo } from '../types.js';

/**
 * How a filter is spelled in SBPL:
 * - `pattern`: string filters libsandbox types as pattern-prefix / -subpath / -regex get NAME (exact),
 *   NAME-prefix and NAME-regex (e.g. global-name, global-name-prefix, global-name-regex);
 * - `literal`: pattern-literal filters take an exact string only (extension, storage-class ...);
 * - `value`: integers, symbols, flags, network addresses, entitlements: NAME only.
 */
export type SpellingMode = 'pattern' | 'literal' | 'value';

export interface FilterRow {
  name: string;
  argKind: FilterArgKind;
  mode: SpellingMode;
  classes: string[];
  evidence: Evidence;
  values?: Record<string, number>;
  /** Extra SBPL names (aliases), e.g. `literal`/`subpath` for path, `to` for remote. */
  extra?: FilterSpelling[];
  facts?: FilterFacts;
}

export function buildFilters(rows: FilterRow[]): FilterInfo[] {
  return rows.map((r, id) => {
    const spellings: FilterSpelling[] = [];
    if (r.mode === 'value') spellings.push({ name: r.name, match: 'value' });
    else {
      spellings.push({ name: r.name, match: 'literal' });
      if (r.mode === 'pattern') {
        spellings.push({ name: `${r.name}-prefix`, match: 'prefix' }, { name: `${r.name}-regex`, match: 'regex' });
      }
    }
    for (const e of r.extra ?? []) if (!spellings.some((s) => s.name === e.name)) spellings.push(e);
    const info: FilterInfo = { id, name: r.name, argKind: r.argKind, spellings, classes: r.classes, evidence: r.evidence };
    if (r.values) info.values = r.values;
    if (r.facts) info.facts = r.facts;
    return info;
  });
}

/** One operation row: parent name, or `=allow` / `=deny` for a terminal (fixed-decision) operation. */
export interface OpRow {
  name: string;
  parent: string;
  evidence: Evidence;
  classes?: string[];
  classesEvidence?: Evidence;
  modifiers?: string[];
  notInOpTable?: boolean;
  facts?: OperationFacts;
}

export function buildOperations(rows: OpRow[]): OperationInfo[] {
  return rows.map((r, id) => {
    const op: OperationInfo = { id, name: r.name, parent: null, evidence: r.evidence };
    if (r.parent === '=allow' || r.parent === '=deny') op.fixed = r.parent === '=allow' ? 'allow' : 'deny';
    else op.parent = r.parent;
    if (r.classes) op.filterClasses = r.classes;
    if (r.classesEvidence) op.filterClassesEvidence = r.classesEvidence;
    if (r.modifiers) op.modifiers = r.modifiers;
    if (r.notInOpTable) op.notInOpTable = true;
    if (r.facts) op.facts = r.facts;
    return op;
  });
}

export function mod(
  name: string,
  actions: ModifierInfo['actions'],
  arg: ModifierInfo['arg'],
  evidence: Evidence,
  extra: Partial<Pick<ModifierInfo, 'aliases' | 'deprecated'>> = {},
): ModifierInfo {
  return { name, actions, arg, evidence, ...extra };
}

/** A FactSource: tier, source keys (src/vocab/data/sources.ts), optional note. */
export function fact(tier: FactTier, sources: string[], note?: string): FactSource {
  return note === undefined ? { tier, sources } : { tier, sources, note };
}

/** The Evidence grade a tier stands for (what the decision engine reports as measured or inferred). */
export function gradeOf(f: FactSource): Evidence {
  switch (f.tier) {
    case 'witnessed':
    case 'extracted':
    case 'carried':
      return 'B';
    case 'documented':
      return 'A';
    case 'hypothesis':
      return 'H';
    default:
      return 'I';
  }
}

/** Union of class lists, order kept. */
export function cls(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
