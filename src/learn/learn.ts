// Learning mode: from denial reports to the smallest set of `(allow ...)` rules that closes them, checked with
// the decision engine and with a diff of the old and new profile (what else the new rules open).
//
//  * one rule per distinct need: the denials of one target share a rule, whatever operations they name;
//    `generalize: 'subpath'` widens a file path to its directory (and a directory rule then covers the other
//    needs below it, for the operations it names);
//  * rules are appended to the profile: the newest filtered rule of an operation is consulted first, and each
//    rule names the exact operation denied (a rule on an ancestor would be consulted after the op's own);
//  * a denial the profile already allows, or one no rule can express (an operation outside the vocabulary, a
//    target this toolkit cannot turn into a filter), is reported, never silently dropped.

import { StageError } from '../diagnostics/diagnostic.js';
import type { Action, FilterExpr, FilterTest, Profile, Rule } from '../sbpl/profile.js';
import { ruleToSbpl } from '../sbpl/print.js';
import type { ReadResult } from '../sbpl/options.js';
import { getVocab, type Vocab } from '../vocab/index.js';
import { DecisionEngine, DecideError, type EngineOptions } from '../decide/engine.js';
import { requestedOperation } from '../decide/prepare.js';
import { exprMatches, vocabMatchEnv, type MatchEnv } from '../decide/match.js';
import { isLoopbackHost } from '../decide/network.js';
import { targetKindOf } from '../decide/target.js';
import type { RequestFacts, Request } from '../decide/request.js';
import type { Verdict } from '../decide/types.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { deciderRef, diffProfiles, type DeciderRef, type DiffResult } from '../diff/index.js';

/** One distinct denial: an operation on a target, with every report of it. */
export interface Denial {
  /** The operation as reported. */
  operation: string;
  /** The target text as reported (a path, a service name, `host:port` ...). */
  target: string;
  /** The request the report describes (log paths are the kernel's spelling). */
  facts: RequestFacts;
  /** Input lines reporting it (1-based). */
  lines: number[];
  /** Reports, duplicates included. */
  count: number;
  /** Facts the report does not carry and were assumed (e.g. tcp for an address). */
  assumptions: string[];
}

export interface LearnOptions {
  /** 'none' (default): each rule names the exact target; 'subpath': file paths widen to their directory. */
  generalize?: 'none' | 'subpath';
  engine?: EngineOptions;
  /** Vocabulary of the profile (default: the profile's own). */
  vocab?: Vocab;
  /** A comment line put before the learned rules (without `;`). */
  header?: string;
}

export interface LearnedRule {
  /** The rule as SBPL. */
  rule: string;
  operations: string[];
  /** The denials it covers. */
  covers: Denial[];
  /** Why the filter is wider than one target, when it is. */
  note?: string;
}

export interface LearnResult {
  rules: LearnedRule[];
  /** Denials the profile already allows (a rule added since, or a report from another layer). */
  alreadyAllowed: Array<{ denial: Denial; by: DeciderRef }>;
  /** Denials no rule can express, and why. */
  unexpressible: Array<{ denial: Denial; reason: string }>;
  /** Denials still denied with the learned rules added (and what denies them). */
  stillDenied: Array<{ denial: Denial; by: DeciderRef }>;
  /** The profile text with the learned rules appended (the input text when there are none). */
  text: string;
  /** Old profile vs new: every request the learned rules open. Null when no rule was learned. */
  diff: DiffResult | null;
}

export class LearnError extends StageError {
  constructor(message: string) {
    super(message, 'learn/failed', 'input');
    this.name = 'LearnError';
  }
}

interface Need {
  denial: Denial;
  operation: string;
  filter: FilterTest | null;
  note?: string;
}

export interface LearnInput {
  profile: Profile;
  /** The profile's source text (the learned rules are appended to it). */
  text: string;
  denials: Denial[];
  /** Read a profile text with the same options the profile was read with. */
  compile: (text: string) => ReadResult;
}

