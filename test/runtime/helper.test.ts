// The probe helper (src/runtime/native/sbpl_probe.c) built with this machine's C compiler, and the macos
// backend's spawn path driven with it. Off macOS the helper cannot apply profiles, so these tests use
// mode "none" (a control run) for real operations, and check that sandboxed modes are reported as helper errors.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { buildHelper, findCompiler, findHelperSource, type HelperBuild } from '../../src/runtime/native/build.js';
import { runMatrix } from '../../src/runtime/run.js';
import { spawnWithTimeout } from '../../src/runtime/spawn.js';
import { FIXTURES, tempDir } from './helpers.js';

const compiler = findCompiler();
if (!compiler) console.warn('skipping helper tests: no C compiler ($CC, cc, clang, gcc)');

describe('helper source', () => {
  it('is found next to the runtime module (and must ship in the package)', () => {
    expect(findHelperSource()).toMatch(/src\/runtime\/native\/sbpl_probe\.c$/);
  });
});

describe.skipIf(!compiler)('probe helper, built here', () => {
  let helper: HelperBuild;
  let dir: string;
  let fifo: string;
  const cache = tempDir('sbpl-cache-');

  beforeAll(() => {
    helper = buildHelper(cache);
    dir = tempDir();
    fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
  });

  afterAll(() => {
    // release any reader still blocked on the FIFO
    if (existsSync(fifo)) {
      const fd = openSync(fifo, 'r+');
      closeSync(fd);
    }
  });

  it('builds once into the cache and reuses the build', () => {
    expect(helper.cached).toBe(false);
    expect(existsSync(helper.path)).toBe(true);
    const again = buildHelper(cache);
    expect(again).toMatchObject({ path: helper.path, sha256: helper.sha256, cached: true });
  });

  it('prints exactly one JSON line, with usage errors on stderr (exit 64)', () => {
    const ok = spawnSync(helper.path, ['--mode', 'none', '--exercise', 'stat', '--path', '/'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(ok.stdout)).toMatchObject({ tool: 'sbpl-probe', protocol: 1, stage: 'done', op: { rc: 0 } });
    const bad = spawnSync(helper.path, ['--exercise'], { encoding: 'utf8' });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/missing value after --exercise/);
  });

  it('spawnWithTimeout kills a hung probe and its process group', async () => {
    const r = await spawnWithTimeout([helper.path, '--mode', 'none', '--exercise', 'read', '--path', fifo], 300);
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
  });

  it('runs a matrix through the macos backend on this host (control probes, timeouts, apply unavailable)', async () => {
    const existing = join(dir, 'data.txt');
    writeFileSync(existing, 'hello\n');
    const matrix = join(dir, 'm.json');
    writeFileSync(
      matrix,
      JSON.stringify({
        format: 'sbpl-kit/runtime-matrix@1',
        name: 'host-controls',
        setup: [{ path: join(dir, 'made', 'by-setup.txt'), kind: 'file', content: 'x' }],
        probes: {
          read: { target: { path: existing }, exercise: 'read' },
          'read-missing': { target: { path: join(dir, 'nope') }, exercise: 'read' },
          create: { target: { path: join(dir, 'new.txt') }, exercise: 'create' },
          'read-setup': { target: { path: join(dir, 'made', 'by-setup.txt') }, exercise: 'read' },
          hang: { target: { path: fifo }, exercise: 'read', timeoutMs: 400 },
          exec: { target: { path: '/bin/sh' }, args: ['-c', 'exit 0'], exercise: 'exec' },
          'exec-abort': { target: { path: '/bin/sh' }, args: ['-c', 'kill -ABRT $$'], exercise: 'exec' },
          refused: { target: { remote: { proto: 'tcp', host: '127.0.0.1', port: 1 } }, exercise: 'connect' },
        },
        profiles: [
          {
            key: 'control',
            mode: 'none',
            source: { inline: '(version 1)\n(allow default)\n' },
            expect: { read: 'allow', 'read-missing': 'inconclusive', create: 'allow', 'read-setup': 'allow', hang: 'timeout', exec: 'allow', 'exec-abort': 'launch-crashed', refused: 'allow' },
          },
          { key: 'sandboxed', source: { inline: '(version 1)\n(allow default)\n' }, expect: { read: 'helper-error' } },
        ],
      }),
    );
    const out = tempDir();
    const r = await runMatrix({ matrixPath: matrix, outDir: out, backend: 'macos', helperPath: helper.path, allowNonDarwin: process.platform !== 'darwin', predictor: null });
    const rows = r.document.results;
    expect(rows.map((x) => [x.key, x.actual])).toEqual([
      ['control/read', 'allowed'],
      ['control/read-missing', 'inconclusive'],
      ['control/create', 'allowed'],
      ['control/read-setup', 'allowed'],
      ['control/hang', 'timeout'],
      ['control/exec', 'allowed'],
      ['control/exec-abort', 'launch-crashed'],
      ['control/refused', 'allowed'],
      ['sandboxed/read', process.platform === 'darwin' ? 'allowed' : 'helper-error'],
    ]);
    expect(rows[0].observedPath).toBe(existing);
    expect(rows[0].runner).toBe('helper');
    expect(rows[4].reason).toMatch(/no result within the time limit/);
    expect(existsSync(join(dir, 'new.txt'))).toBe(false); // create cleans up after itself
    if (process.platform !== 'darwin') expect(rows[8].reason).toMatch(/only available on macOS/);
    // the spawn transcripts are recorded and replay to the same outcomes
    expect(existsSync(join(out, 'transcripts.json'))).toBe(true);
    const again = await runMatrix({ matrixPath: matrix, outDir: tempDir(), backend: 'replay', replayFile: join(out, 'transcripts.json'), predictor: null });
    expect(again.document.results.map((x) => x.actual)).toEqual(rows.map((x) => x.actual));
  });

  it('refuses setup outside the temporary directories unless allowed', async () => {
    const matrix = join(dir, 'setup.json');
    writeFileSync(
      matrix,
      JSON.stringify({
        format: 'sbpl-kit/runtime-matrix@1',
        name: 's',
        setup: [{ path: '/opt/sbpl-kit-should-not-exist/x', kind: 'file' }],
        probes: { s: { target: { path: '/' }, exercise: 'stat' } },
        profiles: [{ key: 'c', mode: 'none', source: { inline: '(version 1)' }, expect: { s: 'allow' } }],
      }),
    );
    const out = tempDir();
    await runMatrix({ matrixPath: matrix, outDir: out, backend: 'macos', helperPath: helper.path, allowNonDarwin: true, predictor: null });
    expect(existsSync('/opt/sbpl-kit-should-not-exist')).toBe(false);
    const pf = JSON.parse(readFileSync(join(out, 'run_preflight.json'), 'utf8'));
    expect(pf.problems.some((p: string) => p.includes('refused to create /opt/sbpl-kit-should-not-exist/x'))).toBe(true);
  });
});

describe('macos backend elsewhere', () => {
  it.skipIf(process.platform === 'darwin')('refuses to run off macOS without --allow-non-darwin', async () => {
    await expect(
      runMatrix({ matrixPath: join(FIXTURES, 'outcomes.matrix.json'), outDir: tempDir(), backend: 'macos', predictor: null }),
    ).rejects.toThrow(/enforces profiles with the macOS kernel; this is linux/);
  });
});
