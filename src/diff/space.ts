// The request space of one operation, cut into finitely many pieces by the filters of both profiles.
//
// A request is a tuple of data (path, service name, endpoint, vnode type, entitlements ...). Each primitive filter
// test reads one datum, so a test is an *atom* of one *dimension*. Strings are split symbolically (strings.ts:
// the product automaton of every test on the datum); every other datum is finite for the filters at hand and is
// listed: each value a test names, one value no test names, and "absent" where a request may lack the datum.
// Two values of a dimension that every atom answers alike are one cell; a cell's truth values are computed with
// the engine's own matcher (decide/match.ts), so the search cannot disagree with the engine on what a value does.
//
// A *variant* fixes what the operation's requests look like: a path for file operations; for network
// operations either an inet endpoint or a unix socket path; for mach lookups each lookup kind.

import type { FilterExpr, FilterTest, StringMatch } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import type { NetEndpoint, RequestFacts } from '../decide/request.js';
import { testMatches, type MatchEnv } from '../decide/match.js';
import { targetKindOf } from '../decide/target.js';
import { StringAutomaton, stringCells, type StringDomain } from './strings.js';

// ---------------------------------------------------------------------------------------------------
// Formulas over atoms, evaluated in Kleene's three-valued logic (0 false, 1 true, 2 unknown).

export type Formula =
  | { t: 'atom'; a: number }
  | { t: 'and' | 'or'; items: Formula[] }
  | { t: 'not'; item: Formula }
  | { t: 'const'; v: boolean };

export const F = 0;
export const T = 1;
export const U = 2;

export function kleene(f: Formula, v: Uint8Array): number {
  switch (f.t) {
    case 'atom':
      return v[f.a];
    case 'const':
      return f.v ? T : F;
    case 'not': {
      const x = kleene(f.item, v);
      return x === U ? U : 1 - x;
    }
    case 'and': {
      let r = T;
      for (const i of f.items) {
        const x = kleene(i, v);
        if (x === F) return F;
        if (x === U) r = U;
      }
      return r;
    }
    case 'or': {
      let r = F;
      for (const i of f.items) {
        const x = kleene(i, v);
        if (x === T) return T;
        if (x === U) r = U;
      }
      return r;
    }
  }
}

/** Fold constants. */
export function simplify(f: Formula): Formula {
  switch (f.t) {
    case 'atom':
    case 'const':
      return f;
    case 'not': {
      const x = simplify(f.item);
      return x.t === 'const' ? { t: 'const', v: !x.v } : { t: 'not', item: x };
    }
    case 'and':
    case 'or': {
      const absorb = f.t === 'or';
      const items: Formula[] = [];
      for (const i of f.items) {
        const x = simplify(i);
        if (x.t === 'const') {
          if (x.v === absorb) return x;
          continue;
        }
        items.push(x);
      }
      if (items.length === 0) return { t: 'const', v: !absorb };
      return items.length === 1 ? items[0] : { t: f.t, items };
    }
  }
}

export function formulaAtoms(f: Formula, into: Set<number> = new Set()): Set<number> {
  switch (f.t) {
    case 'atom':
      into.add(f.a);
      break;
    case 'and':
    case 'or':
      for (const i of f.items) formulaAtoms(i, into);
      break;
    case 'not':
      formulaAtoms(f.item, into);
      break;
    case 'const':
      break;
  }
  return into;
}

// ---------------------------------------------------------------------------------------------------
// Variants

export type ServiceKind = 'global' | 'local' | 'xpc';

export interface Variant {
  /** Shown with witnesses when an operation has several (`unix socket`, `local-name lookup`). */
  label: string;
  /** Facts every request of the variant carries (the service lookup kind). */
  fixed: RequestFacts;
  /** Which fact the `path` filter reads: the file path, the unix socket path, or none. */
  pathKey: 'path' | 'socketPath' | null;
  serviceKind: ServiceKind | null;
  /** The endpoint the inet variant of a network operation carries; null otherwise. */
  endpoint: 'remote' | 'local' | null;
  /** The datum every request has (the operation's target); null for operations without one. */
  primary: string | null;
  /** Data every request has: no "absent" cell (a file always has a type and a mode). */
  present: ReadonlySet<string>;
}

