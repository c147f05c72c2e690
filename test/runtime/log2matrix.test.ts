// `sbpl log2matrix`: denial reports -> a draft matrix that validates and runs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftMatrix } from '../../src/runtime/log2matrix.js';
import { parseLogText } from '../../src/runtime/log-parse.js';
import { parseMatrix, validateMatrix } from '../../src/runtime/matrix.js';
import { runMatrix } from '../../src/runtime/run.js';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from './helpers.js';

const LOG = [
  'Filtering the log data using "((processID == 0) AND (senderImagePath CONTAINS "/Sandbox"))"',
  '2025-03-01 10:00:00.000000-0800  0x1  Error  0x0  0  0  kernel: (Sandbox) Sandbox: my tool (beta)(501) deny(1) file-read-data /private/etc/hosts',
  '2025-03-01 10:00:00.100000-0800  0x1  Error  0x0  0  0  kernel: (Sandbox) 2 duplicate reports for Sandbox: my tool (beta)(501) deny(1) file-read-data /private/etc/hosts',
  JSON.stringify({ eventMessage: 'Sandbox: my tool (beta)(501) deny(1) mach-lookup com.apple.sysmond', processID: 0 }),
  'kernel: (Sandbox) Sandbox: my tool (beta)(501) deny(1) network-outbound 127.0.0.1:9',
  'kernel: (Sandbox) Sandbox: my tool (beta)(501) deny(1) file-write-unlink /private/tmp/work/x',
  'kernel: (Sandbox) Sandbox: sandbox-exec(500) deny(1) forbidden-sandbox-reinit',
  'System Policy: my tool (beta)(501) deny(1) file-read-data /Users/u/Desktop/a',
  'kernel: (Sandbox) Sandbox: my tool (beta)(501) deny(1) file-read-data /private/tmp/work/data.txt',
].join('\n');

const PROFILE = '(version 1)\n(deny default)\n(allow file-read* file-write* (subpath "/tmp/work"))\n';

describe('draftMatrix', () => {
  it('makes one probe per distinct report, with exercises, and explains what it skipped', () => {
    const { records } = parseLogText(LOG);
    const d = draftMatrix(records, { profilePath: 'p.sb', profileKey: 'p', logName: 'x.log' });
    const m = validateMatrix(d.matrix);
    expect(Object.entries(m.probes).map(([id, p]) => [id, p.exercise, p.operation ?? null])).toEqual([
      ['file-read-data:/private/etc/hosts', 'read', null],
      ['mach-lookup:com.apple.sysmond', 'mach-lookup', null],
      ['network-outbound:127.0.0.1:9', 'connect', null],
      ['file-write-unlink:/private/tmp/work/x', 'none', 'file-write-unlink'],
      ['file-read-data:/private/tmp/work/data.txt', 'read', null],
    ]);
    expect(m.probes['file-read-data:/private/etc/hosts'].description).toMatch(/^seen 3× in x\.log \(line 2\) from my tool \(beta\)\(501\)/);
    expect(m.probes['file-read-data:/private/etc/hosts'].target).toEqual({ path: '/private/etc/hosts', pathIsResolved: true });
    expect(m.cases.every((c) => c.expected === 'deny')).toBe(true);
    expect(d.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^forbidden-sandbox-reinit: the process was already sandboxed/),
      expect.stringMatching(/^System Policy report/),
    ]);
  });

  it('annotates reports the engine would allow (the kernel and the profile disagree)', () => {
    const { records } = parseLogText(LOG);
    const d = draftMatrix(records, { profilePath: 'p.sb', profileKey: 'p', predict: (r) => (r.target.startsWith('/private/tmp/work') ? 'allow' : 'deny') });
    const expect_ = d.matrix.profiles![0].expect as Record<string, { note?: string }>;
    expect(expect_['file-read-data:/private/tmp/work/data.txt'].note).toMatch(/engine predicts allow/);
    expect(expect_['file-read-data:/private/etc/hosts'].note).toBeUndefined();
  });
});

