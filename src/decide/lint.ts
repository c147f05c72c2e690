// Lint: warnings about profiles that compile but do not do what their authors most likely meant.
// Each finding has a stable code, the span of the form at fault and a fix hint. Codes:
//   lint/path-never-seen        a path spelling the kernel never reports (/tmp, /var, /etc, /System/Volumes/Data/...)
//   lint/shadowed-rule          a rule that can never decide: a later rule on the same operation wins for all its requests
//   lint/child-op-wins          a later rule on a wider operation (file-read*) that loses to an earlier, more specific one
//   lint/replaced-unfiltered    an unfiltered rule replaced by a later unfiltered rule on the same operation
//   lint/cut-off-rule           a filtered rule on a wide operation that no request reaches (children stop at unfiltered rules)
//   lint/cannot-start           a (deny default) profile that denies what every process needs to start
//   regex/...                   regex constructs Apple's matcher does not treat the way other engines do (see regex/parser.ts)
//   lint/regex-syntax           a regex Apple's compiler rejects
//   lint/literal-too-long       a string over 65,535 bytes (libsandbox: "... exceeds maximum (65535)")
//   lint/debug-noop             (debug ...) expecting logging (an empty macro since 10.11)
//   lint/unknown-operation, lint/unknown-filter   names not in the selected OS vocabulary

import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import type { Profile, Rule } from '../sbpl/profile.js';
import { filterTests } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import { DecisionEngine, type EngineOptions } from './engine.js';
import { DecideError } from './errors.js';
import { describeExpr, describeTest } from './match.js';
import { PathResolver, STOCK_MACOS_FS, type FileSystemDescription } from './path.js';
import { checkRegex, parseRegex, requiredLiterals } from '../regex/index.js';
import { subsumes } from './subsume.js';
import { SubsumeIndex } from './subsume-index.js';
import { RegexCache } from '../regex/index.js';

export interface LintOptions {
  fs?: FileSystemDescription;
  engine?: EngineOptions;
  /** Also report rules written in imported files (default: only the main file's rules). */
  includeImports?: boolean;
}

/** libsandbox's limit on one serialized string / pattern (status-im/status-legacy#16353, NixOS/nix#4119). */
export const MAX_LITERAL_BYTES = 65535;

const METADATA_CHAIN = new Set(['file-read-metadata', 'file-read*', 'file*', 'default']);

