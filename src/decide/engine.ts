// The kernel's decision procedure (docs/semantics.md §0-§2), over the per-operation rule lists of
// rule-lists.ts:
//  * the first filtered rule whose filter matches decides; reaching the fallback decides or jumps;
//  * path requests are matched on the kernel's resolved path, and every symlink crossed needs
//    file-read-metadata on the link (symlinkTraversalCheck); prepare.ts does both.
// Lists are built once per profile; deciding allocates nothing for requests whose path is already canonical.

import { filterTests, type Action, type Modifier, type Profile, type Rule } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import type { Request, RequestFacts } from './request.js';
import { compileExpr, describeExpr, summarizeTrace, traceExpr, vocabMatchEnv, type FactsMatcher, type MatchEnv, type MatchOptions } from './match.js';
import type { FileSystemDescription, PathResolver } from './path.js';
import { RegexSyntaxError, RegexTooLargeError, type RegexCache } from '../regex/index.js';
import { compactFacts, crossedLinks, linkFacts, requestedOperation, RequestPreparer, type PreparedRequest } from './prepare.js';
import { RuleLists, type ListEntry, type OpRuleList } from './rule-lists.js';
import { buildIndex, walkIndex, type ListIndex } from './index-runs.js';
import { DecideError } from './errors.js';
import { FactSlots, VerdictMemo } from './verdict-memo.js';
import { StringTable } from './string-table.js';
import type { ConsultedRule, DeciderInfo, Explanation, RuleRef, SymlinkCheck, Verdict } from './types.js';

export { DecideError, linkFacts };

/** The semantic choices not yet measured on macOS 14, and the file system paths are resolved on. */
export interface EngineOptions {
  /**
   * Rules on an operation are consulted before any rule of its ancestors, whatever the file order
   * (default true: Apple's 10.10 list/jump model [A KS-1010]; practitioners measured that a later
   * `file-read*` rule does not override an earlier `file-read-data` one [C nolabs-ai/nono#697,
   * GreyhavenHQ/greywall#20]; docs/semantics.md §0.6, "verify"). false = the op's and its ancestors'
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
   * (default true; model H fitted to C data, docs/semantics.md §4).
   */
  symlinkTraversalCheck?: boolean;
  /** The file system used to resolve paths (default: a stock macOS 14 layout). */
  fs?: FileSystemDescription;
  match?: MatchOptions;
  /** Share compiled regexes between engines. */
  regexes?: RegexCache;
  /**
   * Remember the verdicts of requests whose facts are flat plain data (a path, a service name, flags …) per operation
   * (default true; verdict-memo.ts). false decides every request in full (less memory for batches of distinct data).
   */
  memo?: boolean;
}

export const DEFAULT_ENGINE_OPTIONS = {
  childBeforeParent: true,
  sysctlWriteAlias: true,
  symlinkTraversalCheck: true,
} as const;

/** A rule in an operation's list, with its compiled filter and the verdict it returns. */
interface Entry extends ListEntry {
  match: FactsMatcher;
  /** Frozen verdict returned when this entry decides (in its own op list). */
  verdict: Verdict;
}

type RuleList = OpRuleList<Entry>;

/** An operation's list as the hot path walks it. */
interface OpList {
  rules: RuleList;
  name: string;
  parent: OpList | null;
  /** The verdict of the fixed decision; null when the op jumps to its parent. */
  fixedVerdict: Verdict | null;
  /** The unfiltered rule's verdict, else the fixed one; null: jump to the parent. */
  fallback: Verdict | null;
  /** childBeforeParent off: `rules.merged` holds the ancestors' filtered rules too. */
  merged: boolean;
  /**
   * The whole walk from this operation, resolved once on first use: one index over the filtered entries
   * consulted in order (this list's, then each ancestor's up to the first fallback; `rules.merged` when
   * childBeforeParent is off) and the verdict reached when none matches. The first matching entry of that
   * concatenation is what walking list by list finds, so one index pass replaces the chain walk.
   */
  plan: { index: ListIndex<Verdict> | null; fallback: Verdict } | null;
  /** Whole decisions of requests whose facts are flat plain data (verdict-memo.ts). */
  memo: VerdictMemo<Verdict>;
}

