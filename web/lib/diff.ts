// The playground's diff panel: which requests two profiles decide differently.
//
// The panel takes any `DiffProfiles` function. The page uses `engineDiff`: the `sbpl diff` engine
// (`diffProfiles` of `sbpl-kit/diff`, witnesses derived from the rules and each confirmed by the decision engine).
// `sampledDiff` is the older stand-in, kept as an independent check of it in the tests: it only compares the two
// profiles on requests built from their own literals, subpaths, prefixes, regex prefixes and network addresses.

import { DecideError, DecisionEngine, DiffError, diffProfiles, filterTests, witnessText, type DeciderRef, readTarget, TargetError, targetKindOf, type Profile, type Request, type Vocab } from './core.js';
import { decider, engineFor } from './query.js';

export interface DiffWitness {
  operation: string;
  /** The target as typed in the query panel (path, service, PROTO:HOST:PORT ...); empty when the operation takes none. */
  target: string;
  a: { decision: string; by: string };
  b: { decision: string; by: string };
}

export interface DiffReport {
  /** Shown above the result: which engine answered. */
  engine: string;
  /** True when no witness can be missing (a complete diff engine); false for sampling. */
  complete: boolean;
  /** How the requests were chosen, in a sentence. */
  method: string;
  /** Requests decided by both profiles (sampling), or operations compared (the diff engine). */
  checked: number;
  /** What `checked` counts. */
  unit?: 'requests' | 'operations';
  witnesses: DiffWitness[];
  /** Set when the request budget cut the sample short. */
  truncated?: boolean;
  /** A profile the engine could not use (e.g. an invalid regex), with the reason. */
  error?: string;
}

export type DiffProfiles = (a: Profile, b: Profile, vocab: Vocab) => DiffReport;

/** `by` text of one side of a difference: the deciding rule and where it is, or the fixed decision. */
function deciderBy(r: DeciderRef): string {
  const via = r.check === 'symlink-traversal' ? ` (symlink ${r.link})` : '';
  return r.kind === 'fixed' ? `fixed decision of ${r.operation}${via}` : `${r.rule} at ${r.location}${via}`;
}

/** The diff engine of `sbpl diff`, as the panel reports it. */
export const engineDiff: DiffProfiles = (a, b, vocab) => {
  const base = { engine: 'sbpl diff engine (sbpl-kit/diff)', method: 'witnesses derived from both profiles\' rules, each confirmed by the decision engine', witnesses: [] as DiffWitness[], unit: 'operations' as const };
  try {
    const r = diffProfiles(a, b, { vocab });
    const witnesses = r.differences.map((d) => ({
      operation: d.operation,
      target: witnessText(d.request) + (d.variant ? ` [${d.variant}]` : ''),
      a: { decision: d.a, by: deciderBy(d.ruleA) },
      b: { decision: d.b, by: deciderBy(d.ruleB) },
    }));
    const cut = r.incomplete.length ? `; not complete for ${r.incomplete.map((x) => `${x.operation} (${x.reason})`).join(', ')}` : '';
    return { ...base, method: base.method + cut, complete: r.complete, checked: r.operations, witnesses };
  } catch (e) {
    if (e instanceof DiffError || e instanceof DecideError) return { ...base, complete: false, checked: 0, error: e.message };
    throw e;
  }
};

export const SAMPLE_BUDGET = 20_000;
const CHILD = 'sbpl-sample';

/** A regex as literal characters and pattern tokens (a `\\.` escape is the literal '.'); enough to find fixed ends. */
function regexTokens(source: string): Array<{ literal: boolean; text: string }> {
  const out: Array<{ literal: boolean; text: string }> = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const next = source[++i];
      out.push(/[A-Za-z0-9]/.test(next) ? { literal: false, text: c + next } : { literal: true, text: next });
    } else out.push({ literal: !'.[]()*+?{}|^$'.includes(c), text: c });
  }
  return out;
}

