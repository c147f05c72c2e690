// Robustness of `sbpl run`: missing profiles, failing probes, a killed run, an interrupted run, resume.
// No finished probe is ever lost: each is journaled and the results file is rewritten atomically.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/runtime/run.js';
import { RESULTS_FILE, type ResultsDocument } from '../../src/runtime/results.js';
import { JOURNAL_FILE, readJournal } from '../../src/runtime/journal.js';
import { EnginePredictor } from '../../src/runtime/predictor.js';
import { buildHelper, findCompiler } from '../../src/runtime/native/build.js';
import { ROOT, tempDir } from './helpers.js';

const dir = tempDir();
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return p;
};

const probes = {
  'read-hosts': { target: { path: '/private/etc/hosts' }, exercise: 'read' },
  'write-hosts': { target: { path: '/private/etc/hosts' }, exercise: 'write' },
};

describe('missing and broken inputs', () => {
  it('a missing profile file makes its probes profile-unavailable; the other profiles still run', async () => {
    const m = write('missing.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'missing',
      probes,
      profiles: [
        { key: 'gone', source: { file: 'does-not-exist.sb' }, expect: { 'read-hosts': 'allow' } },
        { key: 'here', source: { inline: '(version 1)\n(deny default)\n(allow file-read*)\n' }, expect: { 'read-hosts': 'allow', 'write-hosts': 'deny' } },
        { key: 'sys', source: { system: 'no-such-profile.sb' }, expect: { 'read-hosts': 'profile-unavailable' } },
      ],
    });
    const out = tempDir();
    const r = await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    const rows = r.document.results;
    expect(rows.map((x) => [x.key, x.actual, x.match])).toEqual([
      ['gone/read-hosts', 'profile-unavailable', false],
      ['here/read-hosts', 'allowed', true],
      ['here/write-hosts', 'denied-by-sandbox', true],
      ['sys/read-hosts', 'profile-unavailable', true],
    ]);
    expect(rows[0].reason).toBe(`profile file not found: ${join(dir, 'does-not-exist.sb')}`);
    expect(rows[3].reason).toMatch(/system profile 'no-such-profile\.sb' not found on the import path \(empty\).*pass -I DIR/);
    expect(r.warnings.some((w) => w.includes('gone') && w.includes('profile-unavailable'))).toBe(true);
    const pf = JSON.parse(readFileSync(join(out, 'run_preflight.json'), 'utf8'));
    expect(pf.profiles.find((p: { key: string }) => p.key === 'gone').unavailable).toMatch(/not found/);
    expect(r.document.summary.unavailableProfiles).toEqual(['gone', 'sys']);
  });

  it('a profile that does not compile gives compile-error rows with the diagnostic', async () => {
    const m = write('bad-sbpl.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'bad',
      probes,
      profiles: [{ key: 'b', source: { inline: '(version 1)\n(deny default)\n(allow file-read* (subpath (param "ROOT")))\n' }, expect: { 'read-hosts': 'compile-error' } }],
    });
    const r = await runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'simulate' });
    expect(r.document.results[0]).toMatchObject({ actual: 'compile-error', match: true });
    expect(r.document.results[0].reason).toMatch(/<inline b>:3:\d+: .*string.*#f/);
    // the same profile with the parameter compiles
    const m2 = write('good-param.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'good',
      probes,
      profiles: [{ key: 'b', params: { ROOT: '/private/etc' }, source: { inline: '(version 1)\n(deny default)\n(allow file-read* (subpath (param "ROOT")))\n' }, expect: { 'read-hosts': 'allow', 'write-hosts': 'deny' } }],
    });
    expect((await runMatrix({ matrixPath: m2, outDir: tempDir(), backend: 'simulate' })).document.summary.mismatched).toBe(0);
  });

  it('an engine failure on one probe is a helper-error row; the others are unaffected', async () => {
    const engine = new EnginePredictor();
    const flaky = {
      name: 'flaky',
      decide: (p: Parameters<EnginePredictor['decide']>[0], req: Parameters<EnginePredictor['decide']>[1]) => {
        if (req.operation === 'file-write-data') throw new Error('boom');
        return engine.decide(p, req);
      },
    };
    const m = write('flaky.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'f',
      probes,
      profiles: [{ key: 'p', source: { inline: '(version 1)\n(allow default)\n' }, expect: { 'read-hosts': 'allow', 'write-hosts': 'allow' } }],
    });
    const r = await runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'simulate', predictor: flaky });
    expect(r.document.results.map((x) => x.actual)).toEqual(['allowed', 'helper-error']);
    expect(r.document.results[1].reason).toBe('the decision engine failed: boom');
    expect(r.document.run.complete).toBe(true);
  });

  it('invalid matrix files never start a run', async () => {
    const m = write('invalid.json', '{"format": "sbpl-kit/runtime-matrix@1", "name": "x", "probes": {}, "profiles": []}');
    const out = tempDir();
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' })).rejects.toThrow(/\$\.profiles: at least one profile is required/);
    expect(existsSync(join(out, RESULTS_FILE))).toBe(false);
  });

  it('replay with a missing transcript file fails before writing results', async () => {
    const m = write('r.json', { format: 'sbpl-kit/runtime-matrix@1', name: 'r', probes, profiles: [{ key: 'p', source: { inline: '(version 1)' }, expect: { 'read-hosts': 'deny' } }] });
    await expect(runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'replay', replayFile: join(dir, 'nope.json') })).rejects.toThrow(/transcripts file not found: .*nope\.json/);
  });
});