/** Fact fields of the filters whose datum is one named field (decide/match.ts datumOf). */
const FIELD: Record<string, keyof RequestFacts> = {
  'mount-relative-path': 'mountRelativePath',
  xattr: 'xattr',
  'file-mode': 'fileMode',
  'vnode-type': 'vnodeType',
  'ipc-posix-name': 'ipcPosixName',
  remote: 'remote',
  local: 'local',
  'control-name': 'controlName',
  'socket-domain': 'socketDomain',
  'socket-type': 'socketType',
  'socket-protocol': 'socketProtocol',
  target: 'target',
  'signal-number': 'signalNumber',
  'sysctl-name': 'sysctlName',
  'preference-domain': 'preferenceDomain',
  'notification-name': 'notificationName',
  'iokit-registry-entry-class': 'iokitClass',
  'iokit-property': 'iokitProperty',
  'appleevent-destination': 'appleeventDestination',
  'right-name': 'rightName',
  'extension-class': 'extensionClass',
  'kext-bundle-id': 'kextBundleId',
  'nvram-variable': 'nvramVariable',
  'process-path': 'processPath',
  'signing-identifier': 'signingIdentifier',
};

const SERVICE_FILTER: Record<string, ServiceKind> = { 'global-name': 'global', 'local-name': 'local', 'xpc-service-name': 'xpc' };

/** The field of each target kind (decide/target.ts). */
const TARGET_FIELD: Record<string, string> = {
  sysctl: 'sysctlName',
  preference: 'preferenceDomain',
  notification: 'notificationName',
  iokit: 'iokitClass',
  process: 'target',
  'ipc-posix': 'ipcPosixName',
  appleevent: 'appleeventDestination',
  right: 'rightName',
  kext: 'kextBundleId',
  nvram: 'nvramVariable',
  'extension-class': 'extensionClass',
};

/** Fields holding one string: split symbolically when every test on them is a string comparison. */
const STRING_FIELDS = new Set([
  'path', 'socketPath', 'mountRelativePath', 'xattr', 'ipcPosixName', 'serviceName', 'controlName', 'sysctlName', 'preferenceDomain',
  'notificationName', 'iokitClass', 'iokitProperty', 'appleeventDestination', 'rightName', 'extensionClass', 'kextBundleId',
  'nvramVariable', 'processPath', 'signingIdentifier',
]);

/** The variants of an operation whose lists use `filters`. */
export function variantsOf(vocab: Vocab, operation: string, filters: ReadonlySet<string>): Variant[] {
  const kind = targetKindOf(vocab, operation);
  const usesService = [...filters].some((f) => f in SERVICE_FILTER);
  const kinds: Array<ServiceKind | null> = kind === 'service' ? ['global', 'local', 'xpc'] : usesService ? [null, 'global', 'local', 'xpc'] : [null];
  const out: Variant[] = [];
  for (const sk of kinds) {
    const fixed: RequestFacts = sk === 'local' || sk === 'xpc' ? { serviceKind: sk } : {};
    const label = sk === null || sk === 'global' ? '' : `${sk === 'local' ? 'local-name' : 'xpc-service-name'} lookup`;
    const base = { serviceKind: sk, fixed, label };
    if (kind === 'network') {
      const side = operation === 'network-bind' || operation === 'network-inbound' ? 'local' : 'remote';
      out.push({ ...base, pathKey: null, endpoint: side, primary: side, present: new Set([side]) });
      out.push({ ...base, label: join(label, 'unix socket'), pathKey: 'socketPath', endpoint: null, primary: 'socketPath', present: new Set(['socketPath']) });
      continue;
    }
    if (kind === 'path') {
      out.push({ ...base, pathKey: 'path', endpoint: null, primary: 'path', present: new Set(['path', 'vnodeType', 'fileMode']) });
      continue;
    }
    const primary = kind === 'service' ? 'serviceName' : TARGET_FIELD[kind] ?? null;
    out.push({ ...base, pathKey: filters.has('path') ? 'path' : null, endpoint: null, primary, present: new Set(primary ? [primary] : []) });
  }
  return out;
}

function join(a: string, b: string): string {
  return a ? `${a}, ${b}` : b;
}

