// Issue 11's performance goals, every figure in one run (docs/performance.md explains them):
//  1. decisions/s on Apple's 10.15.2 application.sb next to a tight-loop floor over the same requests;
//  2. per-decision time at 100 / 1,000 / 10,000 synthetic rules (goal: 10k ≤ 2× 100);
//  3. compile (lower + encode for Sonoma 14) / read (parse + evaluate) at 3,000 and 10,000 rules (goal ≤ 2 at 3k);
//  4. `sbpl --help` and one `sbpl query` start-up next to `node -e 0` (goals ≤ 1.5× and ≤ 2×);
//  5. regex throughput next to re2js on the corpus regexes and the state-explosion case (goal ≥ 1 each).
import type { BenchContext } from './run.js';
import { loadProfile, makeRequests } from './decide.bench.js';
import { corpusCandidates } from './corpus-profiles.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RE2JS } from 're2js';
import { readProfile } from '../dist/sbpl/index.js';
import type { FilterExpr, Profile } from '../dist/sbpl/profile.js';
import type { Request } from '../dist/decide/request.js';
import { getVocab } from '../dist/vocab/index.js';
import { DecisionEngine } from '../dist/decide/engine.js';
import { lowerProfile } from '../dist/graph/lower.js';
import { SONOMA14_COMPILER } from '../dist/format/sonoma14/descriptor.js';
import { encodeSonoma14 } from '../dist/format/sonoma14/encode.js';
import { compileRegex } from '../dist/regex/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// the bundled executable package.json names as `sbpl` (scripts/bundle-cli.mjs)
const bin = resolve(here, '..', 'dist', 'cli', 'bundle', 'sbpl.js');

function ratio(label: string, a: number, b: number, goal: string, ctx: BenchContext): void {
  ctx.report(label, (a / b).toFixed(2), `(goal ${goal})`);
}

// ------------------------------------------------------------------------------------------------------
// 1. decisions next to the floor

/** The string a request is decided on (what a one-automaton kernel walk reads). */
function datumOf(r: Request): string {
  const f = r.facts;
  return f.path ?? f.serviceName ?? f.sysctlName ?? f.iokitClass ?? f.preferenceDomain ?? f.remote?.host ?? '';
}

/**
 * The floor: per request, one Map lookup of the operation and one native RegExp test of its resolved datum, the RegExp
 * being an alternation of the profile's own literal / subpath strings (what a kernel-style single graph walk per
 * operation costs in JavaScript).
 */
function floorLoop(profile: Profile, requests: Request[], engine: DecisionEngine): () => number {
  const strings = new Set<string>();
  for (const rule of profile.rules) {
    const stack: FilterExpr[] = rule.filter ? [rule.filter] : [];
    while (stack.length) {
      const e = stack.pop()!;
      if (e.type === 'test') {
        if (e.arg.kind === 'literal' || e.arg.kind === 'subpath' || e.arg.kind === 'prefix') strings.add(e.arg.value);
      } else if (e.type === 'not') stack.push(e.item);
      else stack.push(...e.items);
    }
  }
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`^(?:${[...strings].map(esc).join('|')})(?:/|$)`);
  const ops = new Map<string, number>();
  // the kernel walks the resolved path (the engine resolves '/tmp' → '/private/tmp' too): same strings
  const data = requests.map((r) => datumOf({ ...r, facts: engine.prepare(r.facts).facts }));
  const names = requests.map((r) => r.operation);
  return () => {
    let n = 0;
    for (let i = 0; i < data.length; i++) {
      let op = ops.get(names[i]);
      if (op === undefined) ops.set(names[i], (op = ops.size));
      if (re.test(data[i])) n += op;
    }
    return n;
  };
}

