// Every file input is a regular file (or stdin) within a size limit, checked before reading (issue 15):
// /dev/zero and a FIFO give a clear error at once, never a hang or a native out-of-memory crash.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INPUT_LIMIT_ENV, InputFileError, readInputBytes, readInputText } from '../../src/runtime/file-input.js';
import { runMatrix } from '../../src/runtime/run.js';
import { runCli } from '../cli/run-cli.js';
import { ROOT, tempDir } from './helpers.js';

const dir = tempDir();
const fifo = join(dir, 'input.fifo');
const haveFifo = spawnSync('mkfifo', [fifo]).status === 0;
if (!haveFifo) console.warn('skipping FIFO cases: mkfifo failed');
const profile = join(dir, 'p.sb');
writeFileSync(profile, '(version 1)\n(allow default)\n');
const blobDir = join(dir, 'a-directory');
mkdirSync(blobDir);

afterEach(() => {
  delete process.env[INPUT_LIMIT_ENV];
});

describe('readInputText / readInputBytes', () => {
  it('reads a regular file like readFileSync (BOM kept)', () => {
    const p = join(dir, 'bom.sb');
    writeFileSync(p, '\uFEFF(version 1)\n');
    expect(readInputText(p, { what: 'profile', kind: 'sbpl' })).toBe('\uFEFF(version 1)\n');
  });

  it.each([
    ['/dev/zero', /profile \/dev\/zero is a character device, not a regular file/],
    ['/dev/null', /profile \/dev\/null is a character device, not a regular file/],
    [blobDir, /profile is a directory: /],
    [join(dir, 'missing.sb'), /profile not found: /],
  ])('refuses %s at once', (path, message) => {
    const t0 = Date.now();
    expect(() => readInputBytes(path, { what: 'profile', kind: 'sbpl' })).toThrow(message);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it.skipIf(!haveFifo)('refuses a FIFO without waiting for a writer', () => {
    expect(() => readInputText(fifo, { what: 'matrix', kind: 'json', allowStdin: true })).toThrow(/matrix .*input\.fifo is a FIFO \(named pipe\), not a regular file; give a regular file \(or '-' for standard input\)/);
  });

  it('checks the size against the limit of its kind, and names how to raise it', () => {
    const p = join(dir, 'big.sb');
    writeFileSync(p, 'x'.repeat(2048));
    expect(() => readInputText(p, { what: 'profile', kind: 'sbpl', limit: 1024 })).toThrow(/profile .*big\.sb: 2048 bytes, over the 1 KiB limit for SBPL text .*; set SBPL_KIT_MAX_INPUT_BYTES to raise it/);
    process.env[INPUT_LIMIT_ENV] = '1K';
    expect(() => readInputText(p, { what: 'profile', kind: 'sbpl' })).toThrow(InputFileError);
    process.env[INPUT_LIMIT_ENV] = '4K';
    expect(readInputText(p, { what: 'profile', kind: 'sbpl' })).toHaveLength(2048);
    process.env[INPUT_LIMIT_ENV] = 'lots';
    expect(() => readInputText(p, { what: 'profile', kind: 'sbpl' })).toThrow(/SBPL_KIT_MAX_INPUT_BYTES=lots: expected a byte count/);
  });
});

describe('every command refuses devices and FIFOs', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['check', ['check', '/dev/zero'], /profile \/dev\/zero is a character device/],
    ['decode', ['decode', '/dev/zero'], /blob \/dev\/zero is a character device/],
    ['--prelude', ['check', profile, '--prelude', '/dev/zero'], /prelude \/dev\/zero is a character device/],
    ['--params', ['check', profile, '--params', '/dev/zero'], /parameters file \/dev\/zero is a character device/],
    ['golden', ['golden', '/dev/zero', '--check', '/dev/zero'], /results file \/dev\/zero is a character device/],
    ['matrix-check', ['matrix-check', '/dev/zero'], /matrix \/dev\/zero is a character device/],
    ['log2matrix', ['log2matrix', '/dev/zero', '--profile', profile], /log file \/dev\/zero is a character device/],
    ['query --fs', ['query', profile, 'file-read-data', '/x', '--fs', '/dev/zero'], /file-system description \/dev\/zero is a character device/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it.skipIf(!haveFifo)('a FIFO as the profile', async () => {
    const r = await runCli(['check', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a FIFO \(named pipe\), not a regular file/);
  });

  it.skipIf(!haveFifo)('an import of a FIFO or a device reads as absent (located error), without blocking', async () => {
    const p = join(dir, 'imports.sb');
    writeFileSync(p, `(version 1)\n(import "${fifo}")\n`);
    const r = await runCli(['check', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/imports\.sb:2:\d+: .*unable to open/);
  });

  it('a matrix source {"file": "/dev/zero"} makes the profile unavailable with the reason', async () => {
    const m = join(dir, 'zero-matrix.json');
    writeFileSync(m, JSON.stringify({
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'zero',
      probes: { r: { target: { path: '/etc/hosts' }, exercise: 'read' } },
      profiles: [{ key: 'z', source: { file: '/dev/zero' }, expect: { r: 'profile-unavailable' } }, { key: 'b', mode: 'blob', source: { blob: '/dev/zero' }, expect: { r: 'profile-unavailable' } }],
    }));
    const out = await runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'simulate' });
    expect(out.document.results.map((r) => [r.actual, r.reason])).toEqual([
      ['profile-unavailable', 'profile file /dev/zero is a character device, not a regular file; give a regular file'],
      ['profile-unavailable', 'profile blob /dev/zero is a character device, not a regular file; give a regular file'],
    ]);
  });

  it('a matrix that is a device is a usage error of `run`', async () => {
    const r = await runCli(['run', '/dev/zero', '-o', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matrix \/dev\/zero is a character device/);
  });

  it('standard input is read up to the same limit', () => {
    // A child process, so its standard input is a pipe we fill.
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'check', '-'], {
      cwd: ROOT,
      input: '(version 1)\n' + ';'.repeat(4096) + '\n',
      env: { ...process.env, [INPUT_LIMIT_ENV]: '1K' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/profile <stdin>: more than 1 KiB, over the 1 KiB limit for SBPL text .*; set SBPL_KIT_MAX_INPUT_BYTES to raise it/);
  });
});