const QUANTIFIER = /^[*+?{]$/;

/** The literal text every match starts with (after ^), escapes undone; '' when the regex starts with a pattern. */
export function regexLiteralPrefix(source: string): string {
  const t = regexTokens(source);
  let i = t[0]?.text === '^' && !t[0].literal ? 1 : 0;
  let out = '';
  for (; i < t.length && t[i].literal; i++) {
    // a quantifier makes the character before it optional: it is not part of every match
    if (t[i + 1] && !t[i + 1].literal && QUANTIFIER.test(t[i + 1].text)) break;
    out += t[i].text;
  }
  return out;
}

/** The literal text every match ends with, for a regex anchored at the end ($); '' otherwise. */
export function regexLiteralSuffix(source: string): string {
  const t = regexTokens(source);
  const last = t[t.length - 1];
  if (!last || last.literal || last.text !== '$') return '';
  let out = '';
  for (let i = t.length - 2; i >= 0 && t[i].literal; i--) out = t[i].text + out;
  return out;
}

/**
 * Target strings a rule's tests suggest: each string argument and a name below it, a regex's fixed start, a
 * name ending as an end-anchored regex does under each folder the rules name, each network address.
 */
export function sampleTargets(profiles: readonly Profile[]): string[] {
  const out = new Set<string>(['/']);
  const folders = new Set<string>(['']);
  const endings = new Set<string>();
  for (const p of profiles) {
    for (const rule of p.rules) {
      if (rule.origin !== 'profile') continue;
      for (const t of filterTests(rule.filter)) {
        const a = t.arg;
        if (a.kind === 'literal') out.add(a.value);
        else if (a.kind === 'subpath') {
          [a.value, `${a.value.replace(/\/$/, '')}/${CHILD}`].forEach((s) => out.add(s));
          folders.add(a.value.replace(/\/$/, ''));
        } else if (a.kind === 'prefix') [a.value, a.value + CHILD].forEach((s) => out.add(s));
        else if (a.kind === 'regex') {
          const pre = regexLiteralPrefix(a.source);
          if (pre) [pre, pre + CHILD].forEach((s) => out.add(s));
          const end = regexLiteralSuffix(a.source);
          if (end) endings.add(end);
        } else if (a.kind === 'network') {
          const proto = a.proto.startsWith('udp') ? 'udp' : a.proto.startsWith('unix') ? undefined : 'tcp';
          const host = a.host === 'localhost' ? '127.0.0.1' : '1.2.3.4';
          if (proto) out.add(`${proto}:${host}:${a.port === '*' ? 443 : a.port}`);
        }
      }
    }
  }
  for (const end of endings) for (const dir of folders) out.add(`${dir}/${CHILD}${end}`);
  return [...out];
}

/** Operations the profiles' own rules name, and every operation that falls back to one of them. */
export function sampleOperations(profiles: readonly Profile[], vocab: Vocab): string[] {
  const ops = new Set<string>();
  for (const p of profiles) {
    for (const rule of p.rules) {
      if (rule.origin !== 'profile') continue;
      for (const name of rule.operations) {
        ops.add(name);
        for (const d of vocab.descendants(name)) ops.add(d.name);
      }
    }
  }
  return [...ops].filter((o) => vocab.operation(o)).sort();
}

/** Requests for `operations` × `targets`, keeping only the targets each operation can take. */
export function sampleRequests(operations: readonly string[], targets: readonly string[], vocab: Vocab): Array<{ request: Request; target: string }> {
  const out: Array<{ request: Request; target: string }> = [];
  for (const operation of operations) {
    const kind = targetKindOf(vocab, operation);
    if (kind === 'none') {
      out.push({ request: { operation, facts: {} }, target: '' });
      continue;
    }
    const candidates = kind === 'process' ? ['self', 'others'] : targets.filter((t) => (kind === 'path') === t.startsWith('/'));
    for (const target of candidates) {
      try {
        out.push({ request: { operation, facts: readTarget(vocab, operation, target).facts }, target });
      } catch (e) {
        if (!(e instanceof TargetError)) throw e;
      }
    }
  }
  return out;
}

/** Decision differences over requests built from both profiles' literals (see the file comment: not complete). */
export const sampledDiff: DiffProfiles = (a, b, vocab) => {
  const base = {
    engine: 'sampled comparison (stand-in until the sbpl diff engine lands)',
    complete: false,
    method: "requests built from both profiles' literals, subpaths, prefixes, the fixed starts and ends of their regexes and their network addresses, for every operation their rules name and the operations below them; a difference elsewhere is not looked for",
  };
  const ea = engineFor(a, vocab);
  const eb = engineFor(b, vocab);
  if (typeof ea === 'string' || typeof eb === 'string') return { ...base, checked: 0, witnesses: [], error: typeof ea === 'string' ? `A: ${ea}` : `B: ${eb}` };
  const all = sampleRequests(sampleOperations([a, b], vocab), sampleTargets([a, b]), vocab);
  const requests = all.slice(0, SAMPLE_BUDGET);
  const witnesses: DiffWitness[] = [];
  let checked = 0;
  for (const { request, target } of requests) {
    const va = decideOrNull(ea, request);
    const vb = decideOrNull(eb, request);
    if (!va || !vb) continue;
    checked++;
    if (va.decision !== vb.decision) {
      witnesses.push({ operation: request.operation, target, a: { decision: va.decision, by: decider(va) }, b: { decision: vb.decision, by: decider(vb) } });
    }
  }
  return { ...base, checked, witnesses, truncated: all.length > requests.length };
};

function decideOrNull(engine: DecisionEngine, r: Request) {
  try {
    return engine.decide(r);
  } catch (e) {
    if (e instanceof DecideError) return null;
    throw e;
  }
}
