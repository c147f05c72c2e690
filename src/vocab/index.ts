// Vocabulary lookup: one Vocab per OS version, with indexes by name and spelling.

import type { FilterInfo, FilterSpelling, ModifierInfo, OperationInfo, Vocabulary } from './types.js';
import { registeredData, registry, type VocabularyEntry } from './registry.js';

export type { FilterInfo, FilterSpelling, ModifierInfo, OperationInfo, Vocabulary, FactSource, FactTier, OperationFacts, FilterFacts } from './types.js';
export type { VocabularyEntry } from './registry.js';

/** The vocabulary used when none is named: macOS 14.4.1 Sonoma. */
export const DEFAULT_OS = 'sonoma-14.4.1';

export type OperationResolution =
  | { kind: 'operation'; op: OperationInfo; alias?: string }
  | { kind: 'no-op'; alias: string };

/** One OS version's vocabulary with its lookups: names and spellings, fallback chains, filter and modifier applicability. */
export class Vocab {
  readonly id: string;
  readonly data: Vocabulary;
  /** True for the permissive `any` vocabulary: unknown names are warnings, not errors. */
  readonly lenient: boolean;
  private readonly opsByName = new Map<string, OperationInfo>();
  private readonly filtersByName = new Map<string, FilterInfo>();
  private readonly spellings = new Map<string, { filter: FilterInfo; spelling: FilterSpelling }>();
  private readonly modifiersByName = new Map<string, ModifierInfo>();
  private readonly chains = new Map<string, OperationInfo[]>();
  private readonly classCache = new Map<string, Set<string> | null>();

  constructor(data: Vocabulary, lenient = false) {
    this.id = data.id;
    this.data = data;
    this.lenient = lenient;
    for (const op of data.operations) this.opsByName.set(op.name, op);
    for (const f of data.filters) {
      this.filtersByName.set(f.name, f);
      for (const s of f.spellings) if (!this.spellings.has(s.name)) this.spellings.set(s.name, { filter: f, spelling: s });
    }
    for (const m of data.modifiers) {
      this.modifiersByName.set(m.name, m);
      for (const a of m.aliases ?? []) this.modifiersByName.set(a, m);
    }
  }

  get operations(): readonly OperationInfo[] {
    return this.data.operations;
  }

  get filters(): readonly FilterInfo[] {
    return this.data.filters;
  }

  operation(name: string): OperationInfo | undefined {
    return this.opsByName.get(name);
  }

  operationById(id: number): OperationInfo | undefined {
    return this.data.operations[id];
  }

  /**
   * Resolve an SBPL operation spelling: an alias, a table name, or an accepted no-op. Aliases win over table
   * names because Apple's sbpl1.scm binds them after the native operations (`sysctl-write` means `sysctl*`).
   */
  resolveOperation(spelling: string): OperationResolution | undefined {
    if (Object.prototype.hasOwnProperty.call(this.data.operationAliases, spelling)) {
      const target = this.data.operationAliases[spelling];
      if (target === null) return { kind: 'no-op', alias: spelling };
      const t = this.opsByName.get(target);
      if (t) return { kind: 'operation', op: t, alias: spelling };
    }
    const op = this.opsByName.get(spelling);
    if (op) return { kind: 'operation', op };
    return undefined;
  }

  /** All operation spellings (names and aliases), for "did you mean". */
  operationSpellings(): string[] {
    return [...this.opsByName.keys(), ...Object.keys(this.data.operationAliases)];
  }

  filter(name: string): FilterInfo | undefined {
    return this.filtersByName.get(name);
  }

  filterById(id: number): FilterInfo | undefined {
    return this.data.filters[id];
  }

  /** Resolve a filter procedure name (`subpath`, `global-name-regex` ...). */
  filterSpelling(name: string): { filter: FilterInfo; spelling: FilterSpelling } | undefined {
    return this.spellings.get(name);
  }

  filterSpellingNames(): string[] {
    return [...this.spellings.keys()];
  }

  /** A modifier by name or alias (`no-log` gives `no-report`). */
  modifier(name: string): ModifierInfo | undefined {
    return this.modifiersByName.get(name);
  }

  modifierNames(): string[] {
    return [...this.modifiersByName.keys()];
  }

  /** `(with termination)` -> { name: 'send-signal', args: [9] }: a spelling the SBPL layer expands first. */
  modifierShorthand(name: string): { name: string; args: Array<string | number> } | undefined {
    const table = this.data.modifierShorthands;
    return table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  }