export function learnRules(input: LearnInput, options: LearnOptions = {}): LearnResult {
  const vocab = options.vocab ?? getVocab(input.profile.os);
  const engine = new DecisionEngine(input.profile, vocab, options.engine);
  const result: LearnResult = { rules: [], alreadyAllowed: [], unexpressible: [], stillDenied: [], text: input.text, diff: null };
  const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
  const needs: Need[] = [];
  for (const denial of input.denials) {
    let operation: string;
    try {
      operation = requestedOperation(vocab, denial.operation).name;
    } catch (e) {
      if (e instanceof DecideError) {
        result.unexpressible.push({ denial, reason: e.message });
        continue;
      }
      throw e;
    }
    const verdict = decideSafely(engine, { operation, facts: denial.facts });
    if (verdict.decision === 'allow') {
      result.alreadyAllowed.push({ denial, by: deciderRef(verdict, isFlag) });
      continue;
    }
    const need = needOf(vocab, operation, denial, options.generalize ?? 'none');
    if ('reason' in need) result.unexpressible.push({ denial, reason: need.reason });
    else needs.push(need);
  }
  result.rules = groupNeeds(needs, isFlag, vocabMatchEnv(vocab, { match: options.engine?.match }));
  if (result.rules.length === 0) return result;

  const header = options.header ?? `sbpl learn: ${result.rules.length} rule${result.rules.length === 1 ? '' : 's'}`;
  result.text = appendRules(input.text, header, result.rules);
  const compiled = input.compile(result.text);
  if (!compiled.ok) {
    const first = compiled.diagnostics.find((d) => d.severity === 'error');
    throw new LearnError(`internal: the learned rules do not read back: ${first ? formatDiagnostic(first) : 'unknown error'}`);
  }
  const after = new DecisionEngine(compiled.profile, vocab, options.engine);
  for (const rule of result.rules) {
    for (const denial of rule.covers) {
      const operation = requestedOperation(vocab, denial.operation).name;
      const v = decideSafely(after, { operation, facts: denial.facts });
      if (v.decision === 'deny') result.stillDenied.push({ denial, by: deciderRef(v, isFlag) });
    }
  }
  result.diff = diffProfiles(input.profile, compiled.profile, { vocab, engine: options.engine });
  return result;
}

function decideSafely(engine: DecisionEngine, request: Request): Verdict {
  try {
    return engine.decide(request);
  } catch (e) {
    if (e instanceof DecideError) throw new LearnError(`cannot decide ${request.operation}: ${e.message}`);
    throw e;
  }
}

function test(filter: string, spelled: string, arg: FilterTest['arg']): FilterTest {
  return { type: 'test', filter, arg, spelled };
}

/** Fewest path components a generalised directory may have (never `(subpath "/")` or `(subpath "/Users")`). */
const MIN_SUBPATH_DEPTH = 2;

/** The filter that allows exactly this denial (or its directory), or why there is none. */
function needOf(vocab: Vocab, operation: string, denial: Denial, generalize: 'none' | 'subpath'): Need | { reason: string } {
  const f = denial.facts;
  const kind = targetKindOf(vocab, operation);
  let filter: FilterTest | null;
  let note: string | undefined;
  if (f.path !== undefined) {
    filter = test('path', 'literal', { kind: 'literal', value: f.path });
    if (generalize === 'subpath') {
      const dir = f.path.slice(0, f.path.lastIndexOf('/'));
      const depth = dir.split('/').filter(Boolean).length;
      if (depth >= MIN_SUBPATH_DEPTH) {
        filter = test('path', 'subpath', { kind: 'subpath', value: dir });
        note = `generalised to the directory ${dir}`;
      } else {
        note = `not generalised: the directory '${dir || '/'}' is too broad`;
      }
    }
  } else if (f.socketPath !== undefined) {
    filter = test('path', 'literal', { kind: 'literal', value: f.socketPath });
  } else if (f.serviceName !== undefined) {
    const name = f.serviceKind === 'local' ? 'local-name' : f.serviceKind === 'xpc' ? 'xpc-service-name' : 'global-name';
    filter = test(name, name, { kind: 'literal', value: f.serviceName });
  } else if (f.remote !== undefined || f.local !== undefined) {
    const side = f.remote !== undefined ? 'remote' : 'local';
    const ep = (f.remote ?? f.local)!;
    // SBPL names no host but localhost; the log names no transport: ip covers tcp and udp
    const host = isLoopbackHost(ep.host) ? 'localhost' : '*';
    filter = test(side, side, { kind: 'network', proto: 'ip', host, port: ep.port });
    if (host === '*') note = `SBPL cannot name the host ${ep.host}: any host on port ${ep.port}`;
  } else if (f.sysctlName !== undefined) {
    filter = test('sysctl-name', 'sysctl-name', { kind: 'literal', value: f.sysctlName });
  } else if (f.preferenceDomain !== undefined) {
    filter = test('preference-domain', 'preference-domain', { kind: 'literal', value: f.preferenceDomain });
  } else if (f.iokitClass !== undefined) {
    filter = test('iokit-registry-entry-class', 'iokit-registry-entry-class', { kind: 'literal', value: f.iokitClass });
  } else if (f.ipcPosixName !== undefined) {
    filter = test('ipc-posix-name', 'ipc-posix-name', { kind: 'literal', value: f.ipcPosixName });
  } else if (f.notificationName !== undefined) {
    filter = test('notification-name', 'notification-name', { kind: 'literal', value: f.notificationName });
  } else if (f.other !== undefined || denial.target !== '') {
    return { reason: `the target '${denial.target}' of ${operation} is not a datum sbpl-kit turns into a filter; add the rule by hand` };
  } else {
    if (kind !== 'none') return { reason: `the report names no target for ${operation}, which takes ${kind === 'path' ? 'a path' : `a ${kind} target`}` };
    filter = null;
    note = 'the operation takes no target: an unfiltered rule';
  }
  if (filter) {
    const info = vocab.filter(filter.filter);
    const op = vocab.operation(operation);
    if (!info && !vocab.lenient) return { reason: `the ${vocab.id} vocabulary has no '${filter.filter}' filter` };
    const problem = info && op ? vocab.checkFilter(op, info) : undefined;
    if (problem?.severity === 'error') return { reason: problem.message };
  }
  return { denial, operation, filter, note };
}