// ---------------------------------------------------------------------------------------------------
// Atoms and dimensions

export interface Atom {
  id: number;
  /** The dimension (datum) it reads: a fact field, `ent:KEY`, `ext#N`, `other:FILTER`. */
  dim: string;
  test: FilterTest | null;
  /** String comparison, when the test is one. */
  match: StringMatch | null;
  /** Truth on facts carrying only this dimension (plus the variant's fixed facts). */
  holds(f: RequestFacts): boolean;
}

export interface Cell {
  /** The datum's value (undefined = absent). */
  value: unknown;
  /** Truth of each atom of the dimension, index for index with Dimension.atoms. */
  truth: Uint8Array;
}

export interface Dimension {
  key: string;
  /** 'string': explored by automaton (the primary only); 'finite': listed cells. */
  kind: 'string' | 'finite';
  atoms: number[];
  cells: Cell[];
  domain: StringDomain;
  /** Cells were sampled, or the listing was cut short: the comparison is not complete on this datum. */
  sampled?: string;
}

function isStringMatch(arg: FilterTest['arg']): arg is StringMatch {
  return arg.kind === 'literal' || arg.kind === 'prefix' || arg.kind === 'subpath' || arg.kind === 'regex';
}

/** Budgets for listing cells. */
export interface SpaceLimits {
  /** Automaton states explored to list the cells of one string datum. */
  cellStates: number;
  /** Cells kept per dimension. */
  cells: number;
}

/** Atoms, dimensions and formulas of one variant (shared by both profiles' lists). */
export class VariantSpace {
  readonly atoms: Atom[] = [];
  readonly dims = new Map<string, Dimension>();
  private readonly byKey = new Map<string, number>();
  /** Extension tests, rewritten to "holds one of these classes" once the classes are known. */
  private readonly extensionAtoms: Atom[] = [];
  private extensionSubst: Map<number, Formula> | null = null;

  /** `visible`: may a path (or socket path) occur in a request the kernel checks? (its own spelling) */
  constructor(readonly variant: Variant, readonly env: MatchEnv, readonly vocab: Vocab, readonly visible: (path: string) => boolean = () => true) {}

  /** Where a test's datum lives in this variant: a dimension key, or a constant (datum absent / unix socket). */
  private dimOf(t: FilterTest): string | boolean {
    const v = this.variant;
    if (t.arg.kind === 'network' && (t.arg.proto === 'unix' || t.arg.proto === 'unix-socket')) return v.pathKey === 'socketPath';
    if (t.filter === 'path') return v.pathKey ?? false;
    const sk = SERVICE_FILTER[t.filter];
    if (sk) return v.serviceKind === sk ? 'serviceName' : false;
    if (t.filter === 'entitlement' && t.arg.kind === 'entitlement') return `ent:${t.arg.key}`;
    if (t.filter === 'extension') return 'extensions';
    const field = FIELD[t.filter];
    if (field === 'remote' || field === 'local') {
      // a unix-socket request carries no inet endpoint; the inet variant carries its own side, maybe the other
      return v.pathKey === 'socketPath' ? false : field;
    }
    return field ?? `other:${t.filter}`;
  }

  /** The formula of a filter expression. */
  translate(e: FilterExpr): Formula {
    switch (e.type) {
      case 'test': {
        const d = this.dimOf(e);
        if (typeof d === 'boolean') return { t: 'const', v: d };
        return { t: 'atom', a: this.atomFor(d, e).id };
      }
      case 'all':
      case 'any':
        return { t: e.type === 'all' ? 'and' : 'or', items: e.items.map((i) => this.translate(i)) };
      case 'not':
        return { t: 'not', item: this.translate(e.item) };
    }
  }

