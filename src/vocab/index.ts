// Vocabulary lookup: one Vocab per OS version, with indexes by name and spelling.

import type { FilterInfo, FilterSpelling, ModifierInfo, OperationInfo, Vocabulary } from './types.js';
import { registry } from './registry.js';

export type { FilterInfo, FilterSpelling, ModifierInfo, OperationInfo, Vocabulary } from './types.js';

export const DEFAULT_OS = 'sonoma-14.4.1';

export type OperationResolution =
  | { kind: 'operation'; op: OperationInfo; alias?: string }
  | { kind: 'no-op'; alias: string };

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

  /** Resolve an SBPL operation spelling: a table name, an alias, or an accepted no-op. */
  resolveOperation(spelling: string): OperationResolution | undefined {
    const op = this.opsByName.get(spelling);
    if (op) return { kind: 'operation', op };
    if (Object.prototype.hasOwnProperty.call(this.data.operationAliases, spelling)) {
      const target = this.data.operationAliases[spelling];
      if (target === null) return { kind: 'no-op', alias: spelling };
      const t = this.opsByName.get(target);
      if (t) return { kind: 'operation', op: t, alias: spelling };
    }
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

  modifier(name: string): ModifierInfo | undefined {
    return this.modifiersByName.get(name);
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

  /** Does `op` accept filter `filter`? undefined when the vocabulary does not say. */
  accepts(op: OperationInfo, filter: FilterInfo): boolean | undefined {
    if (!op.filterClasses) return undefined;
    if (op.filterClasses.includes('*')) return true;
    return filter.classes.some((c) => op.filterClasses!.includes(c));
  }
}

const cache = new Map<string, Vocab>();

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
    const data = registry[key];
    if (!data) throw new Error(`unknown OS vocabulary '${id}' (known: ${listVocabularies().join(', ')})`);
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
  const all = Object.values(registry);
  const base = registry[DEFAULT_OS] ?? all[0];
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
  const filters = [...base.filters];
  const fnames = new Set(filters.map((f) => f.name));
  for (const v of all) {
    for (const f of v.filters) {
      if (fnames.has(f.name)) continue;
      fnames.add(f.name);
      filters.push({ ...f, id: filters.length });
    }
  }
  return {
    ...base,
    id: 'any',
    displayName: 'any (union of known vocabularies; unknown names are warnings)',
    operations: ops.map((o) => ({ ...o, filterClasses: undefined })),
    filters,
    operationAliases: aliases,
    constants,
  };
}
