// `sbpl fmt`: standard output, --write (atomic, mode kept, untouched when formatted), --check for CI, `-` for
// standard input, located errors, exit codes 0 / 1 / 2.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sbpl-fmt-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const MESSY = '(version 1)\n(allow   file-read*\n  (subpath "/usr")   ; libraries\n  )\n';
const CLEAN = '(version 1)\n(allow file-read* (subpath "/usr")) ; libraries\n';

describe('sbpl fmt', () => {
  it('prints the formatted text; the file is left alone', async () => {
    const p = file('a.sb', MESSY);
    const r = await runCli(['fmt', p]);
    expect(r).toMatchObject({ code: 0, stdout: CLEAN, stderr: '' });
    expect(readFileSync(p, 'utf8')).toBe(MESSY);
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', async () => {
    const messy = file('b.sb', MESSY);
    const clean = file('c.sb', CLEAN);
    const r = await runCli(['fmt', '--check', messy, clean]);
    expect(r).toMatchObject({ code: 1, stdout: `${messy}\n` });
    expect((await runCli(['fmt', '--check', clean])).code).toBe(0);
  });

  it('--write rewrites in place, atomically, keeping the mode; no temporary file stays', async () => {
    const p = file('d.sb', MESSY);
    chmodSync(p, 0o640);
    const r = await runCli(['fmt', '--write', p]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(p, 'utf8')).toBe(CLEAN);
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    // a formatted file is not rewritten
    const before = statSync(p).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await runCli(['fmt', '--write', p]);
    expect(statSync(p).mtimeMs).toBe(before);
  });

  it('a file with errors: a located diagnostic, exit 1, the other files still formatted', async () => {
    const bad = file('e.sb', '(version 1)\n(allow file-read* (literal "/x")\n');
    const good = file('f.sb', MESSY);
    const r = await runCli(['fmt', '--write', bad, good]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2:1: error: unclosed '(': end of file reached before its ')' [reader/unclosed-list]`);
    expect(readFileSync(bad, 'utf8')).toBe('(version 1)\n(allow file-read* (literal "/x")\n');
    expect(readFileSync(good, 'utf8')).toBe(CLEAN);
  });

  it('--check --json: one object per file, the same shape for one or many', async () => {
    const clean = file('j1.sb', CLEAN);
    const messy = file('j2.sb', MESSY);
    const one = await runCli(['fmt', '--check', '--json', clean]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([{ file: clean, formatted: true, diagnostics: [] }]);
    const two = await runCli(['fmt', '--check', '--json', clean, messy]);
    expect(two.code).toBe(1);
    expect(JSON.parse(two.stdout).map((x: { formatted: boolean }) => x.formatted)).toEqual([true, false]);
    expect((await runCli(['fmt', '--json', clean])).code).toBe(2);
  });

  it('bad usage exits 2 with one line', async () => {
    const p = file('g.sb', CLEAN);
    for (const args of [['fmt', '--write', '--check', p], ['fmt', '--write', '-'], ['fmt', '--width', 'x', p], ['fmt', join(dir, 'missing.sb')]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^sbpl: /);
    }
  });

  it('- formats standard input to standard output', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'fmt', '-'], { input: MESSY, encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CLEAN);
  });
});
