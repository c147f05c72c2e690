// Filters are DAGs: a defined filter used in several places is one object, never copied. Reading, checking,
// deciding and explaining a filter that would be 2^40 tests written out take time in its size; the stages that
// copy (compile, diff) refuse at the rule with the maxFilterTests limit, and the JSON model names shared parts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecisionEngine } from '../../src/decide/engine.js';
import { compileExpr, createMatchEnv, exprMatches, traceExpr } from '../../src/decide/match.js';
import { subsumes } from '../../src/decide/subsume.js';
import type { RequestFacts } from '../../src/decide/request.js';
import { lowerProfile } from '../../src/graph/lower.js';
import { diffProfiles } from '../../src/diff/index.js';
import { diagnosticOf } from '../../src/diagnostics/diagnostic.js';
import { filterCopies, filterTests, type FilterExpr, type FilterTest } from '../../src/sbpl/profile.js';
import { filterToSbpl } from '../../src/sbpl/print.js';
import { rulesWithSharedFilters } from '../../src/sbpl/shared-filters.js';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { runCli } from '../cli/run-cli.js';

const vocab = getVocab('sonoma-14.4.1');
const V = '(version 1)\n';
/** Level k uses level k-1 twice: 2^40 tests written out, 40 objects. */
const DOUBLING = `${V}(define (dbl f n) (if (= n 0) f (dbl (require-any (require-all f (require-not (literal "/no"))) (require-all f (literal "/never"))) (- n 1))))
(deny default)
(allow file-read* (dbl (require-any (subpath "/usr") (literal "/opt/hosts")) 40))
`;

/** Disjunctions of disjunctions: the decision index flattens require-any, each object once. */
const ANY_DOUBLING = `${V}(define (dbl f n) (if (= n 0) f (dbl (require-any f f) (- n 1))))
(deny default)
(allow file-read* (dbl (require-any (subpath "/usr") (literal "/opt/x") (vnode-type DIRECTORY)) 40))
`;

