// `sbpl run`, `sbpl matrix-check`, `sbpl matrix-schema`: output and exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { FIXTURES, SEEDS_MATRIX, SEEDS_TRANSCRIPTS, tempDir } from './helpers.js';

describe('sbpl run', () => {
  it('runs the seeds matrix with the simulate backend: a table, the three files, exit 0', async () => {
    const out = tempDir();
    const r = await runCli(['run', SEEDS_MATRIX, '--backend', 'simulate', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^KEY\s+EXPECTED\s+PREDICTED\s+MATCH/);
    expect(r.stdout).toContain('31 probes: 31 match, 0 differ');
    expect(r.stdout).toContain('shims change the answer for bucket5:v11_read_subpath+tmp-alias: read-tmp-foo (tmp-alias)');
    expect(r.stderr).toMatch(/warning: profile sys:bsd: STAND-IN/);
    for (const f of ['runtime_results.json', 'run_manifest.json', 'run_preflight.json']) expect(r.stdout).toContain(join(out, f));
  });

  it('--compare predicted on a recorded run lists where the recording and the engine disagree (exit 1)', async () => {
    const r = await runCli(['run', join(FIXTURES, 'outcomes.matrix.json'), '-b', 'replay', '--replay', join(FIXTURES, 'outcomes.transcripts.json'), '--compare', 'predicted', '-o', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ENGINE\s+AGREES/);
    expect(r.stdout).toContain('engine disagrees: se:nested/read-hosts: recorded apply-failed, engine allowed');
    const ok = await runCli(['run', SEEDS_MATRIX, '-b', 'replay', '--replay', SEEDS_TRANSCRIPTS, '--compare', 'predicted', '-o', tempDir()]);
    expect(ok.code).toBe(0);
  });

  it('mismatches exit 1 unless --allow-mismatch; --json prints the summary', async () => {
    const dir = tempDir();
    const m = join(dir, 'm.json');
    writeFileSync(
      m,
      JSON.stringify({
        format: 'sbpl-kit/runtime-matrix@1',
        name: 'wrong',
        probes: { r: { target: { path: '/private/etc/hosts' }, exercise: 'read' } },
        profiles: [{ key: 'p', source: { inline: '(version 1)\n(deny default)\n' }, expect: { r: 'allow' } }],
      }),
    );
    const bad = await runCli(['run', m, '-o', join(dir, 'o1')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('differs: p/r: expected allow, got denied-by-sandbox');
    const allowed = await runCli(['run', m, '-o', join(dir, 'o2'), '--allow-mismatch', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).summary).toMatchObject({ total: 1, mismatched: 1, mismatches: ['p/r'] });
  });

  it('a malformed matrix exits 2 (run: 1 is a mismatch) naming the file, line and JSON path', async () => {
    const dir = tempDir();
    const m = join(dir, 'bad.json');
    writeFileSync(m, JSON.stringify({ format: 'sbpl-kit/runtime-matrix@1', name: 'b', probes: { r: { target: { path: 'relative' }, exercise: 'read' } }, profiles: [] }, null, 2));
    const r = await runCli(['run', m, '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[matrix/invalid]');
    expect(r.stderr).toMatch(new RegExp(`${m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: \\$\\.probes\\.r\\.target\\.path: must be an absolute path`));
    expect(r.stderr).toContain('$.profiles: at least one profile is required');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['run', '/nonexistent.json', '-o', tempDir()])).stderr).toContain('matrix not found: /nonexistent.json');
    const noReplay = await runCli(['run', SEEDS_MATRIX, '-b', 'replay', '-o', tempDir()]);
    expect(noReplay.code).toBe(2);
    expect(noReplay.stderr).toContain('--backend replay needs --replay');
    expect((await runCli(['run', SEEDS_MATRIX, '-b', 'quantum', '-o', tempDir()])).code).toBe(2);
    const badTranscript = join(tempDir(), 't.json');
    writeFileSync(badTranscript, '{"format": "sbpl-kit/runtime-transcript@1", "transcripts": [{"key": 1}]}');
    const t = await runCli(['run', SEEDS_MATRIX, '-b', 'replay', '--replay', badTranscript, '-o', tempDir()]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('$.transcripts[0].key');
  });
});

describe('sbpl matrix-check and matrix-schema', () => {
  it('matrix-check summarises a good matrix', async () => {
    const r = await runCli(['matrix-check', SEEDS_MATRIX]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok — 8 profile(s), 12 probe(s), 31 case(s)');
  });

  it('matrix-schema prints the schema that docs/ ships', async () => {
    const r = await runCli(['matrix-schema']);
    expect(r.code).toBe(0);
    const docs = readFileSync(join(FIXTURES, '..', '..', '..', 'docs', 'runtime-matrix.schema.json'), 'utf8');
    expect(r.stdout).toBe(docs);
  });
});