  /**
   * The formula of a filter as the symlink-traversal check on `link` sees it (decide/prepare.ts linkFacts):
   * the path is the link's, the vnode type SYMLINK, the process's own facts (entitlements, process path,
   * signing identifier, other facts) are the request's; nothing else is carried.
   */
  translateAtLink(e: FilterExpr, link: string): Formula {
    switch (e.type) {
      case 'test': {
        if (e.filter === 'path' || e.filter === 'vnode-type') return { t: 'const', v: testMatches(e, { path: link, pathIsResolved: true, vnodeType: 'SYMLINK' }, this.env) };
        const d = this.dimOf(e);
        if (typeof d === 'string' && (d.startsWith('ent:') || d.startsWith('other:') || d === 'processPath' || d === 'signingIdentifier')) {
          return { t: 'atom', a: this.atomFor(d, e).id };
        }
        return { t: 'const', v: testMatches(e, { path: link, pathIsResolved: true, vnodeType: 'SYMLINK' }, this.env) };
      }
      case 'all':
      case 'any':
        return simplify({ t: e.type === 'all' ? 'and' : 'or', items: e.items.map((i) => this.translateAtLink(i, link)) });
      case 'not':
        return simplify({ t: 'not', item: this.translateAtLink(e.item, link) });
    }
  }

