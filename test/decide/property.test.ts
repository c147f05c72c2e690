// Property: appending a filtered rule to a profile changes decisions only for requests that rule matches —
// and when it changes the answer, the new decider is that rule. Profiles are random SBPL text compiled
// by the front end; requests are random over the same small universe.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine, type EngineOptions } from '../../src/decide/engine.js';
import { createMatchEnv, exprMatches } from '../../src/decide/match.js';
import type { Request, RequestFacts } from '../../src/decide/request.js';
import type { Rule } from '../../src/sbpl/profile.js';
import { FactSlots } from '../../src/decide/verdict-memo.js';

const vocab = getVocab('sonoma-14.4.1');
const PATHS = ['/a', '/a/b', '/a/bc', '/a/b/c', '/b', '/b/x.txt', '/private/tmp/t', '/tmp/t', '/private/etc/hosts'];
const SERVICES = ['com.apple.a', 'com.apple.b', 'org.x'];
const SYSCTLS = ['kern.hostname', 'kern.osrelease', 'hw.ncpu'];

const pathFilter = fc.oneof(
  fc.constantFrom(...PATHS).map((p) => `(literal "${p}")`),
  fc.constantFrom('/a', '/a/b', '/b', '/private/tmp', '/tmp', '/').map((p) => `(subpath "${p}")`),
  fc.constantFrom('/a/b', '/b/x', '/private').map((p) => `(prefix "${p}")`),
  fc.constantFrom('\\.txt$', '^/a/', 'b', '/t$').map((r) => `(regex #"${r}")`),
  fc.constantFrom('SYMLINK', 'REGULAR-FILE').map((t) => `(vnode-type ${t})`),
);
const fileFilter: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: pathFilter },
  { weight: 1, arbitrary: fc.tuple(pathFilter, pathFilter).map(([a, b]) => `(require-all ${a} ${b})`) },
  { weight: 1, arbitrary: fc.tuple(pathFilter, pathFilter).map(([a, b]) => `(require-any ${a} ${b})`) },
  { weight: 1, arbitrary: pathFilter.map((a) => `(require-not ${a})`) },
);
const FILE_OPS = ['file*', 'file-read*', 'file-read-data', 'file-read-metadata', 'file-write*', 'file-write-data', 'file-write-create', 'default'];

const filteredRule: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('allow', 'deny'), fc.subarray(FILE_OPS, { minLength: 1, maxLength: 2 }), fileFilter).map(([a, ops, f]) => `(${a} ${ops.join(' ')} ${f})`),
  fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom('mach-lookup', 'mach*'), fc.constantFrom(...SERVICES)).map(([a, op, s]) => `(${a} ${op} (global-name "${s}"))`),
  fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom('mach-lookup'), fc.constantFrom('com.apple.')).map(([a, op, s]) => `(${a} ${op} (global-name-prefix "${s}"))`),
  fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom('network-outbound', 'network*'), fc.constantFrom('tcp "*:443"', 'ip "localhost:*"', 'udp "*:53"')).map(([a, op, s]) => `(${a} ${op} (remote ${s}))`),
  fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom('sysctl-read', 'sysctl-write', 'sysctl*'), fc.constantFrom(...SYSCTLS)).map(([a, op, s]) => `(${a} ${op} (sysctl-name "${s}"))`),
);
const unfilteredRule = fc.tuple(fc.constantFrom('allow', 'deny'), fc.constantFrom(...FILE_OPS, 'mach-lookup', 'network-outbound', 'sysctl-read', 'sysctl-write')).map(([a, op]) => `(${a} ${op})`);
const profileBody = fc.array(fc.oneof({ weight: 3, arbitrary: filteredRule }, { weight: 1, arbitrary: unfilteredRule }), { maxLength: 7 });