function decisions(ctx: BenchContext): void {
  const { profile, label } = loadProfile(ctx.corpusDir);
  const engine = new DecisionEngine(profile, getVocab('any'));
  const requests = makeRequests(100_000, profile);
  const fast = ctx.time(() => {
    for (let i = 0; i < requests.length; i++) engine.decide(requests[i]);
  }, 2000);
  const floor = floorLoop(profile, requests, engine);
  const fl = ctx.time(() => void floor(), 2000);
  // a second figure, not the goal: the same batch with the verdict memo off, so every request is decided in full
  // (what a stream of data never seen before costs)
  const full = new DecisionEngine(profile, getVocab('any'), { memo: false });
  const cold = ctx.time(() => {
    for (let i = 0; i < requests.length; i++) full.decide(requests[i]);
  }, 2000);
  // third and fourth, labelled apart: the same mix with every path made unique (a counter component), memo on and off: what a
  // never-repeating workload sees. Each timed pass decides a batch built for it (strings never used before, so
  // no table holds them and V8 has not internalised them); the median of 6 passes after one warm-up pass
  const u = distinctRate(new DecisionEngine(profile, getVocab('any')), requests);
  const uOff = distinctRate(new DecisionEngine(profile, getVocab('any'), { memo: false }), requests);
  // and, labelled apart, the same with every path given already resolved (`pathIsResolved`, the engine's own
  // resolution done before timing, as the floor has it): the decision after the VFS lookup
  const resolved = requests.map((r) => (r.facts.path === undefined ? r : { operation: r.operation, facts: { ...r.facts, path: engine.prepare(r.facts).facts.path, pathIsResolved: true } }));
  const uRes = distinctRate(new DecisionEngine(profile, getVocab('any'), { memo: false }), resolved);
  const floorDistinct = floorLoop(profile, distinctRequests(requests, 7), full);
  const fld = ctx.time(() => void floorDistinct(), 2000);
  const d = (fast.iterations * requests.length) / fast.seconds;
  const f = (fl.iterations * requests.length) / fl.seconds;
  const c = (cold.iterations * requests.length) / cold.seconds;
  const fu = (fld.iterations * requests.length) / fld.seconds;
  console.log(`  [1] ${label}, ${profile.rules.length} rules, 100k mixed requests`);
  ctx.report('decisions/s (engine.decide)', d, 'decisions/s');
  ctx.report('floor: one Map lookup + one RegExp.test per request', f, 'requests/s');
  ratio('decide / floor', d, f, '≥ 0.5', ctx);
  ctx.report('(not the goal) decisions/s, verdict memo off', c, 'decisions/s');
  ctx.report('(not the goal) memo off / floor', (c / f).toFixed(2));
  ctx.report('(distinct paths) decisions/s, memo on', u, 'decisions/s');
  ctx.report('(distinct paths) floor over the same requests', fu, 'requests/s');
  ctx.report('(distinct paths) decide / floor', (u / fu).toFixed(2));
  ctx.report('(distinct paths) decisions/s, memo off', uOff, 'decisions/s');
  ctx.report('(distinct paths) memo off / floor', (uOff / fu).toFixed(2));
  ctx.report('(distinct paths, given resolved) decisions/s, memo off', uRes, 'decisions/s');
  ctx.report('(distinct paths, given resolved) memo off / floor', (uRes / fu).toFixed(2));
}

/** Decisions/s over batches of never-seen paths: one batch built per pass, the median of 6 passes after a warm-up one. */
function distinctRate(engine: DecisionEngine, requests: Request[]): number {
  const passes: number[] = [];
  for (let pass = 0; pass < 7; pass++) {
    const batch = distinctRequests(requests, pass);
    const t0 = performance.now();
    for (let i = 0; i < batch.length; i++) engine.decide(batch[i]);
    if (pass > 0) passes.push((batch.length * 1000) / (performance.now() - t0));
  }
  return median(passes);
}

/**
 * The same requests with every path unique to this batch: a counter component appended (subpath rules still hold
 * them), as a flat string like one read from JSON. The other requests (services, sysctls …) repeat as before.
 */
function distinctRequests(requests: Request[], batch: number): Request[] {
  // through JSON: flat strings, as a request read from input has (a concatenation is a rope until flattened)
  const paths = JSON.parse(JSON.stringify(requests.map((r, i) => (r.facts.path === undefined ? null : `${r.facts.path}/u${batch}.${i}`)))) as Array<string | null>;
  return requests.map((r, i) => (paths[i] === null ? r : { operation: r.operation, facts: { ...r.facts, path: paths[i]! } }));
}

// ------------------------------------------------------------------------------------------------------
// 2. per-decision time by rule count; 3. compile / read