describe('drafts pass matrix-check (issue 15)', () => {
  it('a report the matrix cannot take becomes a skipped line with the reason, not an invalid draft', () => {
    const log = [
      'Sandbox: a(1) deny(1) sysctl-read kern.hostname=evil',
      'Sandbox: a(1) deny(1) sysctl-read kern.ostype',
      'Sandbox: a(1) deny(1) no-such-operation-in-any-os /x',
      'Sandbox: a(1) deny(1) file-read-data /private/etc/hosts',
    ].join('\n');
    const d = draftMatrix(parseLogText(log).records, { profilePath: 'p.sb', profileKey: 'my profile (copy)' });
    const m = parseMatrix(JSON.stringify(d.matrix), 'draft.json');
    expect(Object.keys(m.probes)).toEqual(['sysctl-read:kern.ostype', 'file-read-data:/private/etc/hosts']);
    expect(m.profiles[0].key).toBe('my_profile_copy_');
    expect(d.skipped).toEqual([
      { line: 1, reason: expect.stringMatching(/not a valid probe for the matrix \(\$\.probes\["sysctl-read:kern\.hostname_evil"\]\.target\.sysctl: sysctl name .* contains '='/) },
      { line: 3, reason: expect.stringMatching(/not a valid probe for the matrix \(.*unknown operation 'no-such-operation-in-any-os'/) },
    ]);
    expect(d.matrix.provenance).toMatch(/4 report\(s\), 2 distinct probe\(s\)/);
  });

  it('random denial reports always give a draft that validates (property)', () => {
    const op = fc.constantFrom('file-read-data', 'file-write-create', 'file-read-metadata', 'process-exec*', 'mach-lookup', 'network-outbound', 'network-bind', 'sysctl-read', 'iokit-open', 'user-preference-read', 'ipc-posix-shm-read-data', 'signal', 'bogus-op', 'file-ioctl');
    const target = fc.oneof(
      fc.stringMatching(/^\/[a-zA-Z0-9 ._\/=-]{0,20}$/),
      fc.stringMatching(/^[a-z.]{1,12}(=1)?$/),
      fc.constantFrom('127.0.0.1:80', '*:53', '[::1]:8080', 'localhost:1', 'host.example:443', '', 'kern.ostype', '-w'),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.tuple(op, target).map(([o, t]) => `Sandbox: proc(42) deny(1) ${o} ${t}`.trimEnd());
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 10 }), (lines, key) => {
        const { records } = parseLogText(lines.join('\n'));
        fc.pre(records.length > 0);
        let d;
        try {
          d = draftMatrix(records, { profilePath: 'p.sb', profileKey: key });
        } catch (e) {
          expect((e as Error).message).toMatch(/no denial in the log can become a probe/);
          return;
        }
        expect(() => parseMatrix(JSON.stringify(d.matrix), 'draft.json')).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

describe('sbpl log2matrix', () => {
  it('writes a draft that `sbpl run` runs; the engine flags the /tmp-spelled profile', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tool.sb'), PROFILE);
    writeFileSync(join(dir, 'denials.log'), LOG);
    const out = join(dir, 'draft.json');
    const r = await runCli(['log2matrix', join(dir, 'denials.log'), '--profile', join(dir, 'tool.sb'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote');
    expect(r.stderr).toContain('forbidden-sandbox-reinit');
    const draft = JSON.parse(readFileSync(out, 'utf8'));
    expect(draft.profiles[0]).toMatchObject({ key: 'tool', source: { file: 'tool.sb' } });
    // The profile names /tmp/work, the kernel matched /private/tmp/work: the engine agrees with the kernel's denial.
    const run = await runMatrix({ matrixPath: out, outDir: tempDir(), backend: 'simulate' });
    expect(run.document.results.filter((x) => !x.match).map((x) => x.key)).toEqual([]);
    expect(run.document.results).toHaveLength(5);
  });

  it('carries -D, --params and -I into the draft, so it runs as given (no compile-error)', async () => {
    const dir = tempDir();
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    writeFileSync(join(lib, 'work.sb'), '(allow file-read* file-write* (subpath (param "WORK")))\n');
    writeFileSync(join(dir, 'agent.sb'), '(version 1)\n(deny default)\n(import "work.sb")\n(allow file-read* (subpath (param "HOME_DIR")))\n');
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ HOME_DIR: '/Users/u' }));
    writeFileSync(join(dir, 'denials.log'), LOG);
    const out = join(dir, 'draft.json');
    const r = await runCli(['log2matrix', join(dir, 'denials.log'), '--profile', join(dir, 'agent.sb'), '-D', 'WORK=/private/tmp/work', '--params', join(dir, 'params.json'), '-I', lib, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('did not compile');
    const draft = JSON.parse(readFileSync(out, 'utf8'));
    expect(draft.profiles[0]).toMatchObject({ params: { WORK: '/private/tmp/work', HOME_DIR: '/Users/u' }, importPath: ['lib'] });
    const run = await runMatrix({ matrixPath: out, outDir: tempDir(), backend: 'simulate' });
    expect(run.document.results.length).toBeGreaterThan(0);
    expect(run.document.results.filter((x) => x.actual === 'compile-error')).toEqual([]);
    // without them the same draft cannot compile: the test can fail
    const bare = join(dir, 'bare.json');
    expect((await runCli(['log2matrix', join(dir, 'denials.log'), '--profile', join(dir, 'agent.sb'), '-o', bare])).stderr).toContain('did not compile');
  });

  it('fails clearly on a log without reports', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.log'), 'nothing\nSandbox: not a report\n');
    writeFileSync(join(dir, 'p.sb'), PROFILE);
    const r = await runCli(['log2matrix', join(dir, 'empty.log'), '--profile', join(dir, 'p.sb')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no Sandbox reports found');
    expect(r.stderr).toContain('first at line 2');
  });
});