  private atomFor(dim: string, t: FilterTest): Atom {
    const key = `${dim}\u0000${t.filter}\u0000${JSON.stringify(t.arg)}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return this.atoms[hit];
    const env = this.env;
    const atom: Atom = { id: this.atoms.length, dim, test: t, match: isStringMatch(t.arg) ? t.arg : null, holds: (f) => testMatches(t, f, env) };
    this.atoms.push(atom);
    this.byKey.set(key, atom.id);
    if (dim === 'extensions') this.extensionAtoms.push(atom);
    return atom;
  }

  /** Rewrite extension tests (the datum is a set of classes) once all formulas are translated. */
  substitute(f: Formula): Formula {
    const subst = this.extensionSubst;
    if (!subst || subst.size === 0) return f;
    switch (f.t) {
      case 'atom':
        return subst.get(f.a) ?? f;
      case 'and':
      case 'or':
        return { t: f.t, items: f.items.map((i) => this.substitute(i)) };
      case 'not':
        return { t: 'not', item: this.substitute(f.item) };
      case 'const':
        return f;
    }
  }

  /**
   * Build the dimensions of every atom seen so far. The primary datum stays a string dimension when it is
   * one (explored by the search); every other datum gets its cells listed.
   */
  build(limits: SpaceLimits): void {
    this.expandExtensions(limits);
    const byDim = new Map<string, number[]>();
    for (const a of this.atoms) {
      if (a.dim === 'extensions') continue;
      let list = byDim.get(a.dim);
      if (!list) byDim.set(a.dim, (list = []));
      list.push(a.id);
    }
    const primary = this.variant.primary;
    if (primary !== null && !byDim.has(primary)) byDim.set(primary, []);
    for (const [key, atoms] of byDim) {
      const domain: StringDomain = key === 'path' || key === 'socketPath' || key === 'processPath' ? 'path' : 'name';
      if (key === primary && STRING_FIELDS.has(key)) {
        this.dims.set(key, { key, kind: 'string', atoms, cells: [], domain });
        continue;
      }
      this.dims.set(key, this.finiteDim(key, atoms, domain, limits));
    }
  }

  private expandExtensions(limits: SpaceLimits): void {
    if (this.extensionAtoms.length === 0) return;
    // the classes that tell the extension tests apart; holding a set of classes is the union of their answers
    const strings = this.extensionAtoms.filter((a) => a.match !== null);
    const classes: string[] = [];
    const auto = new StringAutomaton(strings.map((a) => ({ atom: a.id, match: a.match! })), this.env, this.atoms.length);
    const { cells } = stringCells(auto, 'name', limits.cellStates);
    for (const c of cells) if (c.atoms.length) classes.push(c.value);
    this.extensionSubst = new Map();
    const held: Atom[] = classes.map((cls, i) => {
      const atom: Atom = { id: this.atoms.length, dim: `ext#${i}`, test: null, match: null, holds: (f) => f.extensions?.includes(cls) ?? false };
      this.atoms.push(atom);
      return atom;
    });
    for (const a of this.extensionAtoms) {
      const covering = held.filter((h, i) => a.holds({ extensions: [classes[i]] })).map((h) => ({ t: 'atom', a: h.id }) as Formula);
      this.extensionSubst.set(a.id, covering.length ? { t: 'or', items: covering } : { t: 'const', v: false });
    }
    for (let i = 0; i < held.length; i++) {
      const cls = classes[i];
      const dim: Dimension = { key: `ext#${i}`, kind: 'finite', atoms: [held[i].id], domain: 'name', cells: [] };
      dim.cells = [{ value: undefined, truth: Uint8Array.of(0) }, { value: cls, truth: Uint8Array.of(1) }];
      this.dims.set(dim.key, dim);
    }
  }

  /** Facts carrying one dimension's value (on top of the variant's fixed facts). */
  factsWith(key: string, value: unknown, into: RequestFacts = { ...this.variant.fixed }): RequestFacts {
    writeDatum(into, key, value);
    return into;
  }

  private finiteDim(key: string, atoms: number[], domain: StringDomain, limits: SpaceLimits): Dimension {
    const dim: Dimension = { key, kind: 'finite', atoms, cells: [], domain };
    const values = this.candidateValues(key, atoms, domain, limits, dim);
    // an absent socket domain/type/protocol is implied by the endpoint (decide/match.ts impliedSocket): explicit
    // values cover every case without coupling the two data
    if (!this.variant.present.has(key) && !SOCKET_KEYS.has(key)) values.unshift(undefined);
    const seen = new Set<string>();
    for (const value of values) {
      const facts = this.factsWith(key, value);
      const truth = Uint8Array.from(atoms, (a) => (this.atoms[a].holds(facts) ? 1 : 0));
      const sig = truth.join('');
      if (seen.has(sig)) continue;
      seen.add(sig);
      dim.cells.push({ value, truth });
      if (dim.cells.length >= limits.cells) {
        dim.sampled = `more than ${limits.cells} distinct values; the first ${limits.cells} were compared`;
        break;
      }
    }
    return dim;
  }

  /** Values covering every way the atoms of a datum can come out (or a sample, noted on the dimension). */
  private candidateValues(key: string, atoms: number[], domain: StringDomain, limits: SpaceLimits, dim: Dimension): unknown[] {
    const tests = atoms.map((a) => this.atoms[a]);
    const out: unknown[] = [];
    if (key === 'vnodeType') return [...VNODE_TYPES];
    if (key === 'target') return [...RELATIONS];
    if (key === 'remote' || key === 'local') return endpointCandidates(tests);
    if (key === 'fileMode') return modeCandidates(tests, dim);
    if (key.startsWith('ent:')) return entitlementCandidates(tests, this.env, limits, dim);
    // strings: the cells of the automaton of every string test on the datum
    const strings = tests.filter((a) => a.match !== null);
    if (strings.length || STRING_FIELDS.has(key)) {
      const auto = new StringAutomaton(strings.map((a) => ({ atom: a.id, match: a.match! })), this.env, this.atoms.length);
      const isPath = key === 'path' || key === 'socketPath';
      const r = stringCells(auto, domain, limits.cellStates, isPath ? this.visible : undefined);
      if (r.exhausted) dim.sampled = `the string tests on ${key} have more combinations than the exploration budget`;
      for (const c of r.cells) out.push(c.value);
    }
    const ints = new Set<number>();
    let named = false;
    for (const a of tests) {
      const arg = a.test?.arg;
      if (!arg) continue;
      if (arg.kind === 'integer') ints.add(arg.value);
      else if (arg.kind === 'boolean') out.push(true, false);
      else if (arg.kind === 'symbol') {
        out.push(arg.name);
        named = true;
        const n = this.env.symbolValues?.(a.test!.filter, arg.name);
        if (n !== undefined) ints.add(n);
      } else if (arg.kind === 'mode-bits') ints.add(arg.value);
    }
    const numeric = key === 'signalNumber' || key === 'socketDomain' || key === 'socketType' || key === 'socketProtocol' || ints.size > 0;
    if (numeric) {
      for (const n of ints) out.push(n);
      // one number no test names
      const lo = key === 'signalNumber' ? 1 : 0;
      for (let n = lo; ; n++) if (!ints.has(n)) {
        out.push(n);
        break;
      }
    }
    if (named) {
      // one value of the filter's vocabulary no test names, when the vocabulary lists them
      const filter = tests.find((a) => a.test)?.test?.filter;
      const info = filter ? this.vocab.filter(filter) : undefined;
      const unused = Object.keys(info?.values ?? {}).find((v) => !out.includes(v));
      if (unused !== undefined) out.push(unused);
    }
    if (out.length === 0) out.push(domain === 'path' ? '/x' : 'x');
    return out;
  }
}

