// `diffProfiles(a, b)`: the requests two profiles decide differently, one concrete witness per difference
// region, each confirmed by the decision engine before it is reported.
//
// For every operation, both profiles' decision lists (lists.ts) are compared: the request space is cut by the
// filters of both lists (space.ts) and searched (search.ts); every pair (rule of A, rule of B) that decides
// some request differently is a region. Witnesses are then asked of the engine for both profiles; only those
// it answers differently are reported, with the rules the engine names. Paths reached through a symlink add
// one more check (file-read-metadata on the link): where the two profiles answer it differently, the paths
// below the link are searched too.

import { StageError } from '../diagnostics/diagnostic.js';
import type { Action, FilterExpr, Profile, Rule } from '../sbpl/profile.js';
import { getVocab, type Vocab } from '../vocab/index.js';
import { DecisionEngine, type EngineOptions, DEFAULT_ENGINE_OPTIONS } from '../decide/engine.js';
import { vocabMatchEnv } from '../decide/match.js';
import { formatEndpoint } from '../decide/network.js';
import { targetKindOf } from '../decide/target.js';
import type { Request, RequestFacts } from '../decide/request.js';
import type { Verdict } from '../decide/types.js';
import { ruleToSbpl, SHOWN_FILTER_CHARS } from '../sbpl/print.js';
import { checkCopiedFilters } from '../sbpl/shared-filters.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import { filterTests } from '../sbpl/profile.js';
import { flatLists, type Decider, type FlatList } from './lists.js';
import { variantsOf, VariantSpace, type Variant } from './space.js';
import { searchVariant, type Region, type SearchLimits } from './search.js';

export interface DiffOptions {
  /** Vocabulary both profiles were read against (default: profile A's). */
  vocab?: Vocab;
  /** Modelling choices of the engine (childBeforeParent, sysctlWriteAlias, symlinkTraversalCheck, fs, match). */
  engine?: EngineOptions;
  /** Compare only these operations (default: every operation of the vocabulary but `default`). */
  operations?: string[];
  limits?: Partial<SearchLimits>;
  /** Tests a rule's filter may have once its shared parts are copied (Limits.maxFilterTests): the diff copies them. */
  maxFilterTests?: number;
}

/** The decider of one side, as the engine reports it. */
export interface DeciderRef {
  kind: 'filtered-rule' | 'unfiltered-rule' | 'fixed';
  /** The operation list it sits in (the requested operation or an ancestor). */
  operation: string;
  /** The rule as SBPL; absent for a fixed decision. */
  rule?: string;
  /** `file:line:col` of the rule. */
  location?: string;
  origin?: 'profile' | 'standard-policy';
  /** 'symlink-traversal': a link crossed on the way was refused file-read-metadata. */
  check?: 'symlink-traversal';
  link?: string;
}

export interface Difference {
  operation: string;
  /** Which kind of request of the operation (`unix socket`, `local-name lookup`); absent for the ordinary one. */
  variant?: string;
  /** The witness, as a line `sbpl query --requests` accepts. */
  request: Record<string, unknown>;
  a: Action;
  b: Action;
  ruleA: DeciderRef;
  ruleB: DeciderRef;
}

export interface DiffResult {
  equivalent: boolean;
  /** Grouped by operation (vocabulary order), one per pair of deciding rules. */
  differences: Difference[];
  /** Operations compared. */
  operations: number;
  /** True when every comparison covered its whole request space (nothing sampled or cut short). */
  complete: boolean;
  incomplete: Array<{ operation: string; reason: string }>;
  /** Regions found symbolically whose witnesses the engine did not confirm (a modelling gap; never reported). */
  unconfirmed: Array<{ operation: string; a: string; b: string; request: Record<string, unknown> }>;
  stats: { searches: number; states: number };
}

export class DiffError extends StageError {
  constructor(message: string) {
    super(message, 'diff/failed', 'input');
    this.name = 'DiffError';
  }
}

export const DEFAULT_DIFF_LIMITS: SearchLimits = { states: 200_000, leaves: 200_000, witnesses: 3 };

