// Convention 1: `-` is standard input for every input file and standard output for every output file.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sbpl-stdio-'));
const PROFILE = '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n';

function sbpl(args: string[], input?: string | Uint8Array): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), ...args], { input, cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('- for standard input and output', () => {
  const sb = join(dir, 'p.sb');
  writeFileSync(sb, PROFILE);

  it('compile -o - writes the blob to stdout (status on stderr), no file named -', () => {
    const r = sbpl(['compile', sb, '-o', '-']);
    expect(r.status).toBe(0);
    expect(existsSync(join(ROOT, '-'))).toBe(false);
    expect(r.stderr).toContain('wrote standard output');
    const file = join(dir, 'p.sb.bin');
    expect(sbpl(['compile', sb, '-o', file]).status).toBe(0);
    expect(Buffer.compare(r.stdout, readFileSync(file))).toBe(0);
    expect(sbpl(['compile', sb, '-o', '-', '--json']).status).toBe(2);
  });

  it('decode - and decompile - read the blob from stdin; check - and query - read the profile', () => {
    const blob = sbpl(['compile', sb, '-o', '-']).stdout;
    const fromStdin = sbpl(['decode', '-'], blob);
    expect(fromStdin.status).toBe(0);
    const fromFile = sbpl(['decode', join(dir, 'p.sb.bin')]);
    expect(fromStdin.stdout.toString().replace(/^-:/, '')).toBe(fromFile.stdout.toString().slice(join(dir, 'p.sb.bin').length + 1));
    const sbplText = sbpl(['decompile', '-'], blob);
    expect(sbplText.status).toBe(0);
    expect(sbplText.stdout.toString()).toContain('(allow file-read* (subpath "/usr"))');
    expect(sbpl(['check', '-'], PROFILE).status).toBe(0);
    expect(sbpl(['query', '-', 'file-read-data', '/usr/bin/true'], PROFILE).stdout.toString()).toMatch(/^allow/i);
  });

  it('decompile -o - and log2matrix -o - write stdout', () => {
    const blob = readFileSync(join(dir, 'p.sb.bin'));
    const r = sbpl(['decompile', '-', '-o', '-'], blob);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toContain('(deny default)');
    const log = join(dir, 'deny.log');
    writeFileSync(log, 'Sandbox: cat(123) deny(1) file-read-data /etc/hosts\n');
    const m = sbpl(['log2matrix', log, '--profile', sb, '-o', '-']);
    expect(m.status).toBe(0);
    expect(JSON.parse(m.stdout.toString())).toHaveProperty('probes');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
    // run - reads the matrix from stdin (its relative profile path is relative to the working directory)
    const run = sbpl(['run', '-', '--out', join(dir, 'out'), '--backend', 'simulate', '--json'], m.stdout);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.toString()).summary.total).toBeGreaterThan(0);
  });
});

describe('--json on the reporting commands that lacked it', () => {
  it('decompile --json, matrix-check --json (valid and invalid)', async () => {
    const { runCli } = await import('./run-cli.js');
    const sb = join(dir, 'j.sb');
    writeFileSync(sb, PROFILE);
    const bin = join(dir, 'j.sb.bin');
    expect((await runCli(['compile', sb, '-o', bin])).code).toBe(0);
    const d = await runCli(['decompile', bin, '--json']);
    expect(d.code).toBe(0);
    const dj = JSON.parse(d.stdout);
    expect(dj).toMatchObject({ file: bin, format: 'sonoma14', warnings: [] });
    expect(dj.sbpl).toContain('(deny default)');
    const m = join(dir, 'm.json');
    const log = join(dir, 'j.log');
    writeFileSync(log, 'Sandbox: cat(123) deny(1) file-read-data /etc/hosts\n');
    expect((await runCli(['log2matrix', log, '--profile', sb, '-o', m])).code).toBe(0);
    const ok = await runCli(['matrix-check', m, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ file: m, ok: true, profiles: 1 });
    const badM = join(dir, 'bad-m.json');
    writeFileSync(badM, '{"version": 1}\n');
    const bad = await runCli(['matrix-check', badM, '--json']);
    expect(bad.code).toBe(1); // a bad matrix is an input error (main's exit table)
    const bj = JSON.parse(bad.stdout);
    expect(bj.ok).toBe(false);
    expect(bj.issues.length).toBeGreaterThan(0);
  });
});