/**
 * Decides requests against one profile as the kernel would: `decide(request)` is the fast verdict,
 * `explain(request)` adds the rule that decided, the fallback chain, path resolution and symlink checks.
 */
export class DecisionEngine {
  readonly profile: Profile;
  readonly vocab: Vocab;
  readonly options: Required<Pick<EngineOptions, 'childBeforeParent' | 'sysctlWriteAlias' | 'symlinkTraversalCheck'>>;
  readonly resolver: PathResolver;
  readonly env: MatchEnv;
  private readonly requests: RequestPreparer;
  private readonly rules: RuleLists<Entry>;
  private readonly lists = new Map<RuleList, OpList>();
  /** Lists by requested name (aliases too); only names the vocabulary knows are stored, so the bound is never reached in practice. */
  private readonly requestOps = new StringTable<OpList>(4096);
  private readonly metadataList: OpList;
  /** Verdicts of file-read-metadata on symlinks, for requests without process-specific facts. */
  private readonly traversalCache = new StringTable<Verdict>(8192);
  /** null: the memo is off (EngineOptions.memo). */
  private readonly factSlots: FactSlots | null;

  constructor(profile: Profile, vocab: Vocab, options: EngineOptions = {}) {
    this.profile = profile;
    this.vocab = vocab;
    this.options = {
      childBeforeParent: options.childBeforeParent ?? DEFAULT_ENGINE_OPTIONS.childBeforeParent,
      sysctlWriteAlias: options.sysctlWriteAlias ?? DEFAULT_ENGINE_OPTIONS.sysctlWriteAlias,
      symlinkTraversalCheck: options.symlinkTraversalCheck ?? DEFAULT_ENGINE_OPTIONS.symlinkTraversalCheck,
    };
    this.factSlots = options.memo === false ? null : new FactSlots();
    this.requests = new RequestPreparer(options.fs);
    this.resolver = this.requests.resolver;
    this.env = vocabMatchEnv(vocab, options);
    // one matcher per rule, shared by the entries of all its operations
    let lastRule: Rule | null = null;
    let lastMatch: FactsMatcher = () => true;
    this.rules = new RuleLists<Entry>(vocab, this.options, (rule, operation, writtenAs) => {
      if (rule !== lastRule) {
        lastRule = rule;
        lastMatch = this.compileFilter(rule);
      }
      const verdict = Object.freeze({
        decision: rule.action,
        operation,
        kind: rule.filter === null ? 'unfiltered-rule' : 'filtered-rule',
        rule,
        modifiers: rule.modifiers,
        check: 'main',
      }) as Verdict;
      return { rule, operation, writtenAs, match: lastMatch, verdict };
    })
      .add(profile.rules)
      .finish();
    for (const rules of this.rules.values()) this.compiled(rules);
    this.metadataList = this.listFor('file-read-metadata');
  }

  // ------------------------------------------------------------------------------------------------
  // Building

