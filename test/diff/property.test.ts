// Properties of `diffProfiles` over generated profile pairs (random profiles, and a profile against itself with
// one rule dropped or one added):
//  * sound: every reported witness, read back as a `query --requests` line, is decided as reported by fresh
//    engines of both profiles, and differently;
//  * complete: when the diff says it covered everything, every generated request the two profiles decide
//    differently falls in a reported region (same operation, same deciding rule on each side);
//  * diff(P, P) is empty.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine, type EngineOptions } from '../../src/decide/engine.js';
import { parseRequestLines } from '../../src/decide/request-json.js';
import { targetKindOf } from '../../src/decide/target.js';
import { PathResolver } from '../../src/decide/path.js';
import type { Request } from '../../src/decide/request.js';
import type { Verdict } from '../../src/decide/types.js';
import { spanLabel } from '../../src/diagnostics/diagnostic.js';
import { diffProfiles, type DeciderRef, type DiffResult } from '../../src/diff/index.js';
import type { Profile } from '../../src/sbpl/profile.js';
import { genProfileText, genRequest } from '../format/generators.js';

const vocab = getVocab('sonoma-14.4.1');
const resolver = new PathResolver();

function compile(text: string, file: string): Profile {
  const r = readProfile(text, { fileName: file });
  if (!r.ok) throw new Error(`did not compile: ${text}`);
  return r.profile;
}

/** A second profile: unrelated, or the first with one rule line dropped, or with one rule appended. */
const pair: fc.Arbitrary<[string, string]> = genProfileText().chain((a) => {
  const lines = a.trimEnd().split('\n');
  const ruleLines = lines.length - 2;
  return fc.oneof(
    genProfileText().map((b) => [a, b] as [string, string]),
    ruleLines > 0 ? fc.integer({ min: 2, max: lines.length - 1 }).map((i) => [a, lines.filter((_, j) => j !== i).join('\n') + '\n'] as [string, string]) : genProfileText().map((b) => [a, b] as [string, string]),
    genProfileText().map((b) => [a, a + b.split('\n').slice(2).join('\n')] as [string, string]),
  );
});

/** The shapes of request the kernel makes: file operations carry a path, lookups a name, network a single endpoint ... */
function realistic(r: Request, op: string): boolean {
  const f = r.facts;
  const kind = targetKindOf(vocab, op);
  // only file operations reach a path through a symlink (the link itself is checked: diff's symlink pass)
  if (kind !== 'path' && f.path !== undefined && !resolver.isCanonical(f.path)) return false;
  switch (kind) {
    case 'path':
      return f.path !== undefined;
    case 'service':
      return f.serviceName !== undefined;
    case 'network':
      return f.path === undefined && (f.remote !== undefined || f.local !== undefined || f.socketPath !== undefined);
    case 'process':
      return f.target !== undefined;
    case 'sysctl':
      return f.sysctlName !== undefined;
    default:
      return true;
  }
}

function sameDecider(ref: DeciderRef, v: Verdict): boolean {
  if (ref.kind !== v.kind || ref.operation !== v.operation) return false;
  if ((ref.check ?? 'main') !== v.check || ref.link !== v.link) return false;
  return v.rule ? ref.location === spanLabel(v.rule.span) : ref.rule === undefined;
}

function checkSound(result: DiffResult, ea: DecisionEngine, eb: DecisionEngine): void {
  const text = result.differences.map((d) => JSON.stringify(d.request)).join('\n');
  const { requests, errors } = parseRequestLines(text, vocab);
  expect(errors).toEqual([]);
  expect(requests.length).toBe(result.differences.length);
  requests.forEach(({ request }, i) => {
    const d = result.differences[i];
    const va = ea.decide(request);
    const vb = eb.decide(request);
    expect(va.decision).toBe(d.a);
    expect(vb.decision).toBe(d.b);
    expect(d.a).not.toBe(d.b);
    expect(sameDecider(d.ruleA, va) && sameDecider(d.ruleB, vb)).toBe(true);
  });
}

function run(options: EngineOptions, runs: number) {
  let differing = 0;
  let checked = 0;
  fc.assert(
    fc.property(pair, fc.array(genRequest(), { minLength: 1, maxLength: 25 }), ([ta, tb], reqs) => {
      const a = compile(ta, 'a.sb');
      const b = compile(tb, 'b.sb');
      const result = diffProfiles(a, b, { engine: options });
      const ea = new DecisionEngine(a, vocab, options);
      const eb = new DecisionEngine(b, vocab, options);
      checkSound(result, ea, eb);
      expect(result.unconfirmed).toEqual([]);
      expect(result.equivalent).toBe(result.differences.length === 0);
      for (const q of reqs) {
        const op = ea.canonicalOperation(q.operation);
        if (!realistic(q, op)) continue;
        const va = ea.decide(q);
        const vb = eb.decide(q);
        if (va.decision === vb.decision) continue;
        differing++;
        if (result.incomplete.some((i) => i.operation === op)) continue;
        checked++;
        const hit = result.differences.some((d) => d.operation === op && sameDecider(d.ruleA, va) && sameDecider(d.ruleB, vb));
        if (!hit) throw new Error(`missed: ${JSON.stringify(q)} A ${va.decision} (${va.rule?.span?.line}) B ${vb.decision} (${vb.rule?.span?.line})\nA:\n${ta}\nB:\n${tb}`);
      }
    }),
    { numRuns: runs },
  );
  // the generators must actually produce differing requests, or the completeness check proves nothing
  expect(differing).toBeGreaterThan(runs / 4);
  expect(checked).toBeGreaterThan(runs / 4);
}

describe('diff over generated profile pairs', () => {
  it('is sound and complete (default model)', () => run({}, Number(process.env.DIFF_RUNS ?? 100)), 600_000);
  it('is sound and complete with childBeforeParent off and no symlink check', () => run({ childBeforeParent: false, symlinkTraversalCheck: false }, Number(process.env.DIFF_RUNS ?? 100) >> 1), 600_000);
  it('finds nothing between a profile and itself', () => {
    fc.assert(
      fc.property(genProfileText(), (t) => {
        const r = diffProfiles(compile(t, 'a.sb'), compile(t, 'b.sb'));
        expect(r.differences).toEqual([]);
        expect(r.equivalent).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
