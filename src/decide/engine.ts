// The kernel's decision procedure (research/semantics.md §0-§2):
//  * every operation has a rule list: filtered rules newest first, then one fallback entry — the op's
//    unfiltered rule (the last one written), or else a fixed decision (terminal ops, `default` = deny), or
//    else a jump to the parent operation;
//  * the first filtered rule whose filter matches decides; reaching the fallback decides or jumps;
//  * path requests are matched on the kernel's resolved path, and every symlink crossed needs
//    file-read-metadata on the link (symlinkTraversalCheck).
// Lists are built once per profile; deciding allocates nothing for requests whose path is already canonical.

import { filterTests, type Action, type Modifier, type Profile, type Rule } from '../sbpl/profile.js';
import type { OperationInfo, Vocab } from '../vocab/index.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Request, RequestFacts } from './request.js';
import { compileExpr, createMatchEnv, describeExpr, summarizeTrace, traceExpr, type FactsMatcher, type MatchEnv, type MatchOptions } from './match.js';
import { PathError, PathResolver, STOCK_MACOS_FS, type FileSystemDescription, type ResolvedPath } from './path.js';
import { RegexCache, RegexSyntaxError, RegexTooLargeError } from '../regex/index.js';
import { compactFacts } from './facts.js';
import { buildIndex, walkIndex, type ListIndex } from './index-runs.js';
import type { ConsultedRule, DeciderInfo, Explanation, RuleRef, SymlinkCheck, Verdict } from './types.js';

export interface EngineOptions {
  /**
   * Rules on an operation are consulted before any rule of its ancestors, whatever the file order
   * (default true: Apple's 10.10 list/jump model [A KS-1010]; practitioners measured that a later
   * `file-read*` rule does not override an earlier `file-read-data` one [C nolabs-ai/nono#697,
   * GreyhavenHQ/greywall#20]; semantics.md case 25 "verify"). false = the op's and its ancestors'
   * filtered rules are tried together, newest first (the "last match wins across operations" belief).
   */
  childBeforeParent?: boolean;
  /**
   * A rule naming `sysctl-write` applies to `sysctl*` (reads too), as Apple's SBPL alias did through
   * 10.15 (default true [A KS-1015]; Sonoma "verify").
   */
  sysctlWriteAlias?: boolean;
  /**
   * Following a symlink needs file-read-metadata on the link itself; the first refused link decides
   * (default true; model H fitted to C data, semantics.md §4).
   */
  symlinkTraversalCheck?: boolean;
  /** The file system used to resolve paths (default: a stock macOS 14 layout). */
  fs?: FileSystemDescription;
  match?: MatchOptions;
  /** Share compiled regexes between engines. */
  regexes?: RegexCache;
}

export const DEFAULT_ENGINE_OPTIONS = {
  childBeforeParent: true,
  sysctlWriteAlias: true,
  symlinkTraversalCheck: true,
} as const;

export class DecideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecideError';
  }
}

interface Entry {
  rule: Rule;
  match: FactsMatcher;
  /** Frozen verdict returned when this entry decides (in its own op list). */
  verdict: Verdict;
  /** The operation the rule was written with, when an alias moved it (sysctl-write -> sysctl*). */
  writtenAs?: string;
}

interface OpList {
  op: OperationInfo;
  name: string;
  /** Newest first. */
  filtered: Entry[];
  unfiltered: Entry | null;
  replaced: Rule[];
  /** Fixed decision when no unfiltered rule replaced it. */
  fixed: Action | null;
  fixedVerdict: Verdict | null;
  parent: OpList | null;
  /** Not in the vocabulary: treated as a child of `default`. */
  synthetic: boolean;
  /** childBeforeParent = false: filtered rules of this op and its ancestors, newest first (with the list each came from). */
  merged?: Array<{ entry: Entry; list: OpList }>;
  /** `filtered` (or `merged`) indexed for the hot path; null when empty. */
  index: ListIndex<Verdict> | null;
}

const sharedRegexes = new RegexCache();