  private compileFilter(rule: Rule): FactsMatcher {
    if (rule.filter === null) return () => true;
    try {
      return compileExpr(rule.filter, this.env);
    } catch (e) {
      // Apple's compiler rejects the profile; so do we, naming the rule
      if (e instanceof RegexSyntaxError || e instanceof RegexTooLargeError) {
        throw new DecideError(`${spanLabel(rule.span)}: invalid regex in this rule: ${e instanceof RegexSyntaxError ? e.reason + ` (at offset ${e.offset} of #"${e.pattern}")` : e.message}`);
      }
      throw e;
    }
  }

  /** The hot-path form of a rule list (built once; its plan on first use). */
  private compiled(rules: RuleList): OpList {
    const hit = this.lists.get(rules);
    if (hit) return hit;
    const fixedVerdict =
      rules.fixed === null ? null : (Object.freeze({ decision: rules.fixed, operation: rules.name, kind: 'fixed', rule: null, modifiers: [], check: 'main' }) as Verdict);
    const list: OpList = {
      rules,
      name: rules.name,
      parent: null,
      fixedVerdict,
      fallback: rules.unfiltered?.verdict ?? fixedVerdict,
      merged: rules.merged !== undefined,
      plan: null,
      memo: new VerdictMemo(),
    };
    this.lists.set(rules, list);
    if (rules.parent) list.parent = this.compiled(rules.parent);
    return list;
  }

  private listFor(name: string): OpList {
    return this.compiled(this.rules.list(name));
  }

  /** The list for a requested operation name (aliases accepted). Throws DecideError for unknown names. */
  private requestList(name: string): OpList {
    const hit = this.requestOps.get(name);
    if (hit) return hit;
    const list = this.listFor(requestedOperation(this.vocab, name).name);
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
  prepare(facts: RequestFacts): PreparedRequest {
    return this.requests.prepare(facts);
  }

  /** Walk one operation's list and its fallback chain; no explanation. */
  private walk(start: OpList, f: RequestFacts): Verdict {
    const plan = start.plan ?? this.planOf(start);
    if (plan.index !== null) {
      const hit = walkIndex(plan.index, f);
      if (hit !== undefined) return hit;
    }
    return plan.fallback;
  }

  /** The fallback chain of a list resolved once (see OpList.plan). */
  private planOf(start: OpList): NonNullable<OpList['plan']> {
    const entries: Entry[] = start.rules.merged ? start.rules.merged.map((m) => m.entry) : [];
    let fallback: Verdict | null = null;
    for (let list: OpList | null = start; list !== null && fallback === null; list = list.parent) {
      if (!start.merged) entries.push(...list.rules.filtered);
      fallback = list.fallback;
    }
    if (fallback === null) throw new DecideError(`operation '${start.name}' has no fallback (vocabulary cycle?)`);
    const index = entries.length
      ? buildIndex(entries.map((e) => ({ filter: e.rule.filter, match: e.match, verdict: e.verdict })), this.env.options ?? {}, (x) => compileExpr(x, this.env))
      : null;
    start.plan = { index, fallback };
    return start.plan;
  }

  /** Decide one request (fast path: verdict and deciding rule, no explanation). */
  decide(request: Request): Verdict {
    const list = this.requestOps.get(request.operation) ?? this.requestList(request.operation);
    const facts = request.facts;
    const slots = this.factSlots;
    const memo = list.memo;
    // skipping: the memo's hit rate on this list did not pay for its probes lately (string-table.ts ProbeBudget)
    const slot = slots === null || memo.skipping() ? -1 : slots.slot(facts);
    if (slot < 0) return this.decideFacts(list, facts);
    const { parts, count } = slots!;
    let v = memo.get(slot, parts, count);
    if (v === undefined) {
      v = this.decideFacts(list, facts);
      memo.set(slot, parts, count, v);
    }
    return v;
  }

  /** `decide` without the memo. */
  private decideFacts(list: OpList, requestFacts: RequestFacts): Verdict {
    let facts = requestFacts;
    const prepared = this.requests.prepareIfNeeded(facts);
    if (prepared !== undefined) {
      facts = prepared.facts;
      const links = this.options.symlinkTraversalCheck ? crossedLinks(prepared) : undefined;
      if (links !== undefined && links.length > 0) {
        // the traversal check depends only on the link and the process's own facts: cache it when the request
        // carries none of those
        const cacheable = facts.entitlements === undefined && facts.processPath === undefined && facts.signingIdentifier === undefined && facts.other === undefined;
        for (const l of links) {
          let v = cacheable ? this.traversalCache.get(l.link) : undefined;
          if (v === undefined) {
            v = this.walk(this.metadataList, linkFacts(l.link, facts));
            if (cacheable) this.traversalCache.set(l.link, v);
          }
          // frozen like every other verdict: the memo hands the same object out again
          if (v.decision === 'deny') return Object.freeze({ ...v, check: 'symlink-traversal', link: l.link });
        }
      }
    }
    return this.walk(list, facts);
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
            const walked = this.walkExplained(this.metadataList, linkFacts(l.link, facts));
            const check: SymlinkCheck = { link: l.link, target: l.target, decision: walked.verdict.decision, decidedBy: walked.decidedBy, chain: walked.chain };
            symlinkChecks.push(check);
            if (walked.verdict.decision === 'deny' && !refused) refused = check;
          }
          notes.push('symlinkTraversalCheck: following a symlink needs file-read-metadata on the link itself (model H, fitted to measurements; docs/semantics.md §4)');
        } else {
          notes.push('symlinkTraversalCheck is off: symlinks crossed were not checked');
        }
      }
    }
    const main = this.walkExplained(list, facts);
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
      for (const l of chainLists.slice(0, at + 1)) for (const r of l.rules.replaced) replaced.push(this.ruleRef(r));
      const decidedBy = this.deciderInfo(verdict, list, entry);
      if (entry?.writtenAs) notes.push(`sysctlWriteAlias: the rule names '${entry.writtenAs}', which Apple's SBPL maps to '${list.name}' (alias present through 10.15; Sonoma unverified)`);
      if (verdict.rule?.origin === 'standard-policy') notes.push("decided by Apple's standard policy (policy.scm), appended after the profile (10.15 placement assumed for Sonoma)");
      if (verdict.kind === 'fixed' && list.rules.op.evidence && list.rules.op.evidence !== 'A' && list.rules.op.evidence !== 'B' && list.rules.op.evidence !== 'C') {
        notes.push(`the fixed ${verdict.decision} of '${list.name}' is inferred (evidence ${list.rules.op.evidence}), not measured`);
      }
      if (list.rules.synthetic) notes.push(`'${list.name}' is not in the ${this.vocab.id} vocabulary; it was treated as a child of 'default'`);
      this.precedenceNotes(start, list, entry, f, notes);
      return { verdict, decidedBy, chain: walkedChain, notConsulted, consulted, replaced, notes };
    };
    if (start.rules.merged) {
      for (let l: OpList | null = start; l; l = l.parent) {
        chain.push(l.name);
        if (l.rules.unfiltered || l.fixedVerdict) break;
      }
      notes.push('childBeforeParent is off: filtered rules of the operation and its ancestors were tried together, newest first');
      for (const m of start.rules.merged) {
        const list = this.compiled(m.list);
        if (consider(m.entry, list)) return finish(m.entry.verdict, list, m.entry);
      }
      for (let l: OpList | null = start; l; l = l.parent) {
        if (l.rules.unfiltered) {
          consulted.push({ operation: l.name, rule: this.ruleRef(l.rules.unfiltered.rule), matched: true, kind: 'unfiltered-rule', why: 'unfiltered rule: the operation\'s own fallback' });
          return finish(l.rules.unfiltered.verdict, l, l.rules.unfiltered);
        }
        if (l.fixedVerdict) return finish(l.fixedVerdict, l, null);
      }
    } else {
      for (let l: OpList | null = start; l; l = l.parent) {
        chain.push(l.name);
        for (const entry of l.rules.filtered) if (consider(entry, l)) return finish(entry.verdict, l, entry);
        if (l.rules.unfiltered) {
          consulted.push({
            operation: l.name,
            rule: this.ruleRef(l.rules.unfiltered.rule),
            matched: true,
            kind: 'unfiltered-rule',
            why: `unfiltered rule: '${l.name}''s own fallback, consulted after its filtered rules wherever it sits in the file`,
          });
          return finish(l.rules.unfiltered.verdict, l, l.rules.unfiltered);
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
      for (const other of l.rules.filtered) {
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
        const hit = l.rules.filtered.find((o) => o.match(f));
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
      return { kind: 'fixed', operation: list.name, fixedReason: reason, evidence: list.rules.op.evidence };
    }
    return { kind: verdict.kind, operation: list.name, rule: this.ruleRef(entry!.rule), evidence: list.rules.op.evidence };
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
    const r = l.rules;
    return { filtered: r.filtered.map((e) => e.rule), unfiltered: r.unfiltered?.rule ?? null, replaced: [...r.replaced], fixed: r.unfiltered ? null : r.fixed, parent: l.parent?.name ?? null };
  }
}

/** One-shot convenience: build an engine and decide. */
export function decideRequest(profile: Profile, vocab: Vocab, request: Request, options?: EngineOptions): Verdict {
  return new DecisionEngine(profile, vocab, options).decide(request);
}