/** n rules of the kinds real profiles use, spread over many directories and services. */
export function scaledProfileText(n: number): string {
  const forms = ['(version 1)', '(deny default)'];
  for (let i = 0; forms.length < n + 2; i++) {
    const d = `/Library/D${i % 97}/S${i}`;
    switch (i % 8) {
      case 0: forms.push(`(allow file-read* (subpath "${d}"))`); break;
      case 1: forms.push(`(allow file-read-data (literal "${d}/f.plist"))`); break;
      case 2: forms.push(`(allow mach-lookup (global-name "com.example.service${i}"))`); break;
      case 3: forms.push(`(deny file-write* (subpath "${d}/locked"))`); break;
      case 4: forms.push(`(allow file-read* file-write* (regex #"^/Users/[^/]+/Library/App${i}/"))`); break;
      case 5: forms.push(`(allow sysctl-read (sysctl-name "kern.k${i}"))`); break;
      case 6: forms.push(`(allow file-write-data (require-all (subpath "${d}") (vnode-type REGULAR-FILE)))`); break;
      case 7: forms.push(`(allow file-read-metadata (prefix "${d}/cache"))`); break;
    }
  }
  return forms.join('\n');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median times of `runs` single calls of each function (after `warmUp` rounds), in ms: wall clock, and the
 * process's CPU time (user + system, garbage-collector threads included). The functions take turns, so a
 * stretch of the shared machine's load or a major collection lands on both sides alike (all runs of one side
 * and then all of the other let a load change decide the ratio). The ratio is taken on CPU time: on a loaded
 * machine wall time also counts the waits for a core (2-3x run to run), CPU time the work done. No collection
 * is forced between runs: a full GC shrinks the young generation, and the next run pays for growing it again.
 * Warm-up matters as much: after two rounds a 3,000-rule compile still ran partly unoptimised code (twice its
 * time after ten), while a 10,000-rule one, three times the iterations per call, did not.
 */
function medianMsInTurn(fns: Array<() => void>, runs: number, warmUp = 10): Array<{ wall: number; cpu: number }> {
  for (let i = 0; i < warmUp; i++) for (const fn of fns) fn();
  const wall = fns.map((): number[] => []);
  const cpu = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    });
  }
  return fns.map((_, k) => ({ wall: median(wall[k]), cpu: median(cpu[k]) }));
}

function scaledRequests(n: number, count: number): Request[] {
  let x = 987654321;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0);
  const out: Request[] = [];
  for (let k = 0; k < count; k++) {
    const i = next() % n;
    const d = `/Library/D${i % 97}/S${i}`;
    switch (next() % 6) {
      case 0: out.push({ operation: 'file-read-data', facts: { path: `${d}/x/y.txt`, pathIsResolved: true } }); break;
      case 1: out.push({ operation: 'file-write-data', facts: { path: `/Users/u/Library/App${i}/z`, pathIsResolved: true } }); break;
      case 2: out.push({ operation: 'mach-lookup', facts: { serviceName: `com.example.service${i}` } }); break;
      case 3: out.push({ operation: 'sysctl-read', facts: { sysctlName: `kern.k${i}` } }); break;
      case 4: out.push({ operation: 'file-read-metadata', facts: { path: `${d}/cache/q`, pathIsResolved: true } }); break;
      case 5: out.push({ operation: 'file-write-create', facts: { path: `/private/tmp/none${i}`, pathIsResolved: true } }); break;
    }
  }
  return out;
}