/** Which filters are compared symbolically, which by listing or sampling (shown by `sbpl diff --help`). */
export const DIFF_COVERAGE = {
  symbolic: [
    'string filters (path and socket path, service names, sysctl names, preference domains, notification, IOKit, xattr, process-path, signing-identifier ...): literal, prefix, subpath and regex, by the product automaton of every test on the datum (printable-ASCII witnesses)',
    'network addresses: protocol x family x loopback-or-not x each port named (plus one port no rule names)',
    'metafilters (require-all / require-any / require-not) across any of these, exactly',
  ],
  listed: [
    'vnode types and target relations: every value',
    'file-mode bits: every combination of the bits the rules name (up to 8 bits)',
    'integers and named constants (socket domain/type/protocol, signal numbers, fsctl/ioctl commands, ...): each value a rule names plus one it does not',
    'entitlements: per key absent, true, false, and each distinct way the value tests split strings',
    'sandbox extensions: each distinct class the tests tell apart, held or not',
  ],
  sampled: [
    'data holding several values at once (process-attribute lists, array-valued entitlements): one value at a time',
    'strings with bytes outside printable ASCII: not explored',
    'modifiers (report, message, send-signal): not compared; only the allow/deny decision is',
    'paths through a symlink are searched for file operations (the traversal check with each side\'s file-read-metadata rules); other operations carry no path',
  ],
} as const;

type Engines = { a: DecisionEngine; b: DecisionEngine };

export function diffProfiles(a: Profile, b: Profile, options: DiffOptions = {}): DiffResult {
  const vocab = options.vocab ?? getVocab(a.os);
  if (!options.vocab && a.os !== b.os) throw new DiffError(`the profiles were read against different vocabularies (${a.os}, ${b.os}); read both with the same --os`);
  // the request space is built from each use of a shared (defined) filter on its own
  checkCopiedFilters(a.rules, 'diffing', options.maxFilterTests);
  checkCopiedFilters(b.rules, 'diffing', options.maxFilterTests);
  const eopts: EngineOptions = { ...options.engine };
  const listOpts = {
    childBeforeParent: eopts.childBeforeParent ?? DEFAULT_ENGINE_OPTIONS.childBeforeParent,
    sysctlWriteAlias: eopts.sysctlWriteAlias ?? DEFAULT_ENGINE_OPTIONS.sysctlWriteAlias,
  };
  const engines: Engines = { a: new DecisionEngine(a, vocab, eopts), b: new DecisionEngine(b, vocab, eopts) };
  const env = vocabMatchEnv(vocab, { regexes: eopts.regexes, match: eopts.match });
  const limits: SearchLimits = { ...DEFAULT_DIFF_LIMITS, ...options.limits };
  const listsA = flatLists(a.rules, vocab, listOpts);
  const listsB = flatLists(b.rules, vocab, listOpts);
  const shape = new ShapeKeys();
  const ops = options.operations ?? vocab.operations.map((o) => o.name).filter((n) => n !== 'default');
  const result: DiffResult = { equivalent: true, differences: [], operations: 0, complete: true, incomplete: [], unconfirmed: [], stats: { searches: 0, states: 0 } };
  const memo = new Map<string, Array<{ variant: Variant; regions: Region[]; incomplete: string[] }>>();
  const links = linksToSearch(engines, vocab, listsA, listsB, shape, env);
  const metadata = { a: listsA.get('file-read-metadata')!, b: listsB.get('file-read-metadata')! };
  // a path that is not the request's target is only a witness when the engine adds no node facts for it (the
  // file-system table's type and mode would otherwise stand in for the absent ones)
  const visible = (p: string) => engines.a.resolver.isCanonical(p) && !engines.a.resolver.hasNode(p);
  for (const op of ops) {
    const la = listsA.get(op);
    const lb = listsB.get(op);
    if (!la || !lb) throw new DiffError(`unknown operation '${op}' for ${vocab.id}`);
    result.operations++;
    const kind = targetKindOf(vocab, op);
    const found: Array<{ variant: Variant; regions: Region[]; incomplete: string[] }> = [];
    // lists alike in every filter and action decide alike: nothing to search
    if (shape.of(la) !== shape.of(lb)) {
      const key = `${kind}|${op.startsWith('network-') ? op : ''}|${la.signature}|${lb.signature}`;
      let hit = memo.get(key);
      if (!hit) {
        hit = [];
        for (const variant of variantsOf(vocab, op, filtersOf(la, lb))) {
          const r = searchVariant({ space: new VariantSpace(variant, env, vocab, visible), a: la, b: lb, limits, resolver: engines.a.resolver });
          result.stats.searches++;
          result.stats.states += r.states;
          hit.push({ variant, regions: [...r.regions.values()], incomplete: r.incomplete });
        }
        memo.set(key, hit);
      }
      found.push(...hit);
    }
    if (kind === 'path' && links.length) found.push(...linkRegions(op, la, lb, links, metadata, env, vocab, engines, limits, result, memo));
    confirm(op, found, engines, vocab, result);
  }
  result.equivalent = result.differences.length === 0;
  result.complete = result.incomplete.length === 0;
  return result;
}

