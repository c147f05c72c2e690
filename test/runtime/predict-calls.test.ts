// Predictions decide a probe as the system call it makes (src/decide/calls.ts, docs/probes.md): every check in
// order, the first refused one named in the row's reason, the seeds' matrix still predicted as observed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCall } from '../../src/decide/calls.js';
import { EXERCISES, EXERCISE_OPERATION } from '../../src/runtime/matrix.js';
import { EXERCISE_CALL } from '../../src/runtime/predict.js';
import { runMatrix } from '../../src/runtime/run.js';
import { SEEDS_MATRIX, tempDir } from './helpers.js';

const dir = tempDir();
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value, null, 2));
  return p;
};

describe('exercises are calls of the probe table', () => {
  it.each(EXERCISES.filter((e) => e !== 'none'))('%s makes the check the matrix reports', (e) => {
    const call = findCall(EXERCISE_CALL[e as Exclude<typeof e, 'none'>]);
    expect(call, e).toBeDefined();
    const ops = call!.checks({ facts: { path: '/x', serviceName: 's', sysctlName: 'n' } }).map((c) => c.operation);
    expect(ops, e).toContain(EXERCISE_OPERATION[e as Exclude<typeof e, 'none'>]);
  });
});

describe('simulate predictions with several checks per call', () => {
  const probes = {
    create: { target: { path: '/private/tmp/sbpl-new' }, exercise: 'create' },
    write: { target: { path: '/private/tmp/sbpl-old' }, exercise: 'write' },
    exec: { target: { path: '/bin/ls' }, exercise: 'exec' },
    bind: { target: { local: { proto: 'tcp', host: '127.0.0.1', port: 8080 } }, exercise: 'bind' },
  };

  it('names the failing check: file-write-create for a create, the dyld read for an exec, network-bind after the ignored setsockopt', async () => {
    const m = write('calls.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'calls',
      probes,
      profiles: [
        {
          key: 'write-data-only',
          source: { inline: '(version 1)\n(deny default)\n(allow file-read*)\n(allow file-write-data (subpath "/private/tmp"))\n(allow process-exec*)\n' },
          expect: { create: 'deny', write: 'allow', exec: 'allow' },
        },
        { key: 'exec-only', source: { inline: '(version 1)\n(deny default)\n(allow process-exec*)\n' }, expect: { exec: 'launch-crashed' } },
        { key: 'no-bind', source: { inline: '(version 1)\n(allow default)\n(deny network-bind)\n(deny socket-option-set)\n' }, expect: { bind: 'deny' } },
      ],
    });
    const rows = (await runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'simulate' })).document.results;
    const row = (k: string) => rows.find((r) => r.key === k)!;
    expect(rows.filter((r) => !r.match).map((r) => `${r.key}: ${r.actual} ${r.reason}`)).toEqual([]);
    expect(row('write-data-only/create').reason).toBe('the engine predicts deny for file-write-create');
    expect(row('write-data-only/exec').reason).toBe('the engine predicts allow for process-exec* (all 3 checks of exec)');
    expect(row('write-data-only/exec').explanation).toMatch(/^\[1\/3 process-exec\* \/bin\/ls\] allow: .*; \[2\/3 file-read-data \/\] allow: .*; \[3\/3 file-read-data \/System\/Volumes\/Preboot/);
    expect(row('exec-only/exec').reason).toBe('exec is allowed but dyld would be refused at check 2 of 3 (dyld reads the root directory before main): file-read-data /, so the program aborts before main (SIGABRT)');
    expect(row('no-bind/bind').reason).toBe('the engine predicts deny for network-bind at check 2 of 2 (bind(2) to the local endpoint): network-bind tcp:127.0.0.1:8080');
    expect(row('no-bind/bind').explanation).toMatch(/^\[1\/2 socket-option-set\] deny: .*; \[2\/2 network-bind tcp:127\.0\.0\.1:8080\] deny:/);
  });

  it('under the sandbox-exec runner the probe program is exec-checked first, then the probe call', async () => {
    const m = write('se.json', {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'se',
      probes: { read: { target: { path: '/private/etc/hosts' }, exercise: 'read' } },
      profiles: [
        { key: 'no-exec', source: { inline: '(version 1)\n(deny default)\n(allow file-read*)\n' }, expect: { read: 'launch-denied' } },
        { key: 'exec-no-read', source: { inline: '(version 1)\n(deny default)\n(allow process-exec*)\n' }, expect: { read: 'launch-crashed' } },
        { key: 'ok', source: { inline: '(version 1)\n(deny default)\n(allow process-exec*)\n(allow file-read*)\n' }, expect: { read: 'allow' } },
      ],
    });
    const rows = (await runMatrix({ matrixPath: m, outDir: tempDir(), backend: 'simulate', runner: 'sandbox-exec' })).document.results;
    expect(rows.map((r) => [r.key, r.actual, r.match])).toEqual([
      ['no-exec/read', 'launch-denied', true],
      ['exec-no-read/read', 'launch-crashed', true],
      ['ok/read', 'allowed', true],
    ]);
    expect(rows[1].reason).toMatch(/dyld would be refused at check 2 of 3 \(dyld reads the root directory before main\): file-read-data \//);
  });

  it("the seeds' matrix is still predicted as the seeds observed it, every row from its call's checks", async () => {
    const rows = (await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: tempDir(), backend: 'simulate' })).document.results;
    expect(rows).toHaveLength(31);
    expect(rows.filter((r) => !r.match).map((r) => r.key)).toEqual([]);
    for (const r of rows.filter((x) => x.actual === 'allowed' || x.actual === 'denied-by-sandbox')) {
      expect(r.reason, r.key).toMatch(/^the engine predicts (allow|deny) for file-(read|write)-data$/);
    }
  });
});