export class DecisionEngine {
  readonly profile: Profile;
  readonly vocab: Vocab;
  readonly options: Required<Pick<EngineOptions, 'childBeforeParent' | 'sysctlWriteAlias' | 'symlinkTraversalCheck'>>;
  readonly resolver: PathResolver;
  readonly env: MatchEnv;
  private readonly lists = new Map<string, OpList>();
  private readonly requestOps = new Map<string, OpList>();
  private readonly metadataList: OpList;
  /** Verdicts of file-read-metadata on symlinks, for requests without process-specific facts. */
  private readonly traversalCache = new Map<string, Verdict>();

  constructor(profile: Profile, vocab: Vocab, options: EngineOptions = {}) {
    this.profile = profile;
    this.vocab = vocab;
    this.options = {
      childBeforeParent: options.childBeforeParent ?? DEFAULT_ENGINE_OPTIONS.childBeforeParent,
      sysctlWriteAlias: options.sysctlWriteAlias ?? DEFAULT_ENGINE_OPTIONS.sysctlWriteAlias,
      symlinkTraversalCheck: options.symlinkTraversalCheck ?? DEFAULT_ENGINE_OPTIONS.symlinkTraversalCheck,
    };
    this.resolver = new PathResolver(options.fs ?? STOCK_MACOS_FS);
    this.env = createMatchEnv({
      regexes: options.regexes ?? sharedRegexes,
      options: options.match,
      symbolValues: (filter, name) => vocab.filter(filter)?.values?.[name] ?? vocab.data.constants[name],
    });
    for (const rule of profile.rules) this.addRule(rule);
    for (const list of this.lists.values()) list.filtered.reverse();
    // make sure every vocabulary op has a list (so requests never build lists lazily on the hot path)
    for (const op of vocab.operations) this.listFor(op.name);
    if (!this.options.childBeforeParent) for (const list of this.lists.values()) list.merged = this.mergedFor(list);
    for (const list of this.lists.values()) {
      const entries = list.merged ? list.merged.map((m) => m.entry) : list.filtered;
      list.index = entries.length ? buildIndex(entries.map((e) => ({ filter: e.rule.filter, match: e.match, verdict: e.verdict })), options.match ?? {}, (x) => compileExpr(x, this.env)) : null;
    }
    this.metadataList = this.listFor('file-read-metadata');
  }

  // ------------------------------------------------------------------------------------------------
  // Building

  private listFor(name: string): OpList {
    const hit = this.lists.get(name);
    if (hit) return hit;
    const known = this.vocab.operation(name);
    const op: OperationInfo = known ?? { id: -1, name, parent: 'default', evidence: 'H' };
    const list: OpList = {
      op,
      name,
      filtered: [],
      unfiltered: null,
      replaced: [],
      fixed: op.fixed ?? (op.parent === null ? 'deny' : null),
      fixedVerdict: null,
      parent: null,
      synthetic: !known,
      index: null,
    };
    this.lists.set(name, list);
    if (list.fixed !== null) {
      list.fixedVerdict = Object.freeze({ decision: list.fixed, operation: name, kind: 'fixed', rule: null, modifiers: [], check: 'main' }) as Verdict;
    } else if (op.parent !== null) {
      list.parent = this.listFor(op.parent);
    }
    return list;
  }