function filtersOf(...lists: FlatList[]): Set<string> {
  const out = new Set<string>();
  for (const l of lists) for (const e of l.entries) for (const t of filterTests(e.filter)) out.add(t.filter);
  return out;
}

/** Structural keys of lists: equal keys decide every request alike (rule identity aside). */
class ShapeKeys {
  private readonly filters = new Map<Rule, string>();
  of(list: FlatList): string {
    return list.entries.map((e) => `${e.decider.action}${this.filterKey(e.decider.rule!, e.filter)}`).join('\n') + '\n=' + list.fallback.action;
  }
  private filterKey(rule: Rule, f: FilterExpr): string {
    let k = this.filters.get(rule);
    if (k === undefined) this.filters.set(rule, (k = exprKey(f)));
    return k;
  }
}

function exprKey(e: FilterExpr): string {
  switch (e.type) {
    case 'test':
      return `(${e.filter} ${JSON.stringify(e.arg)})`;
    case 'all':
    case 'any':
      return `(${e.type} ${e.items.map(exprKey).join(' ')})`;
    case 'not':
      return `(not ${exprKey(e.item)})`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Symlinks: requests through a link the two profiles treat differently

/**
 * The links whose traversal check the two profiles may answer differently: every link of the file system
 * table whose parent is a kernel path, unless the two file-read-metadata lists are alike (then the check
 * answers alike, and the paths below decide as their targets do: the main search covers them).
 */
function linksToSearch(
  engines: Engines,
  vocab: Vocab,
  la: Map<string, FlatList>,
  lb: Map<string, FlatList>,
  shape: ShapeKeys,
  env: ReturnType<typeof vocabMatchEnv>,
): Array<{ link: string; target: string }> {
  if (engines.a.options.symlinkTraversalCheck === false) return [];
  const ma = la.get('file-read-metadata');
  const mb = lb.get('file-read-metadata');
  if (!ma || !mb || shape.of(ma) === shape.of(mb)) return [];
  const r = engines.a.resolver;
  const out: Array<{ link: string; target: string }> = [];
  const space = new VariantSpace(variantsOf(vocab, 'file-read-metadata', new Set())[0], env, vocab);
  for (const link of Object.keys(r.fs.symlinks)) {
    const parent = link.slice(0, link.lastIndexOf('/')) || '/';
    if (!r.isCanonical(parent)) continue;
    // the check on this link answers alike on both sides, whatever the process: nothing new below it
    if (linkCheckShape(space, ma, link) === linkCheckShape(space, mb, link)) continue;
    try {
      out.push({ link, target: r.resolve(link).path });
    } catch {
      // a link loop: no path goes through it
    }
  }
  return out;
}

/** The traversal check on a link as text: the entries that can match it, by action run (order within a run aside). */
function linkCheckShape(space: VariantSpace, list: FlatList, link: string): string {
  const runs: string[] = [];
  let run = new Set<string>();
  let action = '';
  let always = false;
  for (const e of list.entries) {
    const f = space.translateAtLink(e.filter, link);
    if (f.t === 'const' && !f.v) continue;
    if (e.decider.action !== action && run.size) {
      runs.push(action + [...run].sort().join(';'));
      run = new Set();
    }
    action = e.decider.action;
    run.add(JSON.stringify(f));
    if (f.t === 'const') {
      always = true;
      break;
    }
  }
  if (run.size) runs.push(action + [...run].sort().join(';'));
  return runs.join('|') + (always ? '' : '=' + list.fallback.action);
}

function linkRegions(
  op: string,
  la: FlatList,
  lb: FlatList,
  links: Array<{ link: string; target: string }>,
  metadata: { a: FlatList; b: FlatList },
  env: ReturnType<typeof vocabMatchEnv>,
  vocab: Vocab,
  engines: Engines,
  limits: SearchLimits,
  result: DiffResult,
  memo: Map<string, Array<{ variant: Variant; regions: Region[]; incomplete: string[] }>>,
): Array<{ variant: Variant; regions: Region[]; incomplete: string[] }> {
  const out: Array<{ variant: Variant; regions: Region[]; incomplete: string[] }> = [];
  for (const l of links) {
    const key = `link|${l.link}|${la.signature}|${lb.signature}`;
    const hit = memo.get(key);
    if (hit) {
      out.push(...hit);
      continue;
    }
    const spell = (f: RequestFacts): RequestFacts | null => (f.path === undefined ? null : { ...f, path: l.link + f.path.slice(l.target.length) });
    const found: Array<{ variant: Variant; regions: Region[]; incomplete: string[] }> = [];
    for (const variant of variantsOf(vocab, op, filtersOf(la, lb, metadata.a, metadata.b))) {
      const r = searchVariant({
        space: new VariantSpace(variant, env, vocab),
        a: la,
        b: lb,
        through: { link: l.link, metadataA: metadata.a, metadataB: metadata.b },
        limits: { ...limits, states: Math.min(limits.states, 20_000) },
        resolver: engines.a.resolver,
        prefix: l.target,
        spell,
      });
      result.stats.searches++;
      result.stats.states += r.states;
      found.push({ variant, regions: [...r.regions.values()], incomplete: r.incomplete.map((i) => `below symlink ${l.link}: ${i}`) });
    }
    memo.set(key, found);
    out.push(...found);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Confirmation by the engine, and the reported form

function confirm(
  op: string,
  found: Array<{ variant: Variant; regions: Region[]; incomplete: string[] }>,
  engines: Engines,
  vocab: Vocab,
  result: DiffResult,
): void {
  const reported = new Set<string>();
  const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
  const rows: Difference[] = [];
  for (const { variant, regions, incomplete } of found) {
    for (const reason of incomplete) result.incomplete.push({ operation: op, reason: variant.label ? `${variant.label}: ${reason}` : reason });
    for (const region of regions) {
      if (region.witnesses.length === 0) continue; // only spellings the kernel never reports
      let confirmed = false;
      for (const facts of region.witnesses) {
        const request: Request = { operation: op, facts };
        const va = engines.a.decide(request);
        const vb = engines.b.decide(request);
        if (va.decision === vb.decision) continue;
        confirmed = true;
        const ra = deciderRef(va, isFlag);
        const rb = deciderRef(vb, isFlag);
        const key = `${variant.label}|${refKey(ra)}|${refKey(rb)}`;
        if (reported.has(key)) break;
        reported.add(key);
        rows.push({ operation: op, ...(variant.label ? { variant: variant.label } : {}), request: requestJson(op, facts, vocab), a: va.decision, b: vb.decision, ruleA: ra, ruleB: rb });
        break;
      }
      if (!confirmed) {
        result.unconfirmed.push({ operation: op, a: region.a.key, b: region.b.key, request: requestJson(op, region.witnesses[0], vocab) });
      }
    }
  }
  rows.sort((x, y) => witnessText(x.request).localeCompare(witnessText(y.request)));
  result.differences.push(...rows);
}

function refKey(r: DeciderRef): string {
  return `${r.kind}:${r.operation}:${r.location ?? ''}:${r.rule ?? ''}:${r.link ?? ''}`;
}

/** The engine's deciding rule (or fixed decision) as reported. */
export function deciderRef(v: Verdict, isFlag: (f: string) => boolean): DeciderRef {
  const ref: DeciderRef = { kind: v.kind, operation: v.operation };
  if (v.rule) {
    ref.rule = ruleToSbpl(v.rule, isFlag, SHOWN_FILTER_CHARS);
    ref.location = spanLabel(v.rule.span);
    ref.origin = v.rule.origin;
  }
  if (v.check === 'symlink-traversal') {
    ref.check = 'symlink-traversal';
    ref.link = v.link;
  }
  return ref;
}

/**
 * A request as one JSON line of `sbpl query --requests` (endpoints as PROTO:HOST:PORT). The process relation
 * fact shares its name with the line's target text: it is the target of process operations and goes under
 * "facts" elsewhere.
 */
export function requestJson(operation: string, facts: RequestFacts, vocab?: Vocab): Record<string, unknown> {
  const out: Record<string, unknown> = { operation };
  let nested: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(facts)) {
    if (v === undefined) continue;
    if (k === 'target' && !(vocab && targetKindOf(vocab, operation) === 'process')) (nested ??= {})[k] = v;
    else out[k] = (k === 'remote' || k === 'local') && typeof v === 'object' ? formatEndpoint(v as never) : v;
  }
  if (nested) out.facts = nested;
  return out;
}

/** The witness's target as one short text (for sorting and display). */
export function witnessText(r: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of ['path', 'socketPath', 'serviceName', 'remote', 'local', 'sysctlName', 'preferenceDomain', 'target']) if (r[k] !== undefined) parts.push(String(r[k]));
  const nested = r.facts as Record<string, unknown> | undefined;
  if (nested?.target !== undefined) parts.push(`target ${String(nested.target)}`);
  return parts.join(' ');
}
