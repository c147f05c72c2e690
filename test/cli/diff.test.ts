// `sbpl diff` end to end: exit codes (0 equivalent, 1 different, 2 trouble), the JSON shape, options applied
// to both sides, and witnesses `sbpl query --requests` answers as reported.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sbpl-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const A = file('a.sb', '(version 1)\n(deny default)\n(allow file-read* (subpath (param "ROOT")))\n(allow mach-lookup (global-name "com.apple.a"))\n');
const B = file('b.sb', '(version 1)\n(deny default)\n(allow file-read* (subpath (string-append (param "ROOT") "/src")))\n(allow mach-lookup (global-name-prefix "com.apple."))\n');

interface JsonDiff {
  equivalent: boolean;
  differences: Array<{ operation: string; request: Record<string, unknown>; a: string; b: string; ruleA: { rule?: string; location?: string }; ruleB: { rule?: string } }>;
  complete: boolean;
}

describe('sbpl diff', () => {
  it('exits 0 for equivalent profiles, 1 when they differ', async () => {
    const same = await runCli(['diff', A, A, '-D', 'ROOT=/Users/me/p']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('equivalent');
    const other = await runCli(['diff', A, B, '-D', 'ROOT=/Users/me/p']);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^file-read\*, file-read-data, file-read-metadata, file-read-xattr:$/m);
    expect(other.stdout).toContain('/Users/me/p: A allow, B deny');
  });

  it('prints JSON whose requests sbpl query --requests answers as reported', async () => {
    const r = await runCli(['diff', A, B, '--json', '-D', 'ROOT=/Users/me/p']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as JsonDiff;
    expect(json.equivalent).toBe(false);
    expect(json.complete).toBe(true);
    const lookup = json.differences.find((d) => d.operation === 'mach-lookup')!;
    expect(lookup).toMatchObject({ request: { operation: 'mach-lookup', serviceName: 'com.apple.' }, a: 'deny', b: 'allow' });
    expect(lookup.ruleB.rule).toBe('(allow mach-lookup (global-name-prefix "com.apple."))');
    const requests = file('witnesses.jsonl', json.differences.map((d) => JSON.stringify(d.request)).join('\n'));
    for (const [profile, side] of [[A, 'a'], [B, 'b']] as const) {
      const q = await runCli(['query', profile, '--requests', requests, '--json', '-D', 'ROOT=/Users/me/p']);
      expect(q.code).toBe(0);
      const decisions = q.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { decision: string }).decision);
      expect(decisions).toEqual(json.differences.map((d) => d[side]));
    }
  });

  it('applies -D, --operation and the model options to both sides', async () => {
    // with ROOT pointing elsewhere on both sides the file rules still differ, under the new root
    const r = JSON.parse((await runCli(['diff', A, B, '--json', '-D', 'ROOT=/opt/w', '--operation', 'file-read-data'])).stdout) as JsonDiff;
    expect(r.differences.map((d) => d.request.path)).toEqual(['/opt/w']);
    const c1 = file('c1.sb', '(version 1)\n(deny default)\n(allow file-read-data (literal "/x"))\n(deny file-read* (literal "/x"))\n');
    const c2 = file('c2.sb', '(version 1)\n(deny default)\n');
    expect((await runCli(['diff', c1, c2, '--operation', 'file-read-data'])).code).toBe(1);
    expect((await runCli(['diff', c1, c2, '--operation', 'file-read-data', '--no-child-before-parent'])).code).toBe(0);
  });

  it('exits 2 for bad usage and for a profile that does not load', async () => {
    expect((await runCli(['diff', A])).code).toBe(2);
    expect((await runCli(['diff', A, join(dir, 'missing.sb')])).code).toBe(2);
    const bad = file('bad.sb', '(version 1)\n(allow file-read* (subpath 42))\n');
    const r = await runCli(['diff', A, bad, '-D', 'ROOT=/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.sb:2:\d+: error/);
    expect(r.stderr).toContain('nothing was compared');
    const op = await runCli(['diff', A, A, '--operation', 'no-such-op', '-D', 'ROOT=/x']);
    expect(op.code).toBe(2);
    expect(op.stderr).toContain("unknown operation 'no-such-op'");
  });

  it('says in --help which filters are compared symbolically and which are sampled', async () => {
    const r = await runCli(['diff', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/symbolic:/);
    expect(r.stdout).toMatch(/sampled or not compared:/);
    expect(r.stdout).toMatch(/Exit status: 0 equivalent, 1 the profiles differ, 2/);
  });
});
