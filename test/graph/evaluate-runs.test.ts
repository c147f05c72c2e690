// The evaluator jumps down chains of tests with the engine's rule-list index instead of testing node by node.
// Against a plain node-by-node walk (written here), on generated profiles with long chains of literal, subpath,
// prefix and regex tests, it must reach the same terminal by the same path with the same uncertainty.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lowerProfile, PLAIN_MODEL } from '../../src/graph/lower.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { RequestPreparer } from '../../src/decide/prepare.js';
import { compileTest, vocabMatchEnv, type FactsMatcher } from '../../src/decide/match.js';
import type { RequestFacts } from '../../src/decide/request.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { opId, profileOf, vocab } from './helpers.js';

/** The walk as the graph defines it: every test on the way, in order. */
function referenceWalk(g: PolicyGraph, start: number, f: RequestFacts, matcher: (id: number) => FactsMatcher): { terminal: number; path: number[]; uncertain?: string } {
  const path: number[] = [];
  let id = start;
  let uncertain: string | undefined;
  for (;;) {
    path.push(id);
    const node = g.nodes[id];
    if (node.kind === 'terminal') return uncertain ? { terminal: id, path, uncertain } : { terminal: id, path };
    if (node.test.opaque) uncertain ??= `node ${id}: ${node.test.opaque.reason}`;
    else if (node.test.approximate) uncertain ??= `node ${id}: ${node.test.approximate}`;
    id = !node.test.opaque && matcher(id)(f) ? node.match : node.unmatch;
  }
}

const DIRS = ['/usr', '/usr/lib', '/usr/local', '/System/Library', '/private/tmp', '/private/var/db', '/Library/Preferences', '/dev'];
const LEAVES = ['a', 'b.plist', 'x/y', 'lib.dylib', 'c'];
const NAMES = ['com.apple.a', 'com.apple.b', 'com.apple.cfprefsd', 'org.x', 'com.apple.a.b'];
const str = JSON.stringify;
const pathTest = fc.oneof(
  fc.tuple(fc.constantFrom(...DIRS), fc.constantFrom(...LEAVES)).map(([d, l]) => `(literal ${str(`${d}/${l}`)})`),
  fc.constantFrom(...DIRS, '/').map((d) => `(subpath ${str(d)})`),
  fc.constantFrom(...DIRS).map((d) => `(prefix ${str(d + '/l')})`),
  fc.constantFrom('^/usr/lib/.*\\.dylib$', '^/private/tmp/[a-z]+$', 'plist$', '^/dev/', '/x/'),
  ).map((t) => (t.startsWith('(') ? t : `(regex #"${t}")`));
const rule = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('allow', 'deny'), fc.array(pathTest, { minLength: 1, maxLength: 3 })).map(([a, ts]) => `(${a} file-read-data ${ts.join(' ')})`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('allow', 'deny'), pathTest, pathTest).map(([a, x, y]) => `(${a} file-read-data (require-all ${x} (require-not ${y})))`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom(...NAMES), fc.constantFrom('global-name', 'global-name-prefix')).map(([a, n, k]) => `(${a} mach-lookup (${k} ${str(n)}))`) },
);
const request = fc.oneof(
  fc.tuple(fc.constantFrom(...DIRS, '/', '/etc'), fc.constantFrom('', ...LEAVES.map((l) => '/' + l), '/l', '/lx/q')).map(([d, l]) => ({ operation: 'file-read-data', facts: { path: (d + l).replace('//', '/'), pathIsResolved: true } })),
  fc.constantFrom(...NAMES, 'com.apple', 'net.y').map((n) => ({ operation: 'mach-lookup', facts: { serviceName: n, serviceKind: 'global' as const } })),
  fc.constant({ operation: 'mach-lookup', facts: { serviceName: 'com.apple.a', serviceKind: 'local' as const } }),
);

