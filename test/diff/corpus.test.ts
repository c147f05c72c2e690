// sbpl diff on real profiles, read in place from ../shared/corpus (skipped visibly without it):
//  * every accepted corpus profile against a copy of itself: equivalent;
//  * agent-tool profile pairs (two Codex base policies, Gemini CLI variants, agent-safehouse agent modules, a
//    Codex policy against itself with one rule turned round): every witness is answered as reported by
//    `sbpl query --requests` on each profile file, and `sbpl diff` exits 1 with the same differences.
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfile } from '../../src/sbpl/index.js';
import type { Profile } from '../../src/sbpl/profile.js';
import { diffProfiles, type DiffResult } from '../../src/diff/index.js';
import { corpusCases, HAVE_CORPUS, warnIfNoCorpus, type CorpusCase } from '../corpus/harness.js';
import { runCli } from '../cli/run-cli.js';

const cases = corpusCases();
const byFile = new Map(cases.map((c) => [c.file, c]));
const dir = HAVE_CORPUS ? mkdtempSync(join(tmpdir(), 'sbpl-diff-corpus-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function load(c: CorpusCase, text = c.text): Profile {
  const r = readProfile(text, c.options);
  if (!r.ok) throw new Error(`${c.file} did not compile`);
  return r.profile;
}

/** CLI options that read a corpus file the way the harness does: its parameter values, preludes, imports, vocabulary. */
function cliArgs(c: CorpusCase, profile: Profile, tag: string): string[] {
  const args = ['--os', c.options.os ?? 'sonoma-14.4.1'];
  if (c.options.fragment) args.push('--fragment');
  for (const d of c.options.importPath ?? []) args.push('-I', d);
  (c.options.preludes ?? []).forEach((p, i) => {
    // the harness may rewrite a prelude (agent-safehouse's template line): pass the text it used
    const file = join(dir, `${tag}-prelude-${i}.sb`);
    writeFileSync(file, p.text);
    args.push('--prelude', file);
  });
  const seen = new Set<string>();
  for (const p of profile.params) {
    if (p.value === null || seen.has(p.name)) continue;
    seen.add(p.name);
    args.push('-D', `${p.name}=${p.value}`);
  }
  return args;
}

/** Ask `sbpl query --requests` about every witness on one profile file; the decisions, in order. */
async function queryDecisions(file: string, args: string[], r: DiffResult, tag: string): Promise<string[]> {
  const requests = join(dir, `${tag}.jsonl`);
  writeFileSync(requests, r.differences.map((d) => JSON.stringify(d.request)).join('\n') + '\n');
  const out = await runCli(['query', file, '--requests', requests, '--json', ...args]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return out.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { decision: string }).decision);
}

async function checkPair(fa: string, fb: string, changed?: (text: string) => string): Promise<DiffResult> {
  const ca = byFile.get(fa)!;
  const cb = byFile.get(fb)!;
  let fileB = cb.path;
  let textB = cb.text;
  if (changed) {
    textB = changed(cb.text);
    expect(textB).not.toBe(cb.text);
    fileB = join(dir, 'changed-' + fb.replace(/\//g, '_'));
    writeFileSync(fileB, textB);
  }
  const a = load(ca);
  const b = load({ ...cb, options: { ...cb.options, fileName: fileB } }, textB);
  const r = diffProfiles(a, b);
  expect(r.unconfirmed).toEqual([]);
  expect(r.equivalent).toBe(false);
  const tag = `${fa}-${fb}`.replace(/[^a-z0-9]+/gi, '_');
  const argsA = cliArgs(ca, a, tag + '-a');
  const argsB = cliArgs(cb, b, tag + '-b');
  expect(await queryDecisions(ca.path, argsA, r, tag + '-a')).toEqual(r.differences.map((d) => d.a));
  expect(await queryDecisions(fileB, argsB, r, tag + '-b')).toEqual(r.differences.map((d) => d.b));
  if (argsA.join(' ') === argsB.join(' ')) {
    const cli = await runCli(['diff', ca.path, fileB, '--json', ...argsA]);
    expect(cli.code).toBe(1);
    const json = JSON.parse(cli.stdout) as DiffResult;
    expect(json.equivalent).toBe(false);
    expect(json.differences.map((d) => [d.operation, d.request, d.a, d.b])).toEqual(r.differences.map((d) => [d.operation, d.request, d.a, d.b]));
  }
  return r;
}

describe.skipIf(!HAVE_CORPUS)('diff on the corpus', () => {
  warnIfNoCorpus('diff corpus tests');

  it('finds every accepted profile equivalent to a copy of itself', () => {
    let n = 0;
    for (const c of cases) {
      if (c.expect !== 'ok') continue;
      const r = readProfile(c.text, c.options);
      if (!r.ok) continue;
      const d = diffProfiles(r.profile, structuredClone(r.profile));
      expect({ file: c.file, differences: d.differences }).toEqual({ file: c.file, differences: [] });
      n++;
    }
    expect(n).toBeGreaterThan(400);
  }, 120_000);

  it('two Codex base policies: witnesses confirmed by sbpl query', async () => {
    const r = await checkPair('codex/core-2025-04-29-seatbelt_base_policy.sb', 'codex/seatbelt_base_policy.sb');
    expect(r.complete).toBe(true);
    expect(new Set(r.differences.map((d) => d.operation)).size).toBeGreaterThan(10);
  }, 60_000);

  it('Gemini CLI profiles: permissive vs restrictive, open vs proxied', async () => {
    const r = await checkPair('gemini-cli/sandbox-macos-permissive-open.sb', 'gemini-cli/sandbox-macos-restrictive-open.sb');
    // the restrictive profile denies by default what the permissive one allows
    expect(r.differences.some((d) => d.a === 'allow' && d.b === 'deny')).toBe(true);
    const proxied = await checkPair('gemini-cli/sandbox-macos-strict-open.sb', 'gemini-cli/sandbox-macos-strict-proxied.sb');
    expect(proxied.differences.every((d) => d.operation.startsWith('network'))).toBe(true);
  }, 60_000);

  it('agent-safehouse agent modules (Codex vs Claude Code) on the shared base', async () => {
    await checkPair('agent-safehouse/60-agents_codex.sb', 'agent-safehouse/60-agents_claude-code.sb');
  }, 60_000);

  it('a Codex policy against itself with one rule turned round: only that rule is named', async () => {
    const file = 'codex/seatbelt_base_policy.sb';
    const turn = (t: string) => t.replace('(allow process-exec)', '(deny process-exec)');
    const r = await checkPair(file, file, turn);
    const line = turn(byFile.get(file)!.text).split('\n').findIndex((l) => l.includes('(deny process-exec)')) + 1;
    for (const d of r.differences) {
      expect(d.b).toBe('deny');
      expect(d.ruleB.location?.endsWith(`:${line}:1`)).toBe(true);
    }
    expect(r.differences.map((d) => d.operation)).toContain('process-exec*');
  }, 60_000);
});