describe('shared filters: read and decided in the size of the DAG', () => {
  it('a require-any of 2^40 copies is indexed once per object: decided, linted, checked', async () => {
    const r = readProfile(ANY_DOUBLING, { fileName: 'a.sb', standardPolicy: false });
    expect(r.ok).toBe(true);
    const engine = new DecisionEngine(r.profile, vocab);
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/usr/lib/x' } }).decision).toBe('allow');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/opt/x' } }).decision).toBe('allow');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/opt/y', vnodeType: 'DIRECTORY' } }).decision).toBe('allow');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/opt/y' } }).decision).toBe('deny');
    expect(engine.explain({ operation: 'file-read-data', facts: { path: '/opt/y' } }).decision).toBe('deny');
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-shared-'));
    writeFileSync(join(dir, 'a.sb'), ANY_DOUBLING);
    expect((await runCli(['check', join(dir, 'a.sb'), '--no-standard-policy'])).code).toBe(0);
  });

  it('a filter of 2^40 tests written out reads, checks and decides', () => {
    const r = readProfile(DOUBLING, { fileName: 'd.sb', standardPolicy: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rule = r.profile.rules.find((x) => x.action === 'allow')!;
    expect(filterCopies(rule.filter)).toBeGreaterThan(2 ** 40);
    // each object once: the tests of the innermost level and one literal per level
    expect([...filterTests(rule.filter)].length).toBeLessThan(200);
    const engine = new DecisionEngine(r.profile, vocab);
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/usr/lib/x' } }).decision).toBe('allow');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/opt/hosts' } }).decision).toBe('allow');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/no' } }).decision).toBe('deny');
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/home/x' } }).decision).toBe('deny');
  });

  it('explains with a trace as large as the filter: parts reached again are shared leaves', () => {
    const r = readProfile(DOUBLING, { fileName: 'd.sb', standardPolicy: false });
    const ex = new DecisionEngine(r.profile, vocab).explain({ operation: 'file-read-data', facts: { path: '/usr/bin/env' } });
    expect(ex.decision).toBe('allow');
    const text = JSON.stringify(ex);
    expect(text.length).toBeLessThan(200_000);
    expect(text).toContain('"type":"shared"');
  });

  it('check (with lint) and check --json finish; the JSON model lists shared parts once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-shared-'));
    const p = join(dir, 'd.sb');
    writeFileSync(p, DOUBLING);
    const c = await runCli(['check', p, '--no-standard-policy']);
    expect(c.code).toBe(0);
    const j = await runCli(['check', p, '--json', '--no-standard-policy']);
    expect(j.code).toBe(0);
    const model = JSON.parse(j.stdout)[0];
    expect(model.sharedFilters.length).toBeGreaterThanOrEqual(40);
    expect(j.stdout).toContain('"type": "shared"');
    // below the bound the model is the plain tree, as before
    const q = join(dir, 's.sb');
    writeFileSync(q, `${V}(define a (require-any (subpath "/a") (subpath "/b")))\n(allow file-read* (require-all a (require-not (literal "/a/x"))))\n(allow file-write* a)\n`);
    const small = await runCli(['check', q, '--json', '--no-standard-policy']);
    expect(small.code).toBe(0);
    const plain = JSON.parse(small.stdout)[0];
    expect(plain.sharedFilters).toBeUndefined();
    expect(plain.rules[1].filter).toMatchObject({ type: 'any', items: [{ arg: { value: '/a' } }, { arg: { value: '/b' } }] });
  });

  it('compile copies shared parts: refused at the rule, naming maxFilterTests', async () => {
    const r = readProfile(DOUBLING, { fileName: 'd.sb', standardPolicy: false });
    expect(() => lowerProfile(r.profile, vocab)).toThrow(/tests once its shared \(defined\) parts are copied, over 5,000,000 \(limit maxFilterTests\)/);
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-shared-'));
    const p = join(dir, 'd.sb');
    writeFileSync(p, DOUBLING);
    const c = await runCli(['compile', p, '-o', join(dir, 'd.bin'), '--no-standard-policy']);
    expect(c.code).not.toBe(0);
    expect(c.stderr).toMatch(/d\.sb:4:1: .*limit maxFilterTests/);
    expect(c.stderr).toContain('--limit maxFilterTests=N');
    expect(c.stderr).not.toMatch(/at .*\.ts:\d+/);
    // a shared filter small enough once copied compiles
    const ok = readProfile(`${V}(define a (require-any (subpath "/a") (subpath "/b")))\n(allow file-read* (require-all a (require-not (literal "/a/x"))))\n(allow file-write* a)\n`, { standardPolicy: false });
    expect(lowerProfile(ok.profile, vocab).nodes.length).toBeGreaterThan(3);
  });

  it('diff builds each use on its own: refused at the rule, naming maxFilterTests', () => {
    const r = readProfile(DOUBLING, { fileName: 'd.sb', standardPolicy: false });
    expect(() => diffProfiles(r.profile, r.profile)).toThrow(/limit maxFilterTests\): diffing copies them/);
    try {
      diffProfiles(r.profile, r.profile);
    } catch (e) {
      expect(diagnosticOf(e)).toMatchObject({ code: 'limit/filter-tests', span: { file: 'd.sb', line: 4, column: 1 } });
    }
  });

  it('--limit maxFilterTests=N sets the bound compile and diff refuse past', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-shared-'));
    const p = join(dir, 's.sb');
    // 4 tests once the define is copied into both places
    writeFileSync(p, `${V}(define a (require-any (subpath "/a") (subpath "/b")))\n(allow file-read* (require-all a (require-not a)))\n`);
    expect((await runCli(['compile', p, '-o', join(dir, 's.bin'), '--no-standard-policy'])).code).toBe(0);
    expect((await runCli(['diff', p, p, '--no-standard-policy'])).code).toBe(0);
    for (const args of [['compile', p, '-o', join(dir, 't.bin')], ['diff', p, p]]) {
      const r = await runCli([...args, '--no-standard-policy', '--limit', 'maxFilterTests=3']);
      expect(r.code, args[0]).not.toBe(0);
      expect(r.stderr, args[0]).toMatch(/s\.sb:3:1: error: the filter of this rule is 4 tests .*over 3 \(limit maxFilterTests\)/);
    }
  });

  it('a filter nested 1,000 deep (the default maxFilterDepth) is checked, decided, explained and compiled', async () => {
    const text = `${V}(define (nest f n) (if (= n 0) f (nest (require-any (require-all f (require-not (literal "/x"))) (literal "/y")) (- n 1))))\n(allow file-read* (nest (subpath "/d") 499))\n`;
    const r = readProfile(text, { fileName: 'n.sb', standardPolicy: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const engine = new DecisionEngine(r.profile, vocab);
    expect(engine.decide({ operation: 'file-read-data', facts: { path: '/d/f' } }).decision).toBe('allow');
    expect(engine.explain({ operation: 'file-read-data', facts: { path: '/x' } }).decision).toBe('deny');
    expect(lowerProfile(r.profile, vocab).nodes.length).toBeGreaterThan(500);
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-shared-'));
    writeFileSync(join(dir, 'n.sb'), text);
    expect((await runCli(['check', join(dir, 'n.sb'), '--no-standard-policy'])).code).toBe(0);
  });
});

