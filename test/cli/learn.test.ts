// `sbpl learn` end to end on recorded logs of our own (test/fixtures/learn: `log stream --style compact` text,
// ndjson, Codex's denial summary) against an agent profile: every denial closed, the widening shown,
// `--write` idempotent, unexpressible denials reported with exit 1.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';
import { readProfile } from '../../src/sbpl/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import { getVocab } from '../../src/vocab/index.js';
import { parseLogText, recordToRequest } from '../../src/runtime/log-parse.js';

const FIX = fileURLToPath(new URL('../fixtures/learn/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sbpl-learn-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PARAMS = ['-D', 'WORKDIR=/Users/dev/work'];

function copyProfile(name: string): string {
  const p = join(dir, name);
  copyFileSync(join(FIX, 'agent.sb'), p);
  return p;
}

/** Every denial of a log, decided against a profile file: the operations and targets still denied. */
function stillDenied(profile: string, log: string): string[] {
  const r = readProfile(readFileSync(profile, 'utf8'), { fileName: profile, params: { WORKDIR: '/Users/dev/work' } });
  expect(r.ok).toBe(true);
  const vocab = getVocab();
  const e = new DecisionEngine(r.profile, vocab);
  const out: string[] = [];
  for (const rec of parseLogText(readFileSync(join(FIX, log), 'utf8')).records) {
    const q = recordToRequest(rec);
    if (!q || !vocab.operation(rec.operation)) continue;
    if (e.decide(q.request).decision === 'deny') out.push(`${rec.operation} ${rec.target}`);
  }
  return [...new Set(out)];
}

interface LearnJson {
  rules: Array<{ rule: string; operations: string[]; covers: Array<{ operation: string; target: string; lines: number[]; count: number }> }>;
  alreadyAllowed: Array<{ denial: { target: string }; by: { rule?: string } }>;
  unexpressible: Array<{ denial: { operation: string }; reason: string }>;
  stillDenied: unknown[];
  diff: { equivalent: boolean; differences: Array<{ a: string; b: string; ruleB: { rule?: string } }> } | null;
  written: boolean;
}

describe('sbpl learn', () => {
  for (const log of ['git-fetch.ndjson', 'codex-summary.txt']) {
    it(`closes every denial of ${log}, and --write twice adds nothing the second time`, async () => {
      const profile = copyProfile(`${log}.sb`);
      expect(stillDenied(profile, log).length).toBeGreaterThan(0);
      const first = await runCli(['learn', join(FIX, log), '--profile', profile, '--write', ...PARAMS]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^verified: all \d+ denials are allowed with the rules added$/m);
      expect(first.stdout).toContain(`wrote ${profile}`);
      expect(stillDenied(profile, log)).toEqual([]);
      const written = readFileSync(profile, 'utf8');
      expect(written.startsWith(readFileSync(join(FIX, 'agent.sb'), 'utf8'))).toBe(true);
      const second = await runCli(['learn', join(FIX, log), '--profile', profile, '--write', '--json', ...PARAMS]);
      expect(second.code).toBe(0);
      const json = JSON.parse(second.stdout) as LearnJson;
      expect(json.rules).toEqual([]);
      expect(json.written).toBe(false);
      expect(json.diff).toBeNull();
      expect(readFileSync(profile, 'utf8')).toBe(written);
    });
  }

  it('reports the widening and what it cannot express (compact log stream text)', async () => {
    const profile = copyProfile('npm.sb');
    const r = await runCli(['learn', join(FIX, 'npm-install.compact.log'), '--profile', profile, '--json', ...PARAMS]);
    expect(r.code).toBe(1); // two reports stay open: an unknown operation and a sandbox re-init
    const json = JSON.parse(r.stdout) as LearnJson;
    const rules = json.rules.map((x) => x.rule);
    expect(rules).toContain('(allow file-read-data (literal "/Users/dev/.npmrc"))');
    expect(rules).toContain('(allow network-outbound (remote ip "*:443"))');
    expect(rules).toContain('(allow mach-lookup (global-name "com.apple.SecurityServer"))');
    // duplicates are one denial: two lines, 1 + 4 reports
    const npmrc = json.rules.find((x) => x.rule.includes('.npmrc'))!.covers[0];
    expect([npmrc.lines.length, npmrc.count]).toEqual([2, 5]);
    expect(json.alreadyAllowed.map((a) => a.denial.target)).toEqual(['/Users/dev/work/app/package.json']);
    expect(json.unexpressible.map((u) => u.denial.operation)).toEqual(['forbidden-sandbox-reinit', 'file-read-quarantine-v2']);
    expect(json.stillDenied).toEqual([]);
    // the diff names every learned rule as what opens, and nothing closes
    expect(json.diff!.equivalent).toBe(false);
    expect(json.diff!.differences.every((d) => d.a === 'deny' && d.b === 'allow')).toBe(true);
    expect(new Set(json.diff!.differences.map((d) => d.ruleB.rule))).toEqual(new Set(rules));
    expect(readFileSync(profile, 'utf8')).toBe(readFileSync(join(FIX, 'agent.sb'), 'utf8'));
  });

  it('generalises to directories with --generalize subpath', async () => {
    const profile = copyProfile('npm-sub.sb');
    const r = await runCli(['learn', join(FIX, 'npm-install.compact.log'), '--profile', profile, '--generalize', 'subpath', ...PARAMS]);
    expect(r.stdout).toContain('(allow file-write-create (subpath "/Users/dev/.npm/_cacache/tmp"))');
    expect(r.stdout).toContain('note: generalised to the directory /Users/dev/.npm/_cacache/tmp');
    expect(r.stdout).toMatch(/what the new rules allow that .* did not/);
  });

  it('refuses bad usage', async () => {
    expect((await runCli(['learn', join(FIX, 'git-fetch.ndjson')])).code).toBe(2);
    expect((await runCli(['learn', join(FIX, 'git-fetch.ndjson'), '--profile', join(FIX, 'agent.sb'), '--generalize', 'glob', ...PARAMS])).code).toBe(2);
    const none = await runCli(['learn', join(FIX, 'agent.sb'), '--profile', join(FIX, 'agent.sb'), ...PARAMS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no Sandbox denial reports found');
  });
});