/** Structural key of a filter (spans and spellings aside). */
function filterKey(f: FilterTest | null): string {
  return f === null ? '' : `${f.filter} ${JSON.stringify(f.arg)}`;
}

/** One rule per distinct filter; a directory rule absorbs the needs below it that it already covers. */
function groupNeeds(needs: Need[], isFlag: (f: string) => boolean, env: MatchEnv): LearnedRule[] {
  const groups = new Map<string, { filter: FilterTest | null; ops: string[]; needs: Need[]; notes: Set<string> }>();
  for (const n of needs) {
    const k = filterKey(n.filter);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { filter: n.filter, ops: [], needs: [], notes: new Set() }));
    if (!g.ops.includes(n.operation)) g.ops.push(n.operation);
    // the same need reported on several lines is one denial
    if (!g.needs.some((m) => m.operation === n.operation && m.denial === n.denial)) g.needs.push(n);
    if (n.note) g.notes.add(n.note);
  }
  // broader filters first: a subpath rule covers literals and deeper subpaths for the ops it already names
  const ordered = [...groups.values()].sort((x, y) => breadth(y.filter) - breadth(x.filter));
  for (const g of ordered) {
    if (!g.filter || g.filter.arg.kind !== 'subpath') continue;
    for (const h of ordered) {
      if (h === g || h.needs.length === 0) continue;
      const moved = h.needs.filter((n) => g.ops.includes(n.operation) && exprMatches(g.filter as FilterExpr, n.denial.facts, env));
      if (moved.length === 0) continue;
      g.needs.push(...moved);
      h.needs = h.needs.filter((n) => !moved.includes(n));
      h.ops = h.ops.filter((op) => h.needs.some((n) => n.operation === op));
    }
  }
  const out: LearnedRule[] = [];
  for (const g of ordered) {
    if (g.needs.length === 0) continue;
    const rule: Pick<Rule, 'action' | 'operations' | 'filter' | 'modifiers'> = { action: 'allow' as Action, operations: g.ops, filter: g.filter, modifiers: [] };
    const covers: Denial[] = [];
    for (const n of g.needs) if (!covers.includes(n.denial)) covers.push(n.denial);
    out.push({ rule: ruleToSbpl(rule, isFlag), operations: g.ops, covers, ...(g.notes.size ? { note: [...g.notes].join('; ') } : {}) });
  }
  // stable, readable order: by first report
  return out.sort((a, b) => Math.min(...a.covers.flatMap((d) => d.lines)) - Math.min(...b.covers.flatMap((d) => d.lines)));
}

function breadth(f: FilterTest | null): number {
  if (f === null) return Number.MAX_SAFE_INTEGER;
  if (f.arg.kind === 'subpath') return 1_000_000 - f.arg.value.length;
  return 0;
}

/** The profile text with the rules appended, each after a comment naming the reports it covers. */
export function appendRules(text: string, header: string, rules: LearnedRule[]): string {
  const lines: string[] = [];
  lines.push(`; ${header}`);
  for (const r of rules) {
    const shown = r.covers.slice(0, 3).map((d) => `${d.operation} ${d.target}`.trim() + ` (line ${d.lines.join(', ')})`);
    const more = r.covers.length > 3 ? `; and ${r.covers.length - 3} more` : '';
    lines.push(`; covers ${shown.join('; ')}${more}`.replace(/[\r\n]+/g, ' '));
    if (r.note) lines.push(`; ${r.note}`);
    lines.push(r.rule);
  }
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}\n${lines.join('\n')}\n`;
}