describe('output files', () => {
  it('leaves no temporary files and a journal line per row', async () => {
    const out = tempDir();
    await runMatrix({ matrixPath: join(ROOT, 'examples', 'seeds-runtime-checks', 'matrix.json'), outDir: out, backend: 'simulate', only: ['bucket4:v1_read', 'sys:bsd/read-hosts', 'nonsense'] });
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const rows = readJournal(out);
    expect(rows.map((r) => r.key)).toEqual(['bucket4:v1_read/read-hosts', 'bucket4:v1_read/write-hosts', 'bucket4:v1_read/read-tmp-foo', 'sys:bsd/read-hosts']);
    const doc = JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
    expect(doc.results.map((r) => r.key)).toEqual(rows.map((r) => r.key));
  });

  it('--only reports keys that match nothing', async () => {
    const r = await runMatrix({ matrixPath: join(ROOT, 'examples', 'seeds-runtime-checks', 'matrix.json'), outDir: tempDir(), backend: 'simulate', only: ['sys:bsd', 'nonsense'] });
    expect(r.warnings).toContain('--only nonsense: no such case or profile key');
  });
});

const compiler = findCompiler();
if (!compiler) console.warn('skipping kill/interrupt tests: no C compiler to build the probe helper');

describe.skipIf(!compiler)('a killed or interrupted run keeps every finished probe', () => {
  let helperPath: string;
  let fifo: string;
  let matrix: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    helperPath = buildHelper(tempDir('sbpl-cache-')).path;
    fifo = join(dir, 'hang.fifo');
    spawnSync('mkfifo', [fifo]);
    const data = join(dir, 'ok.txt');
    writeFileSync(data, 'ok\n');
    matrix = write('kill.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'kill',
      timeoutMs: 60_000,
      probes: {
        a: { target: { path: data }, exercise: 'read' },
        b: { target: { path: data }, exercise: 'stat' },
        c: { target: { path: '/' }, exercise: 'stat' },
        hang: { target: { path: fifo }, exercise: 'read' },
        d: { target: { path: data }, exercise: 'read' },
      },
      profiles: [{ key: 'ctl', mode: 'none', source: { inline: '(version 1)\n(allow default)\n' }, expect: { a: 'allow', b: 'allow', c: 'allow', hang: 'timeout', d: 'allow' } }],
    });
  });

  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    // release helpers still blocked on the FIFO
    if (existsSync(fifo)) closeSync(openSync(fifo, 'r+'));
  });

  function startCli(out: string, extra: string[] = []): ChildProcess {
    // One process (node with tsx's loader), so a signal reaches the CLI itself, not a wrapper.
    const c = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'run', matrix, '--out', out, '--backend', 'macos', '--helper', helperPath, '--allow-non-darwin', ...extra], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(c);
    return c;
  }

  async function waitForJournal(out: string, n: number): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (readJournal(out).length >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`journal never reached ${n} rows`);
  }

  const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

  it('SIGKILL mid-run: the journal holds every finished probe, the results file catches up while a probe runs; --resume finishes', async () => {
    const out = tempDir();
    const c = startCli(out);
    await waitForJournal(out, 3); // a, b, c done; now blocked on the FIFO
    // While the FIFO probe hangs, the results file is rewritten with the rows the journal already has.
    const results = () => JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
    for (let i = 0; i < 100 && results().results.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    c.kill('SIGKILL');
    await exited(c);
    const doc = results();
    expect(doc.run.complete).toBe(false);
    expect(doc.results.map((r) => [r.key, r.actual])).toEqual([
      ['ctl/a', 'allowed'],
      ['ctl/b', 'allowed'],
      ['ctl/c', 'allowed'],
    ]);
    expect(readJournal(out).map((r) => r.key)).toEqual(['ctl/a', 'ctl/b', 'ctl/c']);
    // resume runs only what is missing (the hang now hits a short limit)
    const r = await runMatrix({ matrixPath: matrix, outDir: out, backend: 'macos', helperPath, allowNonDarwin: true, resume: true, timeoutMs: 300, predictor: null });
    expect(r.document.run.complete).toBe(true);
    expect(r.document.results.map((x) => [x.key, x.actual])).toEqual([
      ['ctl/a', 'allowed'],
      ['ctl/b', 'allowed'],
      ['ctl/c', 'allowed'],
      ['ctl/hang', 'timeout'],
      ['ctl/d', 'allowed'],
    ]);
    expect(r.document.summary.mismatched).toBe(0);
    // the transcripts of the first run are kept with the new ones (replay input for the whole matrix)
    const tr = JSON.parse(readFileSync(join(out, 'transcripts.json'), 'utf8')) as { transcripts: Array<{ key: string }> };
    expect(tr.transcripts.map((t) => t.key)).toEqual(['ctl/a', 'ctl/b', 'ctl/c', 'ctl/hang', 'ctl/d']);
  });

  it('SIGINT: the current probe finishes (at its time limit), the run stops and says so, exit 130', async () => {
    const out = tempDir();
    const c = startCli(out, ['--timeout', '1500']);
    await waitForJournal(out, 3);
    c.kill('SIGINT');
    const code = await exited(c);
    expect(code).toBe(130);
    const doc = JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
    expect(doc.run.complete).toBe(false);
    expect(doc.run.interrupted).toBe('interrupted by SIGINT');
    expect(doc.results.map((r) => r.key)).toEqual(['ctl/a', 'ctl/b', 'ctl/c', 'ctl/hang']);
    expect(doc.results[3].actual).toBe('timeout');
    const manifest = JSON.parse(readFileSync(join(out, 'run_manifest.json'), 'utf8'));
    expect(manifest.complete).toBe(false);
  });
});