function compare(g: PolicyGraph, reqs: Array<{ operation: string; facts: RequestFacts }>): void {
  const ev = new GraphEvaluator(g, vocab);
  const prep = new RequestPreparer();
  const env = vocabMatchEnv(vocab);
  const matchers = new Map<number, FactsMatcher>();
  const matcher = (id: number): FactsMatcher => {
    let m = matchers.get(id);
    if (!m) {
      const node = g.nodes[id];
      if (node.kind !== 'test') throw new Error('not a test');
      const parts = node.test.alternatives.map((t) => compileTest(t, env));
      m = (f) => parts.some((p) => p(f));
      matchers.set(id, m);
    }
    return m;
  };
  for (const req of reqs) {
    const f = prep.prepare(req.facts).facts;
    const want = referenceWalk(g, g.entries[opId(req.operation)], f, matcher);
    const got = ev.decide(req);
    const ctx = JSON.stringify(req);
    expect(got.terminal, ctx).toBe(want.terminal);
    expect(got.path, ctx).toEqual(want.path);
    expect(got.uncertain, ctx).toBe(want.uncertain);
  }
}

describe('graph evaluator on long chains', () => {
  it('takes the same path as a node-by-node walk', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 10, maxLength: 60 }), fc.array(request, { minLength: 5, maxLength: 40 }), (rules, reqs) => {
        const g = lowerProfile(profileOf(`(version 1)\n(deny default)\n${rules.join('\n')}`, false), vocab, { model: PLAIN_MODEL });
        compare(g, reqs);
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 200) },
    );
  });

  it('takes a chain longer than one run as consecutive runs', () => {
    // 700 rules on one operation: a chain of several hundred tests
    const rules: string[] = [];
    for (let i = 0; i < 700; i++) {
      const d = `/d${i % 40}/e${i}`;
      rules.push(i % 3 === 0 ? `(allow file-read-data (literal "${d}"))` : i % 3 === 1 ? `(deny file-read-data (subpath "${d}"))` : `(allow file-read-data (regex #"^${d}/r"))`);
    }
    const g = lowerProfile(profileOf(`(version 1)\n(deny default)\n${rules.join('\n')}`, false), vocab, { model: PLAIN_MODEL });
    const paths = ['/nowhere', '/d0/e0', '/d5/e5', '/d1/e1/x', '/d2/e2/r9', '/d39/e699/r', '/d10/e650', '/d11/e651/q', '/d20/e300'];
    const reqs = paths.map((path) => ({ operation: 'file-read-data', facts: { path, pathIsResolved: true } }));
    compare(g, reqs);
    expect(new GraphEvaluator(g, vocab).decide(reqs[0]).path.length).toBeGreaterThan(600);
  });

  it('walks opaque and approximate tests one by one and reports them', () => {
    const rules = DIRS.flatMap((d) => [`(allow file-read-data (literal "${d}/a"))`, `(deny file-read-data (subpath "${d}/x"))`, `(allow file-read-data (regex #"^${d}/r"))`]).join('\n');
    const g = lowerProfile(profileOf(`(version 1)\n(deny default)\n${rules}`, false), vocab, { model: PLAIN_MODEL });
    const entry = g.entries[opId('file-read-data')];
    // make the 11th test of the chain opaque and the 14th approximate: indexed runs before, between and after
    let id = entry;
    const chain: number[] = [];
    while (g.nodes[id].kind === 'test') {
      chain.push(id);
      id = (g.nodes[id] as { unmatch: number }).unmatch;
    }
    expect(chain.length).toBeGreaterThan(20);
    const nodes = g.nodes.map((n, i) => {
      if (n.kind !== 'test') return n;
      if (i === chain[10]) return { ...n, test: { ...n.test, alternatives: [], opaque: { reason: 'unknown filter', rawFilter: 0xee, rawArgument: 0 } } };
      if (i === chain[13]) return { ...n, test: { ...n.test, approximate: 'a negative test was dropped' } };
      return n;
    });
    const g2: PolicyGraph = { ...g, nodes };
    const paths = ['/nowhere', ...DIRS.flatMap((d) => [`${d}/a`, `${d}/x/1`, `${d}/r2`, `${d}/q`])];
    const reqs = paths.map((path) => ({ operation: 'file-read-data', facts: { path, pathIsResolved: true } }));
    compare(g2, reqs);
    expect(new GraphEvaluator(g2, vocab).decide(reqs[0]).uncertain).toMatch(/unknown filter/);
  });
});