export function lintProfile(profile: Profile, vocab: Vocab, options: LintOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const mine = (r: Rule) => r.origin === 'profile' && (options.includeImports || r.importChain.length === 0);
  const own = profile.rules.filter(mine);
  const resolver = new PathResolver(options.fs ?? STOCK_MACOS_FS);
  lintNames(own, vocab, out);
  lintStrings(own, out);
  lintPaths(own, resolver, out);
  lintRegexes(own, out);
  // both need a decision engine; a profile the engine refuses (an invalid regex) was reported above
  let engine: DecisionEngine | null = null;
  try {
    engine = new DecisionEngine(profile, vocab, { ...options.engine, fs: options.fs });
  } catch (e) {
    if (!(e instanceof DecideError)) throw e;
  }
  if (engine) {
    lintPrecedence(profile, vocab, engine, mine, out);
    lintStartup(profile, vocab, engine, out, options);
  }
  for (const span of profile.debugForms ?? []) {
    out.push({
      severity: 'warning',
      code: 'lint/debug-noop',
      message: '(debug ...) does nothing on macOS 10.11 and later: it is an empty macro, so it turns on no logging',
      span,
      hint: "denials are logged by default; read them with `log stream --style compact --predicate 'sender == \"Sandbox\"'`, and add (with report) to allow rules you want logged",
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

function ruleText(r: Rule): string {
  return `(${r.action} ${r.operations.join(' ')}${r.filter ? ' ' + truncate(describeExpr(r.filter), 100) : ''})`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 3) + '...' : s;
}

function where(r: Rule): SourceSpan | undefined {
  return r.span;
}

function lintNames(rules: Rule[], vocab: Vocab, out: Diagnostic[]): void {
  const seenOps = new Set<string>();
  const seenFilters = new Set<string>();
  for (const r of rules) {
    for (const op of r.operations) {
      const info = vocab.operation(op);
      if (!info && !seenOps.has(op)) {
        seenOps.add(op);
        out.push({
          severity: 'warning',
          code: 'lint/unknown-operation',
          message: `'${op}' is not an operation of ${vocab.data.displayName}: the kernel never checks it, so this rule does nothing there`,
          span: where(r),
          hint: `check the name against \`sbpl vocab --os ${vocab.id}\`; profiles written for other macOS versions may need version-specific rules`,
        });
      }
    }
    for (const t of filterTests(r.filter)) {
      if (t.filter === 'entitlement') continue;
      if (!vocab.filter(t.filter) && !seenFilters.has(t.filter)) {
        seenFilters.add(t.filter);
        out.push({
          severity: 'warning',
          code: 'lint/unknown-filter',
          message: `filter '${t.filter}' (written ${t.spelled}) is not known to ${vocab.data.displayName}`,
          span: t.span ?? where(r),
        });
      }
    }
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

function lintStrings(rules: Rule[], out: Diagnostic[]): void {
  for (const r of rules) {
    for (const t of filterTests(r.filter)) {
      const a = t.arg;
      const text = a.kind === 'regex' ? a.source : a.kind === 'literal' || a.kind === 'prefix' || a.kind === 'subpath' ? a.value : null;
      if (text === null) continue;
      const bytes = utf8Length(text);
      if (bytes > MAX_LITERAL_BYTES) {
        out.push({
          severity: 'error',
          code: 'lint/literal-too-long',
          message: `this ${a.kind} is ${bytes.toLocaleString('en-US')} bytes; libsandbox refuses strings over ${MAX_LITERAL_BYTES.toLocaleString('en-US')} bytes ("pattern serialization length ... exceeds maximum (65535)")`,
          span: t.span ?? where(r),
          hint: 'split it into several rules (Nix splits its allow lists every 16 KiB)',
        });
      }
    }
  }
}

/** Path values the kernel never reports: they go through a symlink or a firmlinked Data-volume spelling. */
function lintPaths(rules: Rule[], resolver: PathResolver, out: Diagnostic[]): void {
  for (const r of rules) {
    const tests = [...filterTests(r.filter)];
    for (const t of tests) {
      if (t.filter !== 'path') continue;
      const a = t.arg;
      let value: string | undefined;
      if (a.kind === 'literal' || a.kind === 'subpath' || a.kind === 'prefix') value = a.value;
      else if (a.kind === 'regex') {
        try {
          const p = requiredLiterals(parseRegex(a.source).ast).prefix;
          // only a complete leading component says which directory the regex names
          if (p && p.indexOf('/', 1) > 0) value = p.slice(0, p.lastIndexOf('/'));
        } catch {
          /* reported by lintRegexes */
        }
      }
      if (value === undefined || !value.startsWith('/')) continue;
      const trimmed = value.length > 1 ? value.replace(/\/+$/, '') : value;
      let resolved: string;
      let viaSymlink = false;
      try {
        const res = resolver.resolve(trimmed, { followFinal: false });
        resolved = res.path;
        viaSymlink = res.symlinks.length > 0 || res.firmlinks.length > 0;
        if (!viaSymlink && resolved === trimmed && resolver.isSymlink(trimmed)) {
          // the value is a symlink itself: meaningful only for the traversal (metadata) check or no-follow ops
          if (a.kind === 'literal' && r.operations.some((op) => METADATA_CHAIN.has(op))) continue;
          const target = resolver.resolve(trimmed).path;
          if (tests.some((o) => o !== t && o.filter === 'path' && pathTestCovers(o.arg, target))) continue;
          out.push({
            severity: 'warning',
            code: 'lint/path-never-seen',
            message: `'${trimmed}' is a symlink: the kernel checks '${target}' for anything under it, so ${describeTest(t)} only ever matches the link itself`,
            span: t.span ?? where(r),
            hint: `use the resolved spelling "${target}"${a.kind === 'literal' ? '' : ` (${t.spelled} "${target}")`}; keep a (literal "${trimmed}") file-read-metadata rule if processes traverse the link`,
          });
          continue;
        }
      } catch {
        continue;
      }
      if (!viaSymlink) continue;
      // the author already wrote the resolved spelling too, e.g. (subpath "/tmp") (subpath "/private/tmp")
      if (tests.some((o) => o !== t && o.filter === 'path' && pathTestCovers(o.arg, resolved))) continue;
      const fixed = a.kind === 'regex' ? (a.source.replace(trimmed, resolved)) : resolved;
      out.push({
        severity: 'warning',
        code: 'lint/path-never-seen',
        message: `the kernel never reports paths spelled '${trimmed}': it matches the resolved path '${resolved}', so ${describeTest(t)} never matches`,
        span: t.span ?? where(r),
        hint: a.kind === 'regex' ? `write the regex against the resolved spelling, e.g. #"${fixed}"` : `write (${t.spelled} "${value.replace(trimmed, resolved)}")`,
      });
    }
  }
}

/** Whether a literal, subpath or prefix argument matches `path` and everything under it that `path` names. */
function pathTestCovers(arg: { kind: string; value?: unknown }, path: string): boolean {
  const v = arg.value;
  if (typeof v !== 'string') return false;
  if (arg.kind === 'literal') return v === path;
  const base = v.length > 1 ? v.replace(/\/+$/, '') : v;
  if (arg.kind === 'subpath') return path === base || path.startsWith(base === '/' ? '/' : base + '/');
  if (arg.kind === 'prefix') return path.startsWith(v);
  return false;
}

function lintRegexes(rules: Rule[], out: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const r of rules) {
    for (const t of filterTests(r.filter)) {
      const sources: string[] = [];
      if (t.arg.kind === 'regex') sources.push(t.arg.source);
      if (t.arg.kind === 'entitlement' && t.arg.value.kind === 'string' && t.arg.value.match.kind === 'regex') sources.push(t.arg.value.match.source);
      for (const src of sources) {
        const key = `${spanLabel(t.span ?? r.span)}|${src}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const c = checkRegex(src);
        if (!c.ok) {
          out.push({
            severity: 'error',
            code: 'lint/regex-syntax',
            message: `invalid regex #"${src}": ${c.message} (at offset ${c.offset}); the kernel's compiler rejects the profile`,
            span: t.span ?? where(r),
          });
          continue;
        }
        for (const d of c.diagnostics) {
          out.push({
            severity: 'warning',
            code: d.code,
            message: `${d.message} (in #"${src}" at offset ${d.offset})`,
            span: t.span ?? where(r),
            hint: d.hint,
          });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Precedence: rules that never decide

/** Rule comparisons lint makes per rule (index lookups and subsumption tests), beyond a fixed allowance. */
export const PRECEDENCE_WORK_PER_RULE = 200;
const PRECEDENCE_WORK_BASE = 200_000;

/** A work counter: precedence checks stop (with a note) when it runs out, so lint stays linear in rules. */
class WorkBudget {
  used = 0;
  spent = false;
  constructor(readonly budget: number) {}
  readonly charge = (n: number): boolean => {
    this.used += n;
    if (this.used > this.budget) this.spent = true;
    return !this.spent;
  };
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const m = new Map<string, T>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f(k)));
    return v;
  };
}

function lintPrecedence(profile: Profile, vocab: Vocab, engine: DecisionEngine, mine: (r: Rule) => boolean, out: Diagnostic[]): void {
  const work = new WorkBudget(PRECEDENCE_WORK_BASE + PRECEDENCE_WORK_PER_RULE * profile.rules.length);
  const regexes = new RegexCache();
  const reported = new Set<string>();
  const report = (d: Diagnostic, key: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    out.push(d);
  };
  const opNames = new Set<string>();
  for (const r of profile.rules) for (const op of r.operations) opNames.add(op);
  for (const op of opNames) {
    const list = engine.listOf(op);
    // 1. replaced unfiltered rules
    for (const old of list.replaced) {
      const winner = list.unfiltered!;
      // the same form emitting the rule twice (a helper called twice) is not something to fix
      if (!mine(old) || spanLabel(old.span) === spanLabel(winner.span)) continue;
      report({
        severity: 'warning',
        code: 'lint/replaced-unfiltered',
        message: `${ruleText(old)} is replaced by the later unfiltered rule ${ruleText(winner)} at ${spanLabel(winner.span)}: only the last unfiltered rule of '${op}' counts`,
        span: old.span,
        related: [{ message: 'the rule that replaces it', span: winner.span }],
        hint: 'delete one of them, or give the one that should apply to a subset a filter',
      }, `rep|${spanLabel(old.span)}|${op}`);
    }
    // 2. filtered rules shadowed by a later filtered rule on the same operation (list is newest first):
    // each rule is compared only with the later rules the index says may cover it, newest first
    const filtered = list.filtered;
    const laterRules = new SubsumeIndex();
    for (let i = 0; i < filtered.length; i++) {
      const r = filtered[i];
      if (mine(r) && !work.spent) {
        const js = [...laterRules.candidates(r.filter!, work.charge)].sort((a, b) => a - b);
        for (const j of js) {
          const winner = filtered[j];
          if (!work.charge(1)) break;
          if (spanLabel(winner.span) === spanLabel(r.span) || !subsumes(winner.filter, r.filter, regexes)) continue;
          const conflict = winner.action !== r.action || JSON.stringify(winner.modifiers.map((m) => [m.name, m.args])) !== JSON.stringify(r.modifiers.map((m) => [m.name, m.args]));
          report({
            severity: conflict ? 'warning' : 'note',
            code: 'lint/shadowed-rule',
            message: conflict
              ? `${ruleText(r)} never decides: the later ${ruleText(winner)}${winner.origin === 'standard-policy' ? " (Apple's standard policy)" : ` at ${spanLabel(winner.span)}`} matches every request it matches, and among filtered rules the last one wins`
              : `${ruleText(r)} is redundant: the later ${ruleText(winner)} at ${spanLabel(winner.span)} matches every request it matches`,
            span: r.span,
            related: [{ message: 'the rule that wins', span: winner.span }],
            hint: winner.origin === 'standard-policy'
              ? "Apple appends this rule to every profile, after the profile's own rules; delete the rule"
              : conflict
                ? `move it after ${spanLabel(winner.span)} if it should win (later filtered rules take precedence)`
                : 'delete the redundant rule',
          }, `sh|${spanLabel(r.span)}|${op}`);
          break;
        }
      }
      laterRules.insert(r.filter!, i);
    }
  }
  // 3. a later rule on a wider operation that an earlier rule on a more specific operation beats: earlier
  // rules indexed by operation; a rule on `wideOp` looks only in the indexes of operations below it
  const rules = profile.rules.filter((r) => r.filter !== null);
  const byOp = new Map<string, SubsumeIndex>();
  const chainOf = memo((op: string) => new Set(vocab.fallbackChain(op).map((o) => o.name)));
  const below = memo((op: string) => vocab.descendants(op).map((d) => d.name).filter((n) => n !== op));
  for (let k = 0; k < rules.length; k++) {
    const wide = rules[k];
    if (mine(wide) && !work.spent) {
      for (const wideOp of wide.operations) {
        const ids = new Set<number>();
        for (const op of below(wideOp)) {
          const index = byOp.get(op);
          if (index) for (const id of index.candidates(wide.filter!, work.charge)) ids.add(id);
        }
        for (const n of [...ids].sort((a, b) => a - b)) {
          const narrow = rules[n];
          if (narrow.action === wide.action) continue;
          for (const narrowOp of narrow.operations) {
            // a rule that already names the narrower operation (what the hint asks for) is in that list too
            if (narrowOp === wideOp || wide.operations.includes(narrowOp)) continue;
            if (!chainOf(narrowOp).has(wideOp)) continue;
            if (!work.charge(1) || !subsumes(narrow.filter, wide.filter, regexes)) continue;
            report({
              severity: 'warning',
              code: 'lint/child-op-wins',
              message: `for ${narrowOp} requests the later ${ruleText(wide)} never applies: the earlier ${ruleText(narrow)} at ${spanLabel(narrow.span)} is on the more specific operation '${narrowOp}', whose rules are consulted before '${wideOp}' rules whatever their order`,
              span: wide.span,
              related: [{ message: `the ${narrowOp} rule that wins`, span: narrow.span }],
              hint: `name '${narrowOp}' in this rule too (e.g. (${wide.action} ${narrowOp} ${wideOp} ...)), as nolabs-ai/nono#697 and greywall#20 did`,
            }, `co|${spanLabel(wide.span)}|${narrowOp}`);
          }
        }
      }
    }
    for (const op of new Set(wide.operations)) {
      let index = byOp.get(op);
      if (!index) byOp.set(op, (index = new SubsumeIndex()));
      index.insert(wide.filter!, k);
    }
  }
  if (work.spent) {
    out.push({
      severity: 'note',
      code: 'lint/precedence-incomplete',
      message: `rule precedence was checked only in part: comparisons between rules reached the budget of ${work.budget.toLocaleString('en-US')}, so some shadowed rules may be unreported`,
      span: profile.rules.find(mine)?.span,
      hint: 'this happens when very many rules share filter values (or use require-not), making every pair a candidate; lint the parts of the profile separately',
    });
  }
  // 4. filtered rules on a wide operation that no concrete request reaches (the same for every rule on op)
  const cutOff = memo((op: string): Rule[] | null => {
    if (!vocab.operation(op) || !op.endsWith('*')) return null;
    const parents = new Set(vocab.operations.map((o) => o.parent));
    const leaves = vocab.descendants(op).filter((d) => d.name !== op && !parents.has(d.name));
    if (leaves.length === 0) return null;
    const cutters = new Map<string, Rule | 'fixed'>();
    for (const leaf of leaves) {
      let cut: Rule | 'fixed' | null = null;
      for (const o of vocab.fallbackChain(leaf.name)) {
        if (o.name === op) break;
        const l = engine.listOf(o.name);
        if (l.unfiltered) {
          cut = l.unfiltered;
          break;
        }
        if (l.fixed) {
          cut = 'fixed';
          break;
        }
      }
      if (cut === null) return null;
      if (cut !== 'fixed') cutters.set(cut.operations.join(' '), cut);
    }
    return cutters.size === 0 ? null : [...cutters.values()].filter((c): c is Rule => c !== 'fixed');
  });
  for (const r of profile.rules) {
    if (!mine(r) || r.filter === null) continue;
    for (const op of r.operations) {
      const named = cutOff(op);
      if (!named) continue;
      report({
        severity: 'warning',
        code: 'lint/cut-off-rule',
        message: `no request ever reaches this '${op}' rule: every operation below '${op}' stops first at an unfiltered rule (${named.map((c) => `${ruleText(c)} at ${spanLabel(c.span)}`).join('; ')})`,
        span: r.span,
        related: named.map((c) => ({ message: 'unfiltered rule that stops the fallback', span: c.span })),
        hint: `an unfiltered rule is its operation's own default and is consulted before the parent's rules; put this filter on the specific operation(s) instead`,
      }, `cut|${spanLabel(r.span)}|${op}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// (deny default) profiles that cannot start a process (docs/semantics.md §6.1, seeds 001/003, PLATDIFF, DEEPCODE)

interface StartupNeed {
  what: string;
  requests: Array<{ operation: string; path: string }>;
  /** All requests must be allowed (else: any one). */
  all?: boolean;
  why: string;
}

const STARTUP_NEEDS: StartupNeed[] = [
  {
    what: 'exec the program',
    requests: [{ operation: 'process-exec*', path: '/bin/sh' }, { operation: 'process-exec*', path: '/usr/bin/env' }, { operation: 'process-exec*', path: '/bin/ls' }],
    why: "sandbox-exec applies the profile, then execs the command: without process-exec it fails with \"execvp() of '...' failed: Operation not permitted\" (exit 71)",
  },
  {
    what: "read the root directory '/' (dyld lists it)",
    requests: [{ operation: 'file-read-data', path: '/' }],
    all: true,
    why: 'dyld aborts the program before main (SIGABRT; exit 134 from a shell)',
  },
  {
    what: 'read the dyld shared cache',
    requests: [
      { operation: 'file-read-data', path: '/System/Volumes/Preboot/Cryptexes/OS/System/Library/dyld/dyld_shared_cache_arm64e' },
      { operation: 'file-read-data', path: '/System/Library/dyld/dyld_shared_cache_arm64e' },
    ],
    why: 'system libraries live only in the shared cache since macOS 11; dyld aborts without it',
  },
  {
    what: 'read system libraries and frameworks',
    requests: [{ operation: 'file-read-data', path: '/usr/lib/dyld' }, { operation: 'file-read-data', path: '/System/Library/Frameworks/Foundation.framework/Foundation' }],
    why: 'dyld and libSystem initialisation read them',
  },
];

function lintStartup(profile: Profile, vocab: Vocab, engine: DecisionEngine, out: Diagnostic[], options: LintOptions): void {
  const denyDefault = [...profile.rules].reverse().find((r) => r.origin === 'profile' && r.filter === null && r.operations.includes('default'));
  if (denyDefault && denyDefault.importChain.length > 0 && !options.includeImports) return;
  if (!denyDefault || denyDefault.action !== 'deny') return;
  if (!vocab.operation('process-exec*') || !vocab.operation('file-read-data')) return;
  const missing: StartupNeed[] = [];
  for (const need of STARTUP_NEEDS) {
    const ok = need.requests.map((q) => engine.decide({ operation: q.operation, facts: { path: q.path } }).decision === 'allow');
    if (need.all ? !ok.every(Boolean) : !ok.some(Boolean)) missing.push(need);
  }
  if (missing.length === 0) return;
  // daemons that sandbox themselves never exec under their profile: a missing exec rule alone is a note
  const onlyExec = missing.length === 1 && missing[0] === STARTUP_NEEDS[0];
  out.push({
    severity: onlyExec ? 'note' : 'warning',
    code: 'lint/cannot-start',
    message: `a program started under this (deny default) profile (sandbox-exec, or spawned by a sandboxed process) cannot run: no rule lets it ${missing.map((m) => m.what).join(', nor ')}. (Processes that apply the profile to themselves with sandbox_init after starting are not affected.)`,
    span: denyDefault.span,
    related: missing.map((m) => ({ message: `${m.what}: ${m.why}` })),
    hint: 'add e.g. (allow process-exec (literal "/path/to/program")), (allow file-read-data (literal "/")), (allow file-read* (subpath "/System") (subpath "/usr/lib") (subpath "/System/Volumes/Preboot/Cryptexes/OS")) — or (import "system.sb") on macOS',
  });
}