function scaling(ctx: BenchContext): void {
  const vocab = getVocab('sonoma-14.4.1');
  console.log('  [2] per-decision time by rule count (synthetic profiles, 20k requests each)');
  const perDecision = new Map<number, number>();
  const sizes = [100, 1000, 10_000];
  const runs = sizes.map((n) => {
    const profile = readProfile(scaledProfileText(n), { fileName: `scaled-${n}.sb` }).profile;
    return { engine: new DecisionEngine(profile, vocab), reqs: scaledRequests(n, 20_000), ns: [] as number[] };
  });
  // three rounds over the sizes in turn, the median per size: a load spike of the shared machine lands in one
  // window of one size, not in a whole size's figure
  for (let round = 0; round < 3; round++) {
    for (const r of runs) {
      const t = ctx.time(() => {
        for (let i = 0; i < r.reqs.length; i++) r.engine.decide(r.reqs[i]);
      }, 400);
      r.ns.push((t.seconds * 1e9) / (t.iterations * r.reqs.length));
    }
  }
  runs.forEach((r, k) => {
    const ns = [...r.ns].sort((a, b) => a - b)[1];
    perDecision.set(sizes[k], ns);
    ctx.report(`per-decision time at ${sizes[k].toLocaleString('en-US')} rules (median of 3)`, ns, 'ns');
  });
  ratio('per-decision 10,000 rules / 100 rules', perDecision.get(10_000)!, perDecision.get(100)!, '≤ 2', ctx);
  // not the goal: the index alone (verdict memo off), one window per size
  const cold = runs.map((r, k) => {
    const engine = new DecisionEngine(r.engine.profile, vocab, { memo: false });
    const t = ctx.time(() => {
      for (let i = 0; i < r.reqs.length; i++) engine.decide(r.reqs[i]);
    }, 400);
    return { n: sizes[k], ns: (t.seconds * 1e9) / (t.iterations * r.reqs.length) };
  });
  ctx.report('(not the goal) memo off: per-decision 100 / 1k / 10k rules', cold.map((c) => c.ns.toFixed(0)).join(' / '), 'ns');
  ctx.report('(not the goal) memo off: per-decision 10,000 / 100 rules', (cold[2].ns / cold[0].ns).toFixed(2));
}

function compileRead(ctx: BenchContext): void {
  const vocab = getVocab('sonoma-14.4.1');
  console.log('  [3] compile (lower + encode, Sonoma 14) next to read (parse + evaluate), median of 15 runs in turn, CPU ms (wall ms)');
  const compileAt = new Map<number, number>();
  for (const n of [3000, 10_000]) {
    const text = scaledProfileText(n);
    // each compile lowers the profile the read before it produced, as `sbpl compile` does: lowering the same
    // profile object again would find its tests' keys and labels cached from the previous run
    let p: Profile | null = null;
    const [read, compile] = medianMsInTurn(
      [() => void (p = readProfile(text, { fileName: `scaled-${n}.sb` }).profile), () => void encodeSonoma14(lowerProfile(p!, vocab, { model: SONOMA14_COMPILER }), vocab)],
      15,
    );
    compileAt.set(n, compile.cpu);
    ctx.report(`read ${n.toLocaleString('en-US')} rules`, read.cpu, `ms CPU (${read.wall.toFixed(1)} ms wall)`);
    ctx.report(`compile ${n.toLocaleString('en-US')} rules`, compile.cpu, `ms CPU (${compile.wall.toFixed(1)} ms wall)`);
    ratio(`compile / read at ${n.toLocaleString('en-US')} rules`, compile.cpu, read.cpu, n === 3000 ? '≤ 2' : 'read has a fixed part: see the next line', ctx);
  }
  // linearity of compile itself (read is not linear: the standard policy and vocabulary are a fixed part)
  ratio('compile 10,000 rules / compile 3,000 rules', compileAt.get(10_000)!, compileAt.get(3000)!, 'linear: ≈ 3.33', ctx);
}

// ------------------------------------------------------------------------------------------------------
// 4. start-up

/** Median wall times of `runs` runs of each command line, the command lines taking turns (a load change hits all alike). */
function wallMsInTurn(lines: string[][], runs: number): number[] {
  const times = lines.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    lines.forEach((args, k) => {
      const t0 = performance.now();
      try {
        execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
      } catch {
        // exit status is not what is measured
      }
      times[k].push(performance.now() - t0);
    });
  }
  return times.map(median);
}

function startup(ctx: BenchContext): void {
  if (!existsSync(bin)) {
    console.log('  [4] start-up: dist/cli/bundle/sbpl.js not built; skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sbpl-bench-'));
  const sb = join(dir, 'p.sb');
  writeFileSync(sb, '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr/lib"))\n');
  const runs = 15;
  const [node, help, query] = wallMsInTurn([['-e', '0'], [bin, '--help'], [bin, 'query', sb, 'file-read-data', '/usr/lib/libc.dylib']], runs);
  console.log(`  [4] start-up (median of ${runs} runs in turn, wall clock)`);
  ctx.report('node -e 0', node, 'ms');
  ctx.report('sbpl --help', help, 'ms');
  ctx.report('sbpl query (one request)', query, 'ms');
  ratio('sbpl --help / node -e 0', help, node, '≤ 1.5', ctx);
  ratio('sbpl query / node -e 0', query, node, '≤ 2', ctx);
}