const request: fc.Arbitrary<Request> = fc.oneof(
  fc.tuple(fc.constantFrom('file-read-data', 'file-read-metadata', 'file-write-data', 'file-write-create', 'file-read-xattr'), fc.constantFrom(...PATHS), fc.constantFrom(undefined, 'SYMLINK', 'REGULAR-FILE'))
    .map(([operation, path, vnodeType]) => ({ operation, facts: vnodeType ? { path, vnodeType } : { path } }) as Request),
  fc.tuple(fc.constantFrom('mach-lookup', 'mach-register'), fc.constantFrom(...SERVICES)).map(([operation, serviceName]) => ({ operation, facts: { serviceName } })),
  fc.tuple(fc.constantFrom('tcp', 'udp'), fc.constantFrom('127.0.0.1', '::1', '8.8.8.8'), fc.constantFrom(53, 443)).map(([proto, host, port]) => ({
    operation: 'network-outbound',
    facts: { remote: { proto: proto as 'tcp' | 'udp', family: host.includes(':') ? ('inet6' as const) : ('inet' as const), host, port } },
  })),
  fc.tuple(fc.constantFrom('sysctl-read', 'sysctl-write'), fc.constantFrom(...SYSCTLS)).map(([operation, sysctlName]) => ({ operation, facts: { sysctlName } })),
);

function compile(text: string) {
  const r = readProfile(text, { fileName: 'p.sb' });
  if (!r.ok) throw new Error(`did not compile: ${text}\n${r.diagnostics.map((d) => d.message).join('\n')}`);
  return r.profile;
}

const sameRule = (a: Rule | null, b: Rule | null) =>
  a === b || (a !== null && b !== null && a.origin === b.origin && a.span?.line === b.span?.line && a.span?.column === b.span?.column && a.span?.file === b.span?.file);

function check(options: EngineOptions) {
  let changed = 0;
  fc.assert(
    fc.property(fc.boolean(), profileBody, filteredRule, fc.array(request, { minLength: 1, maxLength: 12 }), (withDefault, body, added, requests) => {
      const base = ['(version 1)', ...(withDefault ? ['(deny default)'] : []), ...body];
      const before = new DecisionEngine(compile(base.join('\n')), vocab, options);
      const afterProfile = compile([...base, added].join('\n'));
      const after = new DecisionEngine(afterProfile, vocab, options);
      const addedLine = base.length + 1;
      const addedRule = afterProfile.rules.find((r) => r.span?.line === addedLine && r.origin === 'profile')!;
      expect(addedRule).toBeDefined();
      const env = createMatchEnv();
      for (const req of requests) {
        const v1 = before.decide(req);
        const v2 = after.decide(req);
        if (v1.decision === v2.decision && sameRule(v1.rule, v2.rule) && v1.check === v2.check) continue;
        // the answer changed: the added rule must have decided, and must match what it decided on
        changed++;
        let facts: RequestFacts;
        let op: string;
        if (!sameRule(v2.rule, addedRule)) {
          // the only other way: the added rule let a symlink traversal check pass that used to refuse,
          // so the main check now decides — the added rule matched that traversal sub-request
          expect(v1.check, `changed decider must be the added rule for ${JSON.stringify(req)}`).toBe('symlink-traversal');
          expect(v2.check === 'main' || v2.link !== v1.link).toBe(true);
          facts = { path: v1.link!, pathIsResolved: true, vnodeType: 'SYMLINK' };
          op = 'file-read-metadata';
        } else if (v2.check === 'symlink-traversal') {
          facts = { path: v2.link!, pathIsResolved: true, vnodeType: 'SYMLINK' };
          op = 'file-read-metadata';
        } else {
          facts = after.prepare(req.facts).facts;
          op = after.canonicalOperation(req.operation);
        }
        expect(exprMatches(addedRule.filter, facts, env)).toBe(true);
        const chain = vocab.fallbackChain(op).map((o) => o.name);
        const named = addedRule.operations.map((o) => (options.sysctlWriteAlias !== false && o === 'sysctl-write' ? 'sysctl*' : o));
        expect(named.some((o) => chain.includes(o))).toBe(true);
      }
    }),
    { numRuns: 600 },
  );
  // not vacuous: the generator does produce rules that change answers
  expect(changed).toBeGreaterThan(50);
}