// ------------------------------------------------------------------------------------------------
// Property: a DAG decides, traces and is subsumed exactly like its copied-out tree.

const tests: FilterTest[] = ['/a', '/a/b', '/c'].flatMap((v) => [
  { type: 'test', filter: 'path', arg: { kind: 'subpath', value: v }, spelled: 'subpath' } as FilterTest,
  { type: 'test', filter: 'path', arg: { kind: 'literal', value: v }, spelled: 'literal' } as FilterTest,
]);

/** A random DAG: each new node takes 1-3 earlier ones (so parts are reached many times). */
const dagArb = fc
  .array(fc.tuple(fc.constantFrom('any', 'all', 'not'), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 14 })
  .map((specs) => {
    const pool: FilterExpr[] = [...tests];
    for (const [k, refs] of specs) {
      const items = refs.map((r) => pool[r % pool.length]);
      pool.push(k === 'not' ? { type: 'not', item: items[0] } : { type: k as 'any' | 'all', items });
    }
    return pool[pool.length - 1];
  });

function copy(e: FilterExpr): FilterExpr {
  if (e.type === 'test') return { ...e };
  if (e.type === 'not') return { type: 'not', item: copy(e.item) };
  return { type: e.type, items: e.items.map(copy) };
}

const paths = ['/a', '/a/b', '/a/b/c', '/c', '/c/d', '/e', undefined];

describe('shared filters: a DAG is its copied-out tree', () => {
  it('compiled matcher, trace and subsumption agree with the tree', () => {
    const env = createMatchEnv();
    fc.assert(
      fc.property(dagArb, dagArb, (dag, other) => {
        const tree = copy(dag);
        expect(filterCopies(dag)).toBe(filterCopies(tree));
        expect(filterToSbpl(dag)).toBe(filterToSbpl(tree));
        const m = compileExpr(dag, env);
        for (const path of paths) {
          const f: RequestFacts = path === undefined ? {} : { path };
          const want = exprMatches(tree, f, env);
          expect(m(f)).toBe(want);
          expect(m(f)).toBe(want); // the shared cells are per evaluation, not stale
          expect(traceExpr(dag, f, env).matched).toBe(want);
        }
        expect(subsumes(dag, other)).toBe(subsumes(tree, copy(other)));
        expect(subsumes(other, dag)).toBe(subsumes(copy(other), tree));
      }),
      { numRuns: 300 },
    );
  });

  it('the JSON model with shared parts expands back to the rules', () => {
    fc.assert(
      fc.property(dagArb, (dag) => {
        const rules = [{ id: 0, action: 'allow', operations: ['file-read*'], filter: dag, modifiers: [], origin: 'profile' }] as never;
        const { rules: out, sharedFilters } = rulesWithSharedFilters(rules, 0);
        const expand = (x: unknown): unknown => {
          const o = x as { type: string; id?: number; items?: unknown[]; item?: unknown };
          if (o.type === 'shared') return expand(sharedFilters![o.id!]);
          if (o.items) return { ...o, items: o.items.map(expand) };
          if (o.item) return { ...o, item: expand(o.item) };
          return o;
        };
        expect(JSON.stringify(expand((out[0] as { filter: unknown }).filter))).toBe(JSON.stringify(dag));
      }),
      { numRuns: 200 },
    );
  });
});