  /**
   * Does `op` list modifier `name` (name, alias or shorthand)? undefined when the modifier is unknown or the
   * vocabulary has no per-operation list.
   */
  acceptsModifier(op: OperationInfo, name: string): boolean | undefined {
    const m = this.modifiersByName.get(this.modifierShorthand(name)?.name ?? name);
    if (!m || !op.modifiers) return undefined;
    return op.modifiers.includes(m.name);
  }

  /**
   * Value of a bare symbol written as a filter argument (`self` in `(target self)`, `AF_INET`, `SYS_read`):
   * the filter's own named values first, then the global constants.
   */
  symbolValue(filter: FilterInfo | undefined, symbol: string): number | undefined {
    const own = filter?.values;
    if (own && Object.prototype.hasOwnProperty.call(own, symbol)) return own[symbol];
    return Object.prototype.hasOwnProperty.call(this.data.constants, symbol) ? this.data.constants[symbol] : undefined;
  }

  /** A global constant (`SIGKILL`, `AF_INET` ...). */
  constant(name: string): number | undefined {
    return Object.prototype.hasOwnProperty.call(this.data.constants, name) ? this.data.constants[name] : undefined;
  }

  /** The operation followed by its ancestors, ending at an operation with a fixed decision (usually `default`). */
  fallbackChain(name: string): OperationInfo[] {
    const cached = this.chains.get(name);
    if (cached) return cached;
    const chain: OperationInfo[] = [];
    let op = this.opsByName.get(name);
    const seen = new Set<string>();
    while (op && !seen.has(op.name)) {
      seen.add(op.name);
      chain.push(op);
      if (op.fixed || op.parent === null) break;
      op = this.opsByName.get(op.parent);
    }
    this.chains.set(name, chain);
    return chain;
  }

  /** Operations whose own name or an ancestor's is `name` (the op itself included): what a rule on `name` can reach by fallback. */
  descendants(name: string): OperationInfo[] {
    return this.data.operations.filter((o) => this.fallbackChain(o.name).some((c) => c.name === name));
  }

  /**
   * Does this OS's compiler accept `filter` in a rule on `op`? False only when the filter cannot match there
   * (see canMatch) and the vocabulary's compiler rejects such rules (filterApplicability 'error'); 10.11+
   * compilers take them, so use checkFilter() to warn about filters that can never match.
   * undefined when the vocabulary does not say.
   */
  accepts(op: OperationInfo, filter: FilterInfo): boolean | undefined {
    const can = this.canMatch(op, filter);
    if (can === false && this.data.filterApplicability === 'warning') return true;
    return can;
  }

  /**
   * Can `filter` match requests that reach `op`'s rule list? True when one of its classes is listed for `op` or
   * for an operation that falls back to `op` (a `(target self)` rule on process-info* is consulted for
   * process-info-pidinfo requests). undefined when the vocabulary does not say.
   */
  canMatch(op: OperationInfo, filter: FilterInfo): boolean | undefined {
    const classes = this.reachableClasses(op);
    if (!classes) return undefined;
    if (classes.has('*')) return true;
    return filter.classes.some((c) => classes.has(c));
  }

  /** The diagnostic a filter outside `op`'s classes deserves on this OS, or undefined when it applies / is unknown. */
  checkFilter(op: OperationInfo, filter: FilterInfo): { severity: 'error' | 'warning'; message: string } | undefined {
    if (this.canMatch(op, filter) !== false) return undefined;
    const severity = this.data.filterApplicability ?? 'error';
    const tail = severity === 'warning' ? ` (it can never match there on ${this.data.displayName})` : '';
    return { severity, message: `${filter.name} filter does not apply to ${op.name} operation${tail}` };
  }

  /**
   * The diagnostic a `(with NAME ...)` modifier deserves on a rule `action op`, or undefined when it is fine or
   * unknown. Wrong action = error (Apple sbpl1.scm, simbple modifiers.c); an operation outside the modifier's
   * list follows filterApplicability.
   */
  checkModifier(action: 'allow' | 'deny', op: OperationInfo, name: string): { severity: 'error' | 'warning'; message: string } | undefined {
    const m = this.modifiersByName.get(this.modifierShorthand(name)?.name ?? name);
    if (!m) return undefined;
    if (!m.actions.includes(action)) return { severity: 'error', message: `${name} modifier does not apply to ${action} action` };
    if (this.acceptsModifier(op, name) === false) {
      return { severity: this.data.filterApplicability ?? 'error', message: `${name} modifier does not apply to ${op.name} operation` };
    }
    return undefined;
  }

  private reachableClasses(op: OperationInfo): Set<string> | undefined {
    const hit = this.classCache.get(op.name);
    if (hit !== undefined) return hit ?? undefined;
    let out: Set<string> | null = null;
    if (op.filterClasses) {
      out = new Set(op.filterClasses);
      for (const d of this.descendants(op.name)) for (const c of d.filterClasses ?? []) out.add(c);
    }
    this.classCache.set(op.name, out);
    return out ?? undefined;
  }
}