describe('property: appending a filtered rule only changes requests it matches', () => {
  it('default model', () => check({}));
  it('childBeforeParent off', () => check({ childBeforeParent: false }));
  it('without the symlink check and the sysctl alias', () => check({ symlinkTraversalCheck: false, sysctlWriteAlias: false }));
});

// The fast path (one index per requested operation over its whole fallback chain, engine.ts `plan`) and the
// explained path (rule by rule, list by list) must name the same decision, check and deciding rule. Lists long
// enough for the index to be used (it starts at 4 indexable entries).
describe('property: decide agrees with explain', () => {
  const longBody = fc.array(fc.oneof({ weight: 6, arbitrary: filteredRule }, { weight: 1, arbitrary: unfilteredRule }), { minLength: 4, maxLength: 30 });
  const agree = (options: EngineOptions) => {
    fc.assert(
      fc.property(fc.boolean(), longBody, fc.array(request, { minLength: 1, maxLength: 12 }), (withDefault, body, requests) => {
        const engine = new DecisionEngine(compile(['(version 1)', ...(withDefault ? ['(deny default)'] : []), ...body].join('\n')), vocab, options);
        for (const req of requests) {
          const v = engine.decide(req);
          const ex = engine.explain(req);
          expect(v.decision, JSON.stringify(req)).toBe(ex.decision);
          expect(v.check).toBe(ex.check);
          expect(v.rule?.id ?? null).toBe(ex.decidedBy.rule?.id ?? null);
          if (v.check === 'main') expect(v.operation).toBe(ex.decidedBy.operation);
        }
      }),
      { numRuns: 400 },
    );
  };
  it('default model', () => agree({}));
  it('childBeforeParent off', () => agree({ childBeforeParent: false }));
});

// The verdict memo (engine.ts decide, verdict-memo.ts) answers repeated one-string requests from a table: over
// random profiles and request streams with repeats and every fact shape (flags, vnode types, junk keys), an
// engine with the memo must give what one without it and the explained path give, request after request.
describe('property: the verdict memo changes no decision', () => {
  const SHAPES = ['none', 'resolved', 'not-resolved', 'no-follow', 'both', 'junk-string', 'junk-undefined'] as const;
  const shaped = (r: Request, shape: (typeof SHAPES)[number]): Request => {
    const f: Record<string, unknown> = { ...r.facts };
    if (shape === 'resolved' || shape === 'both') f.pathIsResolved = true;
    if (shape === 'not-resolved') f.pathIsResolved = false;
    if (shape === 'no-follow' || shape === 'both') f.noFollow = true;
    if (shape === 'junk-string') f.unknownFact = 'x';
    if (shape === 'junk-undefined') f.vnodeType ??= undefined;
    return { operation: r.operation, facts: f as RequestFacts };
  };
  const same = (options: EngineOptions) => {
    const slots = new FactSlots();
    let memoised = 0;
    fc.assert(
      // a few base requests, each asked in several shapes: the shapes of one datum meet in the memo
      fc.property(fc.boolean(), profileBody, fc.array(request, { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SHAPES)), { minLength: 10, maxLength: 30 }), (withDefault, body, pool, picks) => {
        const profile = compile(['(version 1)', ...(withDefault ? ['(deny default)'] : []), ...body].join('\n'));
        const memo = new DecisionEngine(profile, vocab, options);
        const full = new DecisionEngine(profile, vocab, { ...options, memo: false });
        for (const [p, shape] of picks) {
          const req = shaped(pool[p % pool.length], shape);
          // a fresh copy of the facts each time: the memo must not depend on object identity
          const v = memo.decide({ operation: req.operation, facts: { ...req.facts } });
          expect(v, JSON.stringify(req)).toEqual(full.decide(req));
          expect(v.decision).toBe(memo.explain(req).decision);
          if (slots.slot(req.facts) >= 0) memoised++;
        }
      }),
      { numRuns: 400 },
    );
    expect(memoised).toBeGreaterThan(1000);
  };
  it('default model', () => same({}));
  it('childBeforeParent off, no symlink check', () => same({ childBeforeParent: false, symlinkTraversalCheck: false }));
});