/** Write one dimension's value into request facts (undefined = leave the datum absent). */
export function writeDatum(f: RequestFacts, key: string, value: unknown): void {
  if (value === undefined) return;
  if (key.startsWith('ent:')) {
    f.entitlements = { ...(f.entitlements ?? {}), [key.slice(4)]: value as boolean | string };
    return;
  }
  if (key.startsWith('ext#')) {
    f.extensions = [...(f.extensions ?? []), value as string];
    return;
  }
  if (key.startsWith('other:')) {
    f.other = { ...(f.other ?? {}), [key.slice(6)]: value as string | number | boolean };
    return;
  }
  (f as Record<string, unknown>)[key] = value;
}

const SOCKET_KEYS = new Set(['socketDomain', 'socketType', 'socketProtocol']);
const VNODE_TYPES = ['REGULAR-FILE', 'DIRECTORY', 'SYMLINK', 'CHARACTER-DEVICE', 'BLOCK-DEVICE', 'SOCKET', 'FIFO', 'TTY'] as const;
const RELATIONS = ['self', 'others', 'children', 'pgrp', 'same-sandbox', 'initproc'] as const;

/** Documentation addresses (RFC 5737, RFC 3849) for "some other host". */
const OTHER_HOST = { inet: '192.0.2.1', inet6: '2001:db8::1' };
const LOOPBACK = { inet: '127.0.0.1', inet6: '::1' };

function endpointCandidates(tests: Atom[]): NetEndpoint[] {
  const ports = new Set<number>();
  for (const a of tests) if (a.test?.arg.kind === 'network' && typeof a.test.arg.port === 'number') ports.add(a.test.arg.port);
  const other = [443, 80, 8080, 53, 22].find((p) => !ports.has(p)) ?? (() => {
    for (let p = 1024; ; p++) if (!ports.has(p)) return p;
  })();
  const out: NetEndpoint[] = [];
  for (const port of [other, ...ports]) {
    for (const proto of ['tcp', 'udp'] as const) {
      for (const family of ['inet', 'inet6'] as const) {
        out.push({ proto, family, host: OTHER_HOST[family], port });
        out.push({ proto, family, host: LOOPBACK[family], port });
      }
    }
  }
  return out;
}

function modeCandidates(tests: Atom[], dim: Dimension): number[] {
  let bits = 0;
  for (const a of tests) if (a.test?.arg.kind === 'mode-bits') bits |= a.test.arg.value;
  const positions: number[] = [];
  for (let b = 0; b < 12; b++) if (bits & (1 << b)) positions.push(b);
  if (positions.length > 8) {
    dim.sampled = 'file-mode tests use more than 8 distinct bits; single bits and their union were compared';
    return [0o644 & ~bits, ...positions.map((b) => (0o644 & ~bits) | (1 << b)), 0o644 | bits];
  }
  const out: number[] = [];
  // every combination of the bits the tests name, on top of an ordinary 644 mode
  for (let m = 0; m < 1 << positions.length; m++) {
    let v = 0o644 & ~bits;
    positions.forEach((b, i) => {
      if (m & (1 << i)) v |= 1 << b;
    });
    out.push(v);
  }
  return out;
}

function entitlementCandidates(tests: Atom[], env: MatchEnv, limits: SpaceLimits, dim: Dimension): unknown[] {
  const out: unknown[] = [true, false];
  const strings: Array<{ atom: number; match: StringMatch }> = [];
  for (const a of tests) {
    const arg = a.test?.arg;
    if (arg?.kind === 'entitlement' && arg.value.kind === 'string') strings.push({ atom: a.id, match: arg.value.match });
  }
  const auto = new StringAutomaton(strings, env, tests.reduce((n, a) => Math.max(n, a.id + 1), 1));
  const r = stringCells(auto, 'name', limits.cellStates);
  if (r.exhausted) dim.sampled = 'the entitlement value tests have more combinations than the exploration budget';
  for (const c of r.cells) out.push(c.value);
  return out;
}
