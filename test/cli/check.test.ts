// `sbpl check`: compiler-style output, --json model, exit codes 0 / 1 / 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sbpl-check-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('sbpl check', () => {
  it('accepts a good profile: exit 0 and a summary', async () => {
    const p = file('good.sb', '(version 1)\n(deny default)\n(allow file-read* (subpath (param "ROOT")))\n');
    const r = await runCli(['check', p, '-D', 'ROOT=/private/tmp/w']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/good\.sb: ok \(sonoma-14\.4\.1\): 2 rules, \+4 from the standard policy/);
  });

  it('prints file:line:col: error with the source line and a caret, exit 1', async () => {
    const p = file('bad.sb', '(version 1)\n(allow file-read* (subpath (param "ROOT")))\n');
    const r = await runCli(['check', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${p}:2:19: error: subpath: argument 1 must be a string, got #f [sbpl/filter-argument]`);
    expect(r.stderr).toContain('(allow file-read* (subpath (param "ROOT")))');
    expect(r.stderr).toMatch(/\n\s+\^~+/);
    expect(r.stdout).toMatch(/rejected: 1 error/);
  });

  it('--json prints the profile model', async () => {
    const p = file('model.sb', '(version 1)\n(deny default)\n(allow mach-lookup (global-name "com.apple.x") (with report))\n');
    const r = await runCli(['check', p, '--json', '--no-standard-policy']);
    expect(r.code).toBe(0);
    const [j, ...more] = JSON.parse(r.stdout);
    expect(more).toEqual([]);
    expect(j).toMatchObject({ file: p, ok: true, os: 'sonoma-14.4.1', version: 1 });
    expect(j.rules).toHaveLength(2);
    expect(j.rules[1]).toMatchObject({ action: 'allow', operations: ['mach-lookup'], modifiers: [{ name: 'report' }], span: { line: 3, column: 1 } });
  });

  it('--json of a profile with many rules streams valid JSON; the rule limit is located and raisable (issue 15)', async () => {
    const p = file('many.sb', '(version 1)\n(define (f n) (if (> n 0) (begin (allow file-read* (literal "/x")) (f (- n 1)))))\n(f 30000)\n');
    const r = await runCli(['check', p, '--json', '--no-lint', '--no-standard-policy']);
    expect(r.code).toBe(0);
    const [j] = JSON.parse(r.stdout);
    expect(j.rules).toHaveLength(30000);
    expect(r.stdout).toBe(JSON.stringify([j], null, 2) + '\n');
    const capped = await runCli(['check', p, '--json', '--no-lint', '--limit', 'maxRules=1000']);
    expect(capped.code).toBe(1);
    const [c] = JSON.parse(capped.stdout);
    expect(c.rules).toHaveLength(1000);
    expect(c.diagnostics[0]).toMatchObject({ code: 'limit/rules', span: { line: 2, column: 34 } });
    expect(c.diagnostics[0].hint).toContain('--limit maxRules=N');
  });

  it('--json has one shape for one file or many: an array with an object per file', async () => {
    const a = file('one.sb', '(version 1)\n(allow default)\n');
    const b = file('two.sb', '(version 1)\n(deny default)\n');
    const one = JSON.parse((await runCli(['check', a, '--json'])).stdout);
    const two = JSON.parse((await runCli(['check', a, b, '--json'])).stdout);
    expect(Array.isArray(one) && Array.isArray(two)).toBe(true);
    expect(one.map((x: { file: string }) => x.file)).toEqual([a]);
    expect(two.map((x: { file: string }) => x.file)).toEqual([a, b]);
    expect(Object.keys(one[0]).sort()).toEqual(Object.keys(two[1]).sort());
  });

  it('lint control: --disable, --enable, --werror and the inline comment', async () => {
    const p = file('lint.sb', '(version 1)\n(allow default)\n(deny file-write* (subpath "/tmp/a"))\n; sbpl-lint-disable-next-form path-never-seen\n(deny file-write* (subpath "/tmp/b"))\n');
    const plain = await runCli(['check', p]);
    expect(plain.code).toBe(0);
    expect(plain.stderr.match(/\[lint\/path-never-seen\]/g)).toHaveLength(1);
    expect(plain.stderr).toContain(`${p}:3:`);
    expect((await runCli(['check', p, '--werror'])).code).toBe(1);
    const off = await runCli(['check', p, '--werror', '--disable', 'path-never-seen']);
    expect(off.code).toBe(0);
    expect(off.stderr).toBe('');
    expect((await runCli(['check', p, '--werror', '--disable', 'all', '--enable', 'lint/path-never-seen'])).code).toBe(1);
  });

  it('--limit rejects unknown names and bad numbers as usage errors', async () => {
    const p = file('lim.sb', '(version 1)\n');
    for (const bad of ['maxStep=10', 'maxSteps=ten', 'maxSteps=0', 'maxSteps']) {
      const r = await runCli(['check', p, '--limit', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sbpl: --limit/);
    }
  });

  it('--os selects the vocabulary; unknown names are warnings under --os any', async () => {
    const p = file('old.sb', '(version 1)\n(allow process-codesigning-status*)\n');
    expect((await runCli(['check', p])).code).toBe(1);
    expect((await runCli(['check', p, '--os', 'catalina-10.15'])).code).toBe(0);
  });

  it('--werror turns warnings into failure', async () => {
    const p = file('warn.sb', '(version 1)\n(debug deny)\n(allow default)\n');
    const ok = await runCli(['check', p]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/warning: .*debug/);
    expect((await runCli(['check', p, '--werror'])).code).toBe(1);
  });

  it('bad usage exits 2 with one line, never a stack trace', async () => {
    for (const args of [['check', join(dir, 'missing.sb')], ['check', '--os', 'windows-11', join(dir, 'good.sb')], ['check', 'x.sb', '-D', 'NOEQUALS'], ['check', '--bogus'], ['nosuchcommand']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