// ------------------------------------------------------------------------------------------------------
// 5. regex next to re2js

function corpusRegexes(): string[] {
  const out = new Set<string>();
  for (const c of corpusCandidates()) {
    for (const rule of c.profile.rules) {
      const stack: FilterExpr[] = rule.filter ? [rule.filter] : [];
      while (stack.length) {
        const e = stack.pop()!;
        if (e.type === 'test') {
          if (e.arg.kind === 'regex') out.add(e.arg.source);
        } else if (e.type === 'not') stack.push(e.item);
        else stack.push(...e.items);
      }
    }
  }
  return [...out];
}

function regexes(ctx: BenchContext): void {
  console.log('  [5] regex throughput next to re2js (unanchored search, same subjects)');
  const subjects = ['/usr/lib/libSystem.B.dylib', '/Users/u/Library/Containers/com.example.App/Data/x.db', '/private/var/folders/zz/abc/T/tmp.1',
    '/System/Library/Frameworks/AppKit.framework/Versions/A/AppKit', '/Library/Preferences/com.apple.x.plist', '/dev/ttys001', '/private/tmp/a b/c.txt'];
  const cases: Array<{ label: string; patterns: string[]; subjects: string[] }> = [];
  const corpus = ctx.corpusDir ? corpusRegexes() : [];
  const accepted = corpus.filter((p) => {
    try {
      RE2JS.compile(p);
      compileRegex(p);
      return true;
    } catch {
      return false;
    }
  });
  if (accepted.length) cases.push({ label: `corpus regexes (${accepted.length}) × ${subjects.length} paths`, patterns: accepted, subjects });
  let x = 7;
  // half the subjects contain the 'c' the pattern needs, so the automaton (not a literal pre-check) answers them
  const ab = Array.from({ length: 200 }, (_, i) => Array.from({ length: 64 }, () => ((x = (x * 1103515245 + 12345) >>> 0) & 0x10000 ? 'a' : 'b')).join('') + (i % 2 ? 'c' : ''));
  cases.push({ label: 'state explosion (a|b)*a(a|b){15}c × 200 random a/b strings (100 ending in c)', patterns: ['(a|b)*a(a|b){15}c'], subjects: ab });
  for (const c of cases) {
    const ours = c.patterns.map((p) => compileRegex(p));
    const theirs = c.patterns.map((p) => RE2JS.compile(p));
    let disagree = 0;
    for (let i = 0; i < ours.length; i++) for (const s of c.subjects) if (ours[i].test(s) !== theirs[i].test(s)) disagree++;
    const a = ctx.time(() => {
      for (let i = 0; i < ours.length; i++) for (const s of c.subjects) ours[i].test(s);
    }, 1000);
    const b = ctx.time(() => {
      for (let i = 0; i < theirs.length; i++) for (const s of c.subjects) theirs[i].test(s);
    }, 1000);
    const per = c.patterns.length * c.subjects.length;
    const oursRate = (a.iterations * per) / a.seconds;
    const theirsRate = (b.iterations * per) / b.seconds;
    console.log(`    ${c.label}${disagree ? ` (${disagree} answers differ: dialect differences)` : ''}`);
    ctx.report('  sbpl-kit regex tests/s', oursRate, 'tests/s');
    ctx.report('  re2js tests/s', theirsRate, 'tests/s');
    ratio('  sbpl-kit / re2js', oursRate, theirsRate, '≥ 1', ctx);
  }
}

export default async function (ctx: BenchContext): Promise<void> {
  // GOALS_ONLY=15 runs sections 1 and 5 only
  const only = process.env.GOALS_ONLY ?? '12345';
  if (only.includes('1')) decisions(ctx);
  if (only.includes('2')) scaling(ctx);
  if (only.includes('3')) compileRead(ctx);
  if (only.includes('4')) startup(ctx);
  if (only.includes('5')) regexes(ctx);
}