const cache = new Map<string, Vocab>();

/**
 * Add vocabularies to the registry (src/vocab/all.ts adds the newer releases); `any` is rebuilt to include them.
 * An entry may be a loader (`() => Vocabulary`): it runs the first time the vocabulary (or `any`) is asked for.
 */
export function registerVocabularies(list: Record<string, VocabularyEntry>): void {
  for (const [id, v] of Object.entries(list)) registry[id] = v;
  cache.delete('any');
}

/** The message for an OS id no registered vocabulary has (names the entry that adds the newer releases). */
export function unknownVocabularyMessage(id: string): string {
  const hint = 'macos-15' in registry ? '' : "; Catalina 10.15, macOS 15 and iOS 17/26 are in the 'sbpl-kit/vocab' entry: import it once";
  return `unknown OS vocabulary '${id}' (known: ${listVocabularies().join(', ')}${hint})`;
}

/** Known vocabulary ids, plus `any` (the union, lenient). */
export function listVocabularies(): string[] {
  return [...Object.keys(registry), 'any'];
}

export function hasVocabulary(id: string): boolean {
  return id === 'any' || Object.prototype.hasOwnProperty.call(registry, id);
}

/** Look up a vocabulary by id (`sonoma-14.4.1`, `catalina-10.15`, `any`); short forms `sonoma`, `14`, `catalina`, `10.15` work too. */
export function getVocab(id: string = DEFAULT_OS): Vocab {
  const key = normalizeOsId(id);
  const hit = cache.get(key);
  if (hit) return hit;
  let v: Vocab;
  if (key === 'any') v = new Vocab(unionVocabulary(), true);
  else {
    const data = registeredData(key);
    if (!data) throw new Error(unknownVocabularyMessage(id));
    v = new Vocab(data);
  }
  cache.set(key, v);
  return v;
}

export function normalizeOsId(id: string): string {
  const s = id.trim().toLowerCase();
  if (s === 'any') return 'any';
  if (Object.prototype.hasOwnProperty.call(registry, s)) return s;
  for (const key of Object.keys(registry)) {
    const [name, ver] = splitId(key);
    if (s === name || s === ver || s === `macos-${ver}` || ver.startsWith(s + '.') || s.startsWith(ver)) return key;
  }
  return s;
}

function splitId(key: string): [string, string] {
  const i = key.indexOf('-');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** `any`: the newest vocabulary, plus the operations, aliases and constants only older ones have. */
function unionVocabulary(): Vocabulary {
  const all = Object.keys(registry).map((id) => registeredData(id)!);
  const base = registeredData(DEFAULT_OS) ?? all[0];
  const ops = [...base.operations];
  const opNames = new Set(ops.map((o) => o.name));
  const aliases: Record<string, string | null> = { ...base.operationAliases };
  const constants: Record<string, number> = {};
  for (const v of all) {
    for (const [k, val] of Object.entries(v.constants)) if (!(k in constants)) constants[k] = val;
    for (const [k, val] of Object.entries(v.operationAliases)) if (!(k in aliases) && !opNames.has(k)) aliases[k] = val;
  }
  for (const [k, val] of Object.entries(base.constants)) constants[k] = val;
  for (const v of all) {
    if (v === base) continue;
    for (const op of v.operations) {
      if (opNames.has(op.name) || op.name in aliases) continue;
      opNames.add(op.name);
      ops.push({ ...op, id: ops.length, notInOpTable: true, filterClasses: undefined });
    }
  }
  const modifiers = [...base.modifiers];
  for (const v of all) {
    for (const m of v.modifiers) if (!modifiers.some((x) => x.name === m.name)) modifiers.push(m);
  }
  const filters = [...base.filters];
  const filterAt = new Map(filters.map((f, i) => [f.name, i]));
  for (const v of all) {
    for (const f of v.filters) {
      const i = filterAt.get(f.name);
      if (i === undefined) {
        filterAt.set(f.name, filters.length);
        filters.push({ ...f, id: filters.length });
      } else if (f.values) {
        // a symbol filter accepts the named values of every release
        filters[i] = { ...filters[i], values: { ...f.values, ...filters[i].values } };
      }
    }
  }
  return {
    ...base,
    id: 'any',
    displayName: 'any (union of known vocabularies; unknown names are warnings)',
    operations: ops.map((o) => ({ ...o, filterClasses: undefined, modifiers: undefined })),
    modifiers,
    filters,
    operationAliases: aliases,
    constants,
  };
}