  private addRule(rule: Rule): void {
    let match: FactsMatcher | null = null;
    if (rule.filter !== null) {
      try {
        match = compileExpr(rule.filter, this.env);
      } catch (e) {
        // Apple's compiler rejects the profile; so do we, naming the rule
        if (e instanceof RegexSyntaxError || e instanceof RegexTooLargeError) {
          throw new DecideError(`${spanLabel(rule.span)}: invalid regex in this rule: ${e instanceof RegexSyntaxError ? e.reason + ` (at offset ${e.offset} of #"${e.pattern}")` : e.message}`);
        }
        throw e;
      }
    }
    // Spellings as written, when the producer records them (the front end may already have applied the
    // sysctl-write -> sysctl* alias to `operations`); IR producers that keep `sysctl-write` as the op
    // name get the same treatment.
    const writtenSpellings = rule.operationsWritten;
    rule.operations.forEach((op, index) => {
      const written = writtenSpellings?.[index] ?? op;
      const isSysctlWrite = written === 'sysctl-write';
      const target = isSysctlWrite ? (this.options.sysctlWriteAlias ? 'sysctl*' : 'sysctl-write') : op;
      const list = this.listFor(target);
      const entry: Entry = {
        rule,
        match: match ?? (() => true),
        verdict: Object.freeze({
          decision: rule.action,
          operation: target,
          kind: rule.filter === null ? 'unfiltered-rule' : 'filtered-rule',
          rule,
          modifiers: rule.modifiers,
          check: 'main',
        }) as Verdict,
        writtenAs: target !== written ? written : undefined,
      };
      if (rule.filter === null) {
        // "Replace the unconditional rule" (KS-1010 %action): the last unfiltered rule is the fallback
        if (list.unfiltered) list.replaced.push(list.unfiltered.rule);
        list.unfiltered = entry;
      } else {
        list.filtered.push(entry); // reversed after all rules are added: newest first
      }
    });
  }

  private mergedFor(list: OpList): Array<{ entry: Entry; list: OpList }> {
    const out: Array<{ entry: Entry; list: OpList }> = [];
    for (let l: OpList | null = list; l; l = l.parent) for (const entry of l.filtered) out.push({ entry, list: l });
    out.sort((a, b) => b.entry.rule.id - a.entry.rule.id);
    return out;
  }

  /** The list for a requested operation name (aliases accepted). Throws DecideError for unknown names. */
  private requestList(name: string): OpList {
    const hit = this.requestOps.get(name);
    if (hit) return hit;
    // Requests name kernel operations: a table name wins over an SBPL alias of the same spelling
    // (`sysctl-write` is kernel op 156 even though SBPL maps the spelling to `sysctl*`).
    const direct = this.vocab.operation(name);
    const res = direct ? ({ kind: 'operation', op: direct } as const) : this.vocab.resolveOperation(name);
    if (!res) {
      const guess = didYouMean(name, this.vocab.operationSpellings());
      throw new DecideError(`unknown operation '${name}' for ${this.vocab.id}${guess ? ` (did you mean '${guess}'?)` : ''}`);
    }
    if (res.kind === 'no-op') throw new DecideError(`'${name}' is accepted by SBPL but names no kernel operation (rules using it are discarded); nothing to decide`);
    const list = this.listFor(res.op.name);
    this.requestOps.set(name, list);
    return list;
  }

  /** Canonical operation name for a request name (resolving aliases); throws DecideError when unknown. */
  canonicalOperation(name: string): string {
    return this.requestList(name).name;
  }

  // ------------------------------------------------------------------------------------------------
  // Deciding

  /** Facts as the kernel sees them: resolved path / socket path, node facts filled from the file-system table. */
  prepare(facts: RequestFacts): { facts: RequestFacts; resolved?: ResolvedPath; socket?: ResolvedPath } {
    let resolved: ResolvedPath | undefined;
    let socket: ResolvedPath | undefined;
    let path = facts.path;
    let socketPath = facts.socketPath;
    if (path !== undefined && !facts.pathIsResolved) {
      resolved = this.resolvePath(path, !facts.noFollow);
      path = resolved.path;
    }
    if (socketPath !== undefined && !facts.pathIsResolved) {
      socket = this.resolvePath(socketPath, true);
      socketPath = socket.path;
    }
    let vnodeType = facts.vnodeType;
    let fileMode = facts.fileMode;
    if (path !== undefined && (vnodeType === undefined || fileMode === undefined)) {
      const node = this.resolver.node(path);
      if (node) {
        vnodeType ??= node.type;
        fileMode ??= node.mode;
      }
    }
    let out = facts;
    if (path !== facts.path || socketPath !== facts.socketPath || vnodeType !== facts.vnodeType || fileMode !== facts.fileMode) {
      // a copy with the kernel's spellings (Object.assign: object spread is slow in V8 for this shape)
      out = Object.assign({}, facts);
      if (path !== undefined) out.path = path;
      if (socketPath !== undefined) out.socketPath = socketPath;
      if (vnodeType !== undefined) out.vnodeType = vnodeType;
      if (fileMode !== undefined) out.fileMode = fileMode;
    }
    return { facts: out, resolved, socket };
  }

  private resolvePath(path: string, followFinal: boolean): ResolvedPath {
    try {
      return this.resolver.resolve(path, { followFinal });
    } catch (e) {
      if (e instanceof PathError) throw new DecideError(e.message);
      throw e;
    }
  }

  /** Walk one operation's list and its fallback chain; no explanation. */
  private walk(start: OpList, f: RequestFacts): Verdict {
    if (start.merged) return this.walkMerged(start, f);
    let list: OpList | null = start;
    while (list !== null) {
      if (list.index !== null) {
        const hit = walkIndex(list.index, f);
        if (hit !== undefined) return hit;
      }
      if (list.unfiltered !== null) return list.unfiltered.verdict;
      if (list.fixedVerdict !== null) return list.fixedVerdict;
      list = list.parent;
    }
    throw new DecideError(`operation '${start.name}' has no fallback (vocabulary cycle?)`);
  }

  private walkMerged(start: OpList, f: RequestFacts): Verdict {
    const hit = start.index ? walkIndex(start.index, f) : undefined;
    if (hit !== undefined) return hit;
    for (let list: OpList | null = start; list !== null; list = list.parent) {
      if (list.unfiltered !== null) return list.unfiltered.verdict;
      if (list.fixedVerdict !== null) return list.fixedVerdict;
    }
    throw new DecideError(`operation '${start.name}' has no fallback (vocabulary cycle?)`);
  }

  /** Decide one request (fast path: verdict and deciding rule, no explanation). */
  decide(request: Request): Verdict {
    const list = this.requestOps.get(request.operation) ?? this.requestList(request.operation);
    let facts = request.facts;
    const path = facts.path;
    const sock = facts.socketPath;
    const r = this.resolver;
    if (!facts.pathIsResolved && ((path !== undefined && !r.isCanonical(path)) || (sock !== undefined && !r.isCanonical(sock)))) {
      const prepared = this.prepare(facts);
      facts = prepared.facts;
      if (this.options.symlinkTraversalCheck) {
        const links = prepared.resolved?.symlinks.length ? prepared.resolved.symlinks : prepared.socket?.symlinks;
        if (links !== undefined) {
          // the traversal check depends only on the link and the process's own facts: cache it when
          // the request carries none of those
          const cacheable = facts.entitlements === undefined && facts.processPath === undefined && facts.signingIdentifier === undefined && facts.other === undefined;
          for (const l of links) {
            let v = cacheable ? this.traversalCache.get(l.link) : undefined;
            if (v === undefined) {
              v = this.walk(this.metadataList, this.linkFacts(l.link, facts));
              if (cacheable) this.traversalCache.set(l.link, v);
            }
            if (v.decision === 'deny') return { ...v, check: 'symlink-traversal', link: l.link };
          }
        }
      }
    } else if (path !== undefined && (facts.vnodeType === undefined || facts.fileMode === undefined) && r.hasNode(path)) {
      facts = this.prepare(facts).facts;
    }
    return this.walk(list, facts);
  }

  private linkFacts(link: string, f: RequestFacts): RequestFacts {
    return linkFacts(link, f);
  }

  /** Decide with a full explanation. */
  explain(request: Request): Explanation {
    const list = this.requestList(request.operation);
    const { facts, resolved, socket } = this.prepare(request.facts);
    const notes: string[] = [];
    const symlinkChecks: SymlinkCheck[] = [];
    const pathInfo = resolved ?? socket;
    let refused: SymlinkCheck | undefined;
    if (pathInfo) {
      if (pathInfo.normalized) notes.push(`the VFS resolves '.', '..', '//' and trailing slashes before the check: '${pathInfo.input}' is checked as '${pathInfo.path}'`);
      for (const fl of pathInfo.firmlinks) notes.push(`firmlink: '${fl.from}' is the Data-volume spelling of '${fl.to}'; the kernel reports the '${fl.to}' spelling`);
      if (pathInfo.symlinks.length > 0) {
        if (this.options.symlinkTraversalCheck) {
          for (const l of pathInfo.symlinks) {
            const walked = this.walkExplained(this.metadataList, this.linkFacts(l.link, facts));
            const check: SymlinkCheck = { link: l.link, target: l.target, decision: walked.verdict.decision, decidedBy: walked.decidedBy, chain: walked.chain };
            symlinkChecks.push(check);
            if (walked.verdict.decision === 'deny' && !refused) refused = check;
          }
          notes.push('symlinkTraversalCheck: following a symlink needs file-read-metadata on the link itself (model H, fitted to measurements; semantics.md §4)');
        } else {
          notes.push('symlinkTraversalCheck is off: symlinks crossed were not checked');
        }
      }
    }
    const main = this.walkExplained(list, facts);
    const verdict = refused ? null : main.verdict;
    const decidedBy = refused ? refused.decidedBy : main.decidedBy;
    const decision: Action = refused ? 'deny' : main.verdict.decision;
    const mods = refused ? this.modifiersOf(refused.decidedBy) : [...main.verdict.modifiers];
    if (refused) notes.unshift(`denied at the symlink traversal check: file-read-metadata on the link '${refused.link}' (-> ${refused.target}) is refused, so the main check is not reached`);
    notes.push(...main.notes);
    const requestedAs = request.operation !== list.name ? request.operation : undefined;
    if (requestedAs) notes.push(`'${requestedAs}' is an alias of '${list.name}'`);
    const message = mods.find((m) => m.name === 'message')?.args[0];
    const signal = mods.find((m) => m.name === 'send-signal')?.args[0];
    const errno = mods.find((m) => m.name === 'errno')?.args[0];
    const hasNoReport = mods.some((m) => m.name === 'no-report');
    const hasReport = mods.some((m) => m.name === 'report');
    void verdict;
    return {
      decision,
      operation: list.name,
      requestedAs,
      check: refused ? 'symlink-traversal' : 'main',
      decidedBy,
      chain: main.chain,
      chainText: main.chain.join(' → '),
      notConsulted: main.notConsulted,
      consulted: main.consulted,
      replaced: main.replaced,
      modifiers: mods,
      reported: decision === 'deny' ? !hasNoReport : hasReport,
      message: message === undefined ? undefined : String(message),
      signal: typeof signal === 'number' ? signal : undefined,
      errno: errno === undefined ? undefined : String(errno),
      facts: compactFacts(facts),
      resolvedPath: pathInfo,
      symlinkChecks,
      options: {
        childBeforeParent: this.options.childBeforeParent,
        sysctlWriteAlias: this.options.sysctlWriteAlias,
        symlinkTraversalCheck: this.options.symlinkTraversalCheck,
        fileSystem: this.resolver.fs.description ?? 'custom',
        vocabulary: this.vocab.id,
      },
      notes,
    };
  }

  private modifiersOf(d: DeciderInfo): Modifier[] {
    return d.rule ? [...d.rule.modifiers] : [];
  }

  /** Walk like `walk`, recording everything consulted. */
  private walkExplained(start: OpList, f: RequestFacts): {
    verdict: Verdict;
    decidedBy: DeciderInfo;
    chain: string[];
    notConsulted: string[];
    consulted: ConsultedRule[];
    replaced: RuleRef[];
    notes: string[];
  } {
    const consulted: ConsultedRule[] = [];
    const chain: string[] = [];
    const replaced: RuleRef[] = [];
    const notes: string[] = [];
    const noted = new Set<string>();
    const consider = (entry: Entry, list: OpList): boolean => {
      const trace = traceExpr(entry.rule.filter!, f, this.env);
      consulted.push({ operation: list.name, rule: this.ruleRef(entry.rule), matched: trace.matched, kind: 'filtered-rule', why: summarizeTrace(trace), trace });
      this.filterNotes(entry.rule, noted, notes);
      return trace.matched;
    };
    const finish = (verdict: Verdict, list: OpList, entry: Entry | null) => {
      const chainLists: OpList[] = [];
      for (let l: OpList | null = start; l; l = l.parent) chainLists.push(l);
      const at = chainLists.indexOf(list);
      const walkedChain = this.options.childBeforeParent ? chain : chainLists.slice(0, Math.max(at, 0) + 1).map((l) => l.name);
      const notConsulted = chainLists.slice(at + 1).map((l) => l.name);
      for (const l of chainLists.slice(0, at + 1)) for (const r of l.replaced) replaced.push(this.ruleRef(r));
      const decidedBy = this.deciderInfo(verdict, list, entry);
      if (entry?.writtenAs) notes.push(`sysctlWriteAlias: the rule names '${entry.writtenAs}', which Apple's SBPL maps to '${list.name}' (alias present through 10.15; Sonoma unverified)`);
      if (verdict.rule?.origin === 'standard-policy') notes.push("decided by Apple's standard policy (policy.scm), appended after the profile (10.15 placement assumed for Sonoma)");
      if (verdict.kind === 'fixed' && list.op.evidence && list.op.evidence !== 'A' && list.op.evidence !== 'B' && list.op.evidence !== 'C') {
        notes.push(`the fixed ${verdict.decision} of '${list.name}' is inferred (evidence ${list.op.evidence}), not measured`);
      }
      if (list.synthetic) notes.push(`'${list.name}' is not in the ${this.vocab.id} vocabulary; it was treated as a child of 'default'`);
      this.precedenceNotes(start, list, entry, f, notes);
      return { verdict, decidedBy, chain: walkedChain, notConsulted, consulted, replaced, notes };
    };
    if (start.merged) {
      for (let l: OpList | null = start; l; l = l.parent) {
        chain.push(l.name);
        if (l.unfiltered || l.fixedVerdict) break;
      }
      notes.push('childBeforeParent is off: filtered rules of the operation and its ancestors were tried together, newest first');
      for (const { entry, list } of start.merged) if (consider(entry, list)) return finish(entry.verdict, list, entry);
      for (let l: OpList | null = start; l; l = l.parent) {
        if (l.unfiltered) {
          consulted.push({ operation: l.name, rule: this.ruleRef(l.unfiltered.rule), matched: true, kind: 'unfiltered-rule', why: 'unfiltered rule: the operation\'s own fallback' });
          return finish(l.unfiltered.verdict, l, l.unfiltered);
        }
        if (l.fixedVerdict) return finish(l.fixedVerdict, l, null);
      }
    } else {
      for (let l: OpList | null = start; l; l = l.parent) {
        chain.push(l.name);
        for (const entry of l.filtered) if (consider(entry, l)) return finish(entry.verdict, l, entry);
        if (l.unfiltered) {
          consulted.push({
            operation: l.name,
            rule: this.ruleRef(l.unfiltered.rule),
            matched: true,
            kind: 'unfiltered-rule',
            why: `unfiltered rule: '${l.name}''s own fallback, consulted after its filtered rules wherever it sits in the file`,
          });
          return finish(l.unfiltered.verdict, l, l.unfiltered);
        }
        if (l.fixedVerdict) return finish(l.fixedVerdict, l, null);
      }
    }
    throw new DecideError(`operation '${start.name}' has no fallback (vocabulary cycle?)`);
  }

  /** Modelling choices and dialect surprises inside a consulted rule's filter. */
  private filterNotes(rule: Rule, noted: Set<string>, notes: string[]): void {
    for (const t of filterTests(rule.filter)) {
      const a = t.arg;
      if (a.kind === 'subpath' && a.value.length > 1 && a.value.endsWith('/') && !noted.has('slash:' + a.value)) {
        noted.add('slash:' + a.value);
        const literal = this.env.options?.subpathTrailingSlash === 'literal';
        notes.push(`subpathTrailingSlash (unverified): (subpath "${a.value}") at ${spanLabel(t.span ?? rule.span)} is read as ${literal ? 'keeping its slash (only paths below it)' : `(subpath "${a.value.replace(/\/+$/, '') || '/'}")`}`);
      }
      if (a.kind === 'regex' && !noted.has('re:' + a.source)) {
        noted.add('re:' + a.source);
        const d = this.env.regexes.get(a.source).diagnostics[0];
        if (d) notes.push(`regex #"${a.source}" at ${spanLabel(t.span ?? rule.span)}: ${d.message}`);
      }
    }
  }

  /** Name the cases where an unverified precedence choice decided the outcome. */
  private precedenceNotes(start: OpList, decidedIn: OpList, entry: Entry | null, f: RequestFacts, notes: string[]): void {
    if (!this.options.childBeforeParent) return;
    if (entry === null) return;
    // an ancestor's filtered rule, declared later, that also matches: the outcome depends on childBeforeParent
    let passed = false;
    for (let l: OpList | null = start; l; l = l.parent) {
      if (l === decidedIn) {
        passed = true;
        continue;
      }
      if (!passed) continue;
      for (const other of l.filtered) {
        if (other.rule.id > entry.rule.id && other.rule.action !== entry.rule.action && other.match(f)) {
          notes.push(
            `childBeforeParent (verify on Sonoma): '${decidedIn.name}' rules are consulted before '${l.name}' rules, so the later ${other.rule.action} at ${spanLabel(other.rule.span)} is not reached (Apple's 10.10 list model; measured by nolabs-ai/nono#697)`,
          );
          return;
        }
      }
    }
    if (entry.rule.filter === null) {
      for (let l = decidedIn.parent; l; l = l.parent) {
        const hit = l.filtered.find((o) => o.match(f));
        if (hit && hit.rule.action !== entry.rule.action) {
          notes.push(
            `unfiltered rule on '${decidedIn.name}' cuts off '${l.name}': its matching ${hit.rule.action} at ${spanLabel(hit.rule.span)} is never consulted (childBeforeParent; verify on Sonoma)`,
          );
          return;
        }
      }
    }
  }

  private deciderInfo(verdict: Verdict, list: OpList, entry: Entry | null): DeciderInfo {
    if (verdict.kind === 'fixed') {
      const reason = list.name === 'default'
        ? "built-in: 'default' starts as deny and the profile declares no unfiltered default rule"
        : `built-in fixed ${verdict.decision}: '${list.name}' is a terminal operation whose list ends in a decision, not a jump to 'default'`;
      return { kind: 'fixed', operation: list.name, fixedReason: reason, evidence: list.op.evidence };
    }
    return { kind: verdict.kind, operation: list.name, rule: this.ruleRef(entry!.rule), evidence: list.op.evidence };
  }

  ruleRef(rule: Rule): RuleRef {
    return {
      id: rule.id,
      action: rule.action,
      operations: rule.operations,
      filter: describeExpr(rule.filter),
      location: spanLabel(rule.span),
      importChain: rule.importChain.map((s) => spanLabel(s)),
      origin: rule.origin,
      modifiers: rule.modifiers,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Introspection for lint and tools

  /** Filtered rules (newest first), unfiltered rule and fallback of an operation. */
  listOf(name: string): { filtered: Rule[]; unfiltered: Rule | null; replaced: Rule[]; fixed: Action | null; parent: string | null } {
    const l = this.listFor(name);
    return { filtered: l.filtered.map((e) => e.rule), unfiltered: l.unfiltered?.rule ?? null, replaced: [...l.replaced], fixed: l.unfiltered ? null : l.fixed, parent: l.parent?.name ?? null };
  }
}

/** One-shot convenience: build an engine and decide. */
export function decideRequest(profile: Profile, vocab: Vocab, request: Request, options?: EngineOptions): Verdict {
  return new DecisionEngine(profile, vocab, options).decide(request);
}

/** Facts of the traversal check on a link: its path, vnode type SYMLINK, and the process's own facts. */
export function linkFacts(link: string, f: RequestFacts): RequestFacts {
  return {
    path: link,
    pathIsResolved: true,
    vnodeType: 'SYMLINK',
    entitlements: f.entitlements,
    processPath: f.processPath,
    signingIdentifier: f.signingIdentifier,
    other: f.other,
  };
}
